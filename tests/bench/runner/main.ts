// `pnpm bench:runner`: run latency and throughput of the sandbox through the real server, against
// the same solution called natively in Node (the floor), measured in the same run.
//   RUNS=300 THROUGHPUT_S=10 ROOMS=16 WORKERS=2 pnpm bench:runner
import { performance } from 'node:perf_hooks';
import { STATE, type CreateRoomResponse, type RunResult } from '@duet/shared';
import { startDuet } from '../support/servers.js';
import { percentile } from '../support/proc.js';
import { connectClient, waitFor } from '../../support/clients.js';

process.setMaxListeners(0);
const RUNS = Number(process.env.RUNS ?? 300);
const THROUGHPUT_S = Number(process.env.THROUGHPUT_S ?? 10);
const ROOMS = Number(process.env.ROOMS ?? 16);
const WORKERS = Number(process.env.WORKERS ?? 2);
const CASES = 20;

const SOLUTION = `function twoSum(nums, target) {
  const seen = new Map();
  for (let i = 0; i < nums.length; i++) {
    const need = target - nums[i];
    if (seen.has(need)) return [seen.get(need), i];
    seen.set(nums[i], i);
  }
  return [];
}
`;
const twoSum = new Function(`${SOLUTION}\nreturn twoSum;`)() as (nums: number[], target: number) => number[];

// 20 cases of 50 numbers each; the answer is the last two.
const examples = Array.from({ length: CASES }, (_, k) => {
  const nums = Array.from({ length: 50 }, (_, i) => i * 3 + k * 1000);
  const target = nums[48]! + nums[49]!;
  return { name: `case ${k + 1}`, args: [nums, target], expected: [48, 49] };
});
const problem = {
  id: 'bench-two-sum',
  title: 'Bench Two Sum',
  difficulty: 'easy',
  tags: ['bench'],
  statement: 'Two Sum with 20 visible cases.',
  kind: 'function',
  entry: 'twoSum',
  starter: { javascript: 'function twoSum(nums, target) {}\n', typescript: 'function twoSum(nums: number[], target: number): number[] { return []; }\n' },
  examples,
  tests: [],
  hints: ['a', 'b', 'c'],
  solution: { javascript: SOLUTION },
  timeLimitMs: 1000,
};

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const f = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

const server = await startDuet({ RUNNER_WORKERS: String(WORKERS) });
try {
  const base = server.httpUrl;
  const wsBase = server.wsBase;
  await post(base, '/api/problems', problem);
  const makeRoom = async () => {
    const room = (await post<CreateRoomResponse>(base, '/api/rooms', { mode: 'interview', problemId: problem.id })).body;
    const pad = connectClient(wsBase, room.roomId, 'pad', room.tokens.interviewer!);
    await pad.synced;
    pad.doc.transact(() => {
      pad.text.delete(0, pad.text.length);
      pad.text.insert(0, SOLUTION);
    });
    const state = connectClient(wsBase, room.roomId, 'state', room.tokens.candidate);
    await state.synced;
    await new Promise((r) => setTimeout(r, 200));
    return { room, pad, state };
  };

  // 1. Latency: one room, runs one after another; request to the result appearing in `state`.
  const { room, pad, state } = await makeRoom();
  for (let i = 0; i < 20; i++) await post(base, `/api/rooms/${room.roomId}/runs`, { kind: 'run' }, room.tokens.candidate); // warm-up
  const endToEnd: number[] = [];
  const response: number[] = [];
  const inWorker: number[] = [];
  const runs = state.doc.getArray<RunResult>(STATE.runs);
  for (let i = 0; i < RUNS; i++) {
    let seenAt = 0;
    let wanted = '';
    const observer = () => {
      const last = runs.get(runs.length - 1);
      if (last && last.runId === wanted && !seenAt) seenAt = performance.now();
    };
    runs.observe(observer);
    const t0 = performance.now();
    const res = await post<RunResult>(base, `/api/rooms/${room.roomId}/runs`, { kind: 'run' }, room.tokens.candidate);
    response.push(performance.now() - t0);
    if (res.status !== 200 || res.body.status !== 'passed') throw new Error(`run failed: ${JSON.stringify(res.body).slice(0, 300)}`);
    wanted = res.body.runId;
    observer();
    await waitFor(() => seenAt > 0, 'the result in state', 5000);
    runs.unobserve(observer);
    endToEnd.push(seenAt - t0);
    inWorker.push(res.body.tests.reduce((a, t) => a + (t.durationMs ?? 0), 0));
  }

  // 2. The floor: the same 20 cases called natively in this process (arguments from JSON, result to JSON).
  const native: number[] = [];
  const argsJson = examples.map((e) => JSON.stringify(e.args));
  for (let i = 0; i < RUNS + 200; i++) {
    const t0 = performance.now();
    for (const a of argsJson) {
      const [nums, target] = JSON.parse(a) as [number[], number];
      JSON.stringify(twoSum(nums, target));
    }
    if (i >= 200) native.push(performance.now() - t0);
  }

  // 3. Throughput: ROOMS rooms running back to back for THROUGHPUT_S seconds.
  const rooms = await Promise.all(Array.from({ length: ROOMS }, () => makeRoom()));
  let done = 0;
  let refused = 0;
  const until = performance.now() + THROUGHPUT_S * 1000;
  const t0 = performance.now();
  await Promise.all(
    rooms.map(async ({ room: r }) => {
      while (performance.now() < until) {
        const res = await post<RunResult>(base, `/api/rooms/${r.roomId}/runs`, { kind: 'run' }, r.tokens.candidate);
        if (res.status === 200) done++;
        else refused++;
      }
    }),
  );
  const throughput = done / ((performance.now() - t0) / 1000);

  // 4. An infinite loop of native calls (never reaches the interrupt handler): how far past the deadline.
  pad.doc.transact(() => {
    pad.text.delete(0, pad.text.length);
    pad.text.insert(0, 'function twoSum() { for (;;) "x".repeat(1e7); }\n');
  });
  await new Promise((r) => setTimeout(r, 200));
  const overshoot: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await post<RunResult>(base, `/api/rooms/${room.roomId}/runs`, { kind: 'run' }, room.tokens.candidate);
    const first = res.body.tests[0]!;
    if (first.status !== 'timeout') throw new Error(`expected a timeout, got ${first.status}`);
    overshoot.push((first.durationMs ?? NaN) - problem.timeLimitMs);
  }

  endToEnd.sort((a, b) => a - b);
  response.sort((a, b) => a - b);
  inWorker.sort((a, b) => a - b);
  native.sort((a, b) => a - b);
  overshoot.sort((a, b) => a - b);
  const p50 = percentile(endToEnd, 50);
  console.log(`bench:runner  ${CASES}-case runs, ${WORKERS} workers, ${RUNS} sequential runs, throughput over ${THROUGHPUT_S} s with ${ROOMS} rooms`);
  console.log('');
  console.log('| measure | p50 ms | p99 ms |');
  console.log('| --- | --- | --- |');
  console.log(`| end to end (request to result in state) | ${f(p50)} | ${f(percentile(endToEnd, 99))} |`);
  console.log(`| HTTP response | ${f(percentile(response, 50))} | ${f(percentile(response, 99))} |`);
  console.log(`| in worker (sum of the 20 tests) | ${f(percentile(inWorker, 50))} | ${f(percentile(inWorker, 99))} |`);
  console.log(`| native Node, same 20 calls (floor) | ${f(percentile(native, 50), 3)} | ${f(percentile(native, 99), 3)} |`);
  console.log(`| end to end / native | ${f(p50 / percentile(native, 50), 0)}x | |`);
  console.log('');
  console.log(`throughput: ${f(throughput, 0)} runs/s (${done} runs, ${refused} refused with 429)`);
  console.log(`native-call infinite loop stopped ${f(overshoot[0]!, 0)}-${f(overshoot[overshoot.length - 1]!, 0)} ms past its ${problem.timeLimitMs} ms deadline`);
  console.log('');
  const ok = p50 <= 15 && throughput >= 250 && overshoot[overshoot.length - 1]! <= 100;
  console.log(`targets (p50 <= 15 ms, >= 250 runs/s with 2 workers, loop stopped within deadline + 100 ms): ${ok ? 'met' : 'NOT met'}`);
  for (const r of [{ pad, state }, ...rooms]) {
    r.pad.destroy();
    r.state.destroy();
  }
} finally {
  await server.stop();
}
process.exit(0);
