// `pnpm bench:sync`: ROOMS rooms x 2 clients typing CHARS_PER_S characters per second for DURATION_S
// seconds, against our server (persistence on) and, in the same run, against @y/websocket-server
// 0.1.1 (in memory) as the reference. Prints keystroke-to-peer latency, server CPU and RSS,
// disconnects, and our/reference ratios.
// Runs alternate (ours, reference, ours, reference, ...) REPEATS times; latency percentiles pool
// every keystroke of all repeats, CPU and RSS are the mean and max over repeats. Clients type for
// WARMUP_S seconds before the DURATION_S measured seconds (both servers alike); CPU, commits and
// event-loop delay are counted over the measured window only.
//   ROOMS=250 DURATION_S=30 CHARS_PER_S=5 REPEATS=2 WARMUP_S=2 pnpm bench:sync
// Knobs for investigating: BENCH_ONLY_OURS=1 skips the reference; BENCH_PIN=1 pins the server to
// CPU 0 and the load to CPU 1; BENCH_SERVER_EXEC_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof";
// BENCH_LOAD_EXEC_ARGV="--trace-gc" for the load generator; BENCH_TRACE=<file> writes every measured
// keystroke's [ms since measuring began, latency] to find when the slow ones happened.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, cpuTimes, percentile, pinToCpu, sampleRss } from '../support/proc.js';
import { startDuet, startReference, type BenchServer } from '../support/servers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOMS = Number(process.env.ROOMS ?? 250);
const DURATION_S = Number(process.env.DURATION_S ?? 30);
const CHARS_PER_S = Number(process.env.CHARS_PER_S ?? 5);
const REPEATS = Number(process.env.REPEATS ?? 2);
const WARMUP_S = Number(process.env.WARMUP_S ?? 2);

interface Row {
  server: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  cpuPercent: number;
  /** The part of cpuPercent spent in the kernel (syscalls: sockets, SQLite's file writes). */
  systemCpuPercent: number;
  rssPeakMiB: number;
  disconnects: number;
  lost: number;
  sent: number;
  connectMs: number;
  samples: number[];
  loadCpuPercent: number;
  loadLoopP99: number;
  serverLoopP99: number;
  serverLoopMax: number;
  /** Our server: keystrokes committed per SQLite transaction. */
  updatesPerCommit: number;
}

async function createRooms(
  server: BenchServer,
  isDuet: boolean,
): Promise<{ roomId: string; tokens: [string, string] }[]> {
  const rooms: { roomId: string; tokens: [string, string] }[] = [];
  for (let i = 0; i < ROOMS; i++) {
    if (!isDuet) {
      rooms.push({ roomId: `bench-room-${i}`, tokens: ['x', 'x'] });
      continue;
    }
    const res = await fetch(`${server.httpUrl}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'interview' }),
    });
    const body = (await res.json()) as { roomId: string; tokens: { interviewer: string; candidate: string } };
    rooms.push({ roomId: body.roomId, tokens: [body.tokens.interviewer, body.tokens.candidate] });
  }
  return rooms;
}

async function run(server: BenchServer, isDuet: boolean): Promise<Row> {
  const rooms = await createRooms(server, isDuet);
  const load = fork(path.join(here, 'load.ts'), [], {
    // BENCH_LOAD_EXEC_ARGV="--trace-gc" shows the load generator's own pauses.
    // The load generator is the instrument: a large young generation and a collection before typing
    // keep its own GC pauses (which would land on whichever server is measured) out of the figures.
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      '--max-semi-space-size=64',
      ...(process.env.BENCH_LOAD_EXEC_ARGV?.split(' ').filter(Boolean) ?? []),
    ],
    env: {
      ...process.env,
      BENCH_LOAD_CONFIG: JSON.stringify({
        wsBase: server.wsBase,
        rooms,
        durationS: DURATION_S,
        warmupS: WARMUP_S,
        charsPerS: CHARS_PER_S,
      }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  pinned = pinToCpu(load.pid!, 1);
  const messages: { type: string; connectMs?: number; result?: Record<string, unknown> }[] = [];
  let onMessage: () => void = () => {};
  load.on('message', (m: (typeof messages)[number]) => {
    messages.push(m);
    onMessage();
  });
  const next = (type: string) =>
    new Promise<(typeof messages)[number]>((resolve, reject) => {
      const check = () => {
        const found = messages.find((m) => m.type === type);
        if (found) resolve(found);
      };
      onMessage = check;
      load.once('exit', (code) => code !== 0 && reject(new Error(`load process exited with ${code}`)));
      check();
    });
  const ready = await next('ready');
  const pid = server.proc.pid!;
  const rss = sampleRss(pid);
  load.send('go');
  // CPU and commits are counted over the measured window only (after the warm-up).
  await next('measuring');
  const cpu0 = cpuTimes(pid);
  const loadCpu0 = cpuSeconds(load.pid!);
  const t0 = performance.now();
  const hubBefore = isDuet ? await hubStats(server, true) : null;
  await next('typed');
  const elapsedS = (performance.now() - t0) / 1000;
  const cpu1 = cpuTimes(pid);
  const loadCpuPercent = ((cpuSeconds(load.pid!) - loadCpu0) / elapsedS) * 100;
  const hubAfter = isDuet ? await hubStats(server) : null;
  const { result } = (await next('result')) as unknown as {
    result: {
      sent: number;
      lost: number;
      disconnects: number;
      latencyMs: Record<string, number>;
      samples: number[];
      loopDelayMs: { p50: number; p99: number; max: number };
    };
  };
  const cpuPercent = ((cpu1.user + cpu1.system - cpu0.user - cpu0.system) / elapsedS) * 100;
  const systemCpuPercent = ((cpu1.system - cpu0.system) / elapsedS) * 100;
  const { peakMiB } = rss.stop();
  let serverLoopP99 = NaN;
  let serverLoopMax = NaN;
  let updatesPerCommit = NaN;
  if (hubBefore && hubAfter) {
    serverLoopP99 = hubAfter.eventLoopDelayMs.p99;
    serverLoopMax = hubAfter.eventLoopDelayMs.max;
    updatesPerCommit =
      (hubAfter.sync.updatesCommitted - hubBefore.sync.updatesCommitted) /
      (hubAfter.sync.commits - hubBefore.sync.commits);
  }
  return {
    server: server.name,
    p50: result.latencyMs.p50!,
    p95: result.latencyMs.p95!,
    p99: result.latencyMs.p99!,
    max: result.latencyMs.max!,
    cpuPercent,
    systemCpuPercent,
    rssPeakMiB: peakMiB,
    disconnects: result.disconnects,
    lost: result.lost,
    sent: result.sent,
    connectMs: ready.connectMs!,
    samples: result.samples,
    loadCpuPercent,
    loadLoopP99: result.loopDelayMs.p99,
    serverLoopP99,
    serverLoopMax,
    updatesPerCommit,
  };
}

/** Our server's /api/health/details; `reset` restarts its event-loop delay histogram after reading. */
async function hubStats(server: BenchServer, reset = false) {
  const res = await fetch(`${server.httpUrl}/api/health/details${reset ? '?reset=1' : ''}`);
  return (await res.json()) as {
    eventLoopDelayMs: { p99: number; max: number };
    sync: { commits: number; updatesCommitted: number };
  };
}

/** Pool the repeats of one server into one row. */
function pool(runs: Row[]): Row {
  const samples = runs.flatMap((r) => r.samples).sort((a, b) => a - b);
  const sum = (pick: (r: Row) => number) => runs.reduce((a, r) => a + pick(r), 0);
  return {
    server: runs[0]!.server,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples[samples.length - 1] ?? NaN,
    cpuPercent: sum((r) => r.cpuPercent) / runs.length,
    systemCpuPercent: sum((r) => r.systemCpuPercent) / runs.length,
    rssPeakMiB: Math.max(...runs.map((r) => r.rssPeakMiB)),
    disconnects: sum((r) => r.disconnects),
    lost: sum((r) => r.lost),
    sent: sum((r) => r.sent),
    connectMs: sum((r) => r.connectMs) / runs.length,
    samples: [],
    loadCpuPercent: sum((r) => r.loadCpuPercent) / runs.length,
    loadLoopP99: Math.max(...runs.map((r) => r.loadLoopP99)),
    serverLoopP99: Math.max(...runs.map((r) => r.serverLoopP99)),
    serverLoopMax: Math.max(...runs.map((r) => r.serverLoopMax)),
    updatesPerCommit: sum((r) => r.updatesPerCommit) / runs.length,
  };
}

let pinned = false;
const f = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

console.log(
  `bench:sync  ${ROOMS} rooms x 2 clients, ${CHARS_PER_S} chars/s each, ${DURATION_S} s measured after ${WARMUP_S} s of warm-up, ${REPEATS} alternating repeat(s), load in a separate process`,
);
const ourRuns: Row[] = [];
const refRuns: Row[] = [];
for (let i = 0; i < REPEATS; i++) {
  const duet = await startDuet();
  ourRuns.push(await run(duet, true));
  await duet.stop();
  if (process.env.BENCH_ONLY_OURS) {
    const o = ourRuns[i]!;
    console.log(
      `  repeat ${i + 1}: ours p50 ${f(o.p50)} p95 ${f(o.p95)} p99 ${f(o.p99)} max ${f(o.max)} CPU ${f(o.cpuPercent, 1)} (system ${f(o.systemCpuPercent, 1)}); load CPU ${f(o.loadCpuPercent, 0)} %, load loop delay p99 ${f(o.loadLoopP99)} ms, server loop delay p99 ${f(o.serverLoopP99)} max ${f(o.serverLoopMax)} ms, ${f(o.updatesPerCommit)} updates per commit`,
    );
    continue;
  }
  const reference = await startReference();
  refRuns.push(await run(reference, false));
  await reference.stop();
  const o = ourRuns[i]!;
  const r = refRuns[i]!;
  console.log(
    `  repeat ${i + 1}: p99 ours ${f(o.p99)} ms, reference ${f(r.p99)} ms (max ${f(o.max, 1)} / ${f(r.max, 1)}); server CPU ours ${f(o.cpuPercent, 1)} % (system ${f(o.systemCpuPercent, 1)}), reference ${f(r.cpuPercent, 1)} % (system ${f(r.systemCpuPercent, 1)}); load generator CPU ${f(o.loadCpuPercent, 0)} % / ${f(r.loadCpuPercent, 0)} %; ours ${f(o.updatesPerCommit)} updates per commit, event-loop delay max ${f(o.serverLoopMax)} ms`,
  );
}
if (process.env.BENCH_ONLY_OURS) process.exit(0);
console.log(
  pinned ? '  (server pinned to CPU 0, load generator to CPU 1)' : '  (not pinned: server and load share the CPUs)',
);
const ours = pool(ourRuns);
const ref = pool(refRuns);

const rows = [ours, ref];
console.log('');
console.log(
  '| server | keystrokes | p50 ms | p95 ms | p99 ms | max ms | server CPU % | of which system % | server RSS peak MiB | disconnects | lost |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.server} | ${r.sent} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.max, 1)} | ${f(r.cpuPercent, 1)} | ${f(r.systemCpuPercent, 1)} | ${f(r.rssPeakMiB, 1)} | ${r.disconnects} | ${r.lost} |`,
  );
}
console.log(
  `| ours / reference | | ${f(ours.p50 / ref.p50)} | ${f(ours.p95 / ref.p95)} | ${f(ours.p99 / ref.p99)} | ${f(ours.max / ref.max)} | ${f(ours.cpuPercent / ref.cpuPercent)} | ${f(ours.systemCpuPercent / ref.systemCpuPercent)} | ${f(ours.rssPeakMiB / ref.rssPeakMiB)} | | |`,
);
console.log('');
const targetOk = ours.p99 <= 10 && ours.disconnects === 0 && ours.lost === 0;
// "No worse than the reference": our p50, p95 and p99 at most the reference's (pooled repeats).
const ratios = [ours.p50 / ref.p50, ours.p95 / ref.p95, ours.p99 / ref.p99];
const noWorse = ratios.every((r) => Number(r.toFixed(2)) <= 1);
console.log(`target p99 <= 10 ms, 0 disconnects, 0 lost: ${targetOk ? 'met' : 'NOT met'}`);
console.log(
  `target latency no worse than the in-memory reference (p50/p95/p99 ratios ${ratios.map((r) => f(r)).join(' / ')}): ${noWorse ? 'met' : 'NOT met'}`,
);
