import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, type TestServer } from '../support/server.js';
import { request } from '../support/api.js';
import { FIXTURES, fixtureProblem, openCodingRoom, type CodingRoom } from '../support/room-fixture.js';

const problem = fixtureProblem('double');
const DEADLINE_MS = problem.timeLimitMs as number;
const GOOD = 'function solve(n) {\n  return n * 2;\n}\n';
const fixtures = readdirSync(path.join(FIXTURES, 'hostile'))
  .filter((f) => f.endsWith('.js'))
  .sort()
  .map((file) => {
    const code = readFileSync(path.join(FIXTURES, 'hostile', file), 'utf8');
    const expect = /^\/\/ expect: ([a-z-]+)/.exec(code)?.[1];
    if (!expect) throw new Error(`${file} has no "// expect:" line`);
    return { file, code, expect };
  });

let server: TestServer;
let room: CodingRoom;
beforeAll(async () => {
  server = await startServer({ env: { RUNNER_WORKERS: '2' } });
  const created = await request(server.url, 'POST', '/api/problems', { body: problem });
  expect(created.status).toBe(201);
  room = await openCodingRoom(server, { mode: 'interview', problemId: problem.id });
});
afterAll(async () => {
  room?.destroy();
  expect(await server.stop()).toBe(0);
  server.cleanup();
});

describe('hostile programs', () => {
  it('has at least 25 hostile fixtures covering every kind of attack', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    const verdicts = new Set(fixtures.map((f) => f.expect));
    for (const v of ['timeout', 'memory', 'output-limit', 'error', 'pass']) expect(verdicts).toContain(v);
  });

  for (const fixture of fixtures) {
    it(`[RUN1] ${fixture.file}: gets "${fixture.expect}" within the deadline + 100 ms; the server stays healthy and the next run passes`, async () => {
      await room.setCode(fixture.code);
      const hostile = await room.run('run');
      expect(hostile.status).toBe(200);
      const test = hostile.body.tests[0]!;
      expect(test.status, JSON.stringify(test).slice(0, 400)).toBe(fixture.expect);
      expect(test.durationMs!).toBeLessThanOrEqual(DEADLINE_MS + 100);
      // The whole request (HTTP, pad read, state write) on top of the verdict.
      expect(hostile.ms).toBeLessThanOrEqual(DEADLINE_MS + 100 + 400);
      if (fixture.expect !== 'pass') expect(test.error?.message.length).toBeGreaterThan(5);

      const health = await request(server.url, 'GET', '/api/health');
      expect(health.body).toEqual({ ok: true });
      await room.setCode(GOOD);
      const after = await room.run('run');
      expect(after.body.status, JSON.stringify(after.body).slice(0, 400)).toBe('passed');
    });
  }
});
