// Load generator for `pnpm bench:sync`: ROOMS x 2 real y-websocket clients in this process, each
// typing CHARS_PER_S characters per second into the pad for DURATION_S seconds. Latency is measured
// from the sender's insert to the peer's observer, by the Yjs id of the inserted character.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile } from '../support/proc.js';

interface LoadConfig {
  wsBase: string;
  rooms: { roomId: string; tokens: [string, string] }[];
  durationS: number;
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

const sentAt = new Map<string, number>();
const latencies: number[] = [];
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
          const key = `${client}:${clock}`;
          const t0 = sentAt.get(key);
          if (t0 !== undefined) {
            latencies.push(now - t0);
            sentAt.delete(key);
          }
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

// Type: every client at CHARS_PER_S, phases spread so the load is even.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
measuring = true;
const periodMs = 1000 / config.charsPerS;
const start = performance.now();
for (const c of clients) c.nextAt = start + Math.random() * periodMs;
let sent = 0;
const letters = 'abcdefghijklmnopqrstuvwxyz';
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const now = performance.now();
    if (now - start >= config.durationS * 1000) {
      clearInterval(tick);
      resolve();
      return;
    }
    for (const c of clients) {
      if (c.nextAt > now) continue;
      c.nextAt += periodMs;
      const clock = Y.getState(c.doc.store, c.doc.clientID);
      sentAt.set(`${c.doc.clientID}:${clock}`, performance.now());
      c.text.insert(c.text.length, letters[sent % 26]!);
      sent++;
    }
  }, 2);
});
// Let the last keystrokes arrive.
await new Promise((r) => setTimeout(r, 2000));
measuring = false;

loopDelay.disable();
latencies.sort((a, b) => a - b);
const result: LoadResult = {
  clients: clients.length,
  sent,
  received: latencies.length,
  lost: sentAt.size,
  disconnects,
  latencyMs: {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
  },
  connectMs,
  samples: latencies,
  loopDelayMs: {
    p50: loopDelay.percentile(50) / 1e6,
    p99: loopDelay.percentile(99) / 1e6,
    max: loopDelay.max / 1e6,
  },
};
for (const c of clients) c.provider.destroy();
// Exit only once the (large) result has gone through the IPC channel.
process.send!({ type: 'result', result }, undefined, {}, () => process.exit(0));
