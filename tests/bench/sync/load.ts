// Load generator for `pnpm bench:sync`: ROOMS x 2 real y-websocket clients in this process, each
// typing CHARS_PER_S characters per second into the pad for WARMUP_S + DURATION_S seconds. Latency
// is measured from the sender's insert to the peer's observer, by the Yjs id of the inserted
// character, for the keystrokes typed after the warm-up.
// This process is the measuring instrument, so it keeps its own pauses small: it is started with a
// large young generation (main.ts), collects garbage before typing starts, and records into
// preallocated arrays with numeric keys. Its own event-loop delay is reported next to the results.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { percentile } from '../support/proc.js';

interface LoadConfig {
  wsBase: string;
  rooms: { roomId: string; tokens: [string, string] }[];
  durationS: number;
  warmupS: number;
  charsPerS: number;
}

interface LoadResult {
  clients: number;
  sent: number;
  received: number;
  lost: number;
  disconnects: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  connectMs: number;
  /** Every measured latency, for pooling across repeats. */
  samples: number[];
  /** This process's own event-loop delay while typing: a floor under what it can measure. */
  loopDelayMs: { p50: number; p99: number; max: number };
}

const config = JSON.parse(process.env.BENCH_LOAD_CONFIG!) as LoadConfig;
process.setMaxListeners(0);

interface Client {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  nextAt: number;
}

/** When each keystroke was typed, by `client * 2^20 + clock` (a number key: no string per keystroke). */
const sentAt = new Map<number, number>();
const CLOCK_SPAN = 2 ** 20;
const keyOf = (client: number, clock: number) => client * CLOCK_SPAN + clock;
const expected = Math.ceil(config.rooms.length * 2 * config.charsPerS * config.durationS * 1.2) + 1000;
const latencies = new Float64Array(expected);
let measured = 0;
/** Keystrokes typed before this time are warm-up: delivered and checked, not measured. */
let measureFrom = Infinity;
/** With BENCH_TRACE=<file>: every keystroke's send time (ms since typing began) and latency, for finding stalls. */
const trace: [number, number][] | null = process.env.BENCH_TRACE ? [] : null;
let disconnects = 0;
let measuring = false;

const clients: Client[] = [];
const connectStart = performance.now();
for (const room of config.rooms) {
  for (const token of room.tokens) {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(config.wsBase, `${room.roomId}/pad`, doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const text = doc.getText('code');
    text.observe((event) => {
      if (!measuring || event.transaction.local) return;
      const now = performance.now();
      // Y.Text events do not list added items; the state vectors before and after the
      // transaction give every new (client, clock), one per typed character.
      const tr = event.transaction;
      tr.afterState.forEach((after, client) => {
        for (let clock = tr.beforeState.get(client) ?? 0; clock < after; clock++) {
          const key = keyOf(client, clock);
          const t0 = sentAt.get(key);
          if (t0 === undefined) continue;
          sentAt.delete(key);
          if (t0 < measureFrom) continue;
          if (measured === latencies.length) throw new Error('more keystrokes than the bench planned for');
          latencies[measured++] = now - t0;
          trace?.push([t0 - measureFrom, now - t0]);
        }
      });
    });
    provider.on('connection-close', () => {
      if (measuring) disconnects++;
    });
    clients.push({ doc, text, provider, nextAt: 0 });
  }
}

await new Promise<void>((resolve, reject) => {
  const timeout = setTimeout(() => reject(new Error('clients did not all sync within 60 s')), 60_000);
  const check = setInterval(() => {
    if (clients.every((c) => c.provider.synced)) {
      clearInterval(check);
      clearTimeout(timeout);
      resolve();
    }
  }, 20);
});
const connectMs = performance.now() - connectStart;
process.send?.({ type: 'ready', connectMs });
await new Promise<void>((resolve) => process.once('message', () => resolve()));

// Type: every client at CHARS_PER_S, phases spread so the load is even. The first WARMUP_S
// seconds are not measured (the same for every server): both processes compile their hot paths then.
(globalThis as { gc?: () => void }).gc?.();
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let loopDelayOn = false;
measuring = true;
const periodMs = 1000 / config.charsPerS;
const start = performance.now();
measureFrom = start + config.warmupS * 1000;
for (const c of clients) c.nextAt = start + Math.random() * periodMs;
let sent = 0;
let typed = 0;
const letters = 'abcdefghijklmnopqrstuvwxyz';
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const now = performance.now();
    if (now >= measureFrom && !loopDelayOn) {
      loopDelayOn = loopDelay.enable();
      process.send!({ type: 'measuring' });
    }
    if (now - measureFrom >= config.durationS * 1000) {
      clearInterval(tick);
      process.send!({ type: 'typed' });
      resolve();
      return;
    }
    for (const c of clients) {
      if (c.nextAt > now) continue;
      c.nextAt += periodMs;
      const clock = Y.getState(c.doc.store, c.doc.clientID);
      const t0 = performance.now();
      sentAt.set(keyOf(c.doc.clientID, clock), t0);
      c.text.insert(c.text.length, letters[typed++ % 26]!);
      if (t0 >= measureFrom) sent++;
    }
  }, 2);
});
// Let the last keystrokes arrive.
await new Promise((r) => setTimeout(r, 2000));
measuring = false;

loopDelay.disable();
const samples = Array.from(latencies.subarray(0, measured)).sort((a, b) => a - b);
const result: LoadResult = {
  clients: clients.length,
  sent,
  received: samples.length,
  lost: sentAt.size,
  disconnects,
  latencyMs: {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples[samples.length - 1] ?? NaN,
    mean: samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length),
  },
  connectMs,
  samples,
  loopDelayMs: {
    p50: loopDelay.percentile(50) / 1e6,
    p99: loopDelay.percentile(99) / 1e6,
    max: loopDelay.max / 1e6,
  },
};
for (const c of clients) c.provider.destroy();
if (trace) {
  // The wall-clock time measuring began, to line slow keystrokes up with the server's own logs.
  const measuringStartedAt = Date.now() - (performance.now() - measureFrom);
  writeFileSync(process.env.BENCH_TRACE!, JSON.stringify({ measuringStartedAt, samples: trace }));
}
// Exit only once the (large) result has gone through the IPC channel.
process.send!({ type: 'result', result }, undefined, {}, () => process.exit(0));
