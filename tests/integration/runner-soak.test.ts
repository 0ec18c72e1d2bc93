import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, type TestServer } from '../support/server.js';
import { request } from '../support/api.js';
import { FIXTURES, fixtureProblem, openCodingRoom, type CodingRoom } from '../support/room-fixture.js';

/** Each runner worker's WASM heap is capped at this (RUNNER_HEAP_MB). */
const HEAP_MB = 128;
const WORKERS = 2;
/**
 * The bound this test holds the server to: the Node process itself (about 100-150 MB with SQLite
 * and the problem bank) plus every worker's capped heap. A leak of a runtime or a worker per run
 * would cross it long before 1,000 runs.
 */
const RSS_BOUND_MB = 200 + WORKERS * HEAP_MB;
/** After warming up, RSS may not keep growing: the last tenth of the runs vs the first tenth. */
const GROWTH_BOUND_MB = 64;

const GOOD = 'function solve(n) {\n  return n * 2;\n}\n';
const HOSTILE = ['infinite-loop', 'memory-typed-arrays', 'output-one-huge-line', 'deep-recursion', 'native-call-loop', 'promise-job-loop'].map((name) => ({
  name,
  code: readFileSync(path.join(FIXTURES, 'hostile', `${name}.js`), 'utf8'),
  expect: /^\/\/ expect: ([a-z-]+)/.exec(readFileSync(path.join(FIXTURES, 'hostile', `${name}.js`), 'utf8'))![1],
}));

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

let server: TestServer;
const rooms: CodingRoom[] = [];
beforeAll(async () => {
  server = await startServer({ env: { RUNNER_WORKERS: String(WORKERS), RUNNER_HEAP_MB: String(HEAP_MB) } });
  // A short time limit keeps the hostile tenth quick.
  const problem = { ...fixtureProblem('double'), id: 'double-fast', timeLimitMs: 200 };
  expect((await request(server.url, 'POST', '/api/problems', { body: problem })).status).toBe(201);
  for (let i = 0; i < 4; i++) rooms.push(await openCodingRoom(server, { mode: 'interview', problemId: 'double-fast' }));
});
afterAll(async () => {
  for (const r of rooms) r.destroy();
  await server.stop();
  server.cleanup();
});

describe('a long series of runs', () => {
  it(`[RUN11] 1,000 runs, a tenth hostile: every verdict right, RSS below ${RSS_BOUND_MB} MB and not growing`, async () => {
    const TOTAL = 1000;
    const pid = server.proc.pid!;
    const samples: { done: number; rss: number }[] = [];
    let done = 0;
    let peak = 0;
    const sampler = setInterval(() => {
      const rss = rssMiB(pid);
      peak = Math.max(peak, rss);
      samples.push({ done, rss });
    }, 50);
    const wrong: string[] = [];
    try {
      // Four rooms side by side; each runs its share one after another (one run per room at a time).
      await Promise.all(
        rooms.map(async (room, r) => {
          for (let i = r; i < TOTAL; i += rooms.length) {
            const hostile = i % 10 === 9 ? HOSTILE[Math.floor(i / 10) % HOSTILE.length]! : null;
            await room.setCode(hostile ? hostile.code : GOOD);
            const { status, body } = await room.run('run');
            const got = status === 200 ? body.tests[0]!.status : `HTTP ${status}`;
            const want = hostile ? hostile.expect : 'pass';
            if (got !== want) wrong.push(`run ${i} (${hostile?.name ?? 'good'}): ${got}, wanted ${want}`);
            done++;
          }
        }),
      );
    } finally {
      clearInterval(sampler);
    }
    expect(wrong).toEqual([]);
    expect(done).toBe(TOTAL);
    expect((await request(server.url, 'GET', '/api/health')).body).toEqual({ ok: true });

    const early = samples.filter((s) => s.done >= 50 && s.done <= 150).map((s) => s.rss);
    const late = samples.filter((s) => s.done >= TOTAL - 100).map((s) => s.rss);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `RSS: peak ${peak.toFixed(0)} MB (bound ${RSS_BOUND_MB}), median after ~100 runs ${median(early).toFixed(0)} MB, during the last 100 ${median(late).toFixed(0)} MB`,
    );
    expect(peak).toBeLessThan(RSS_BOUND_MB);
    expect(median(late) - median(early)).toBeLessThan(GROWTH_BOUND_MB);
  });
});
