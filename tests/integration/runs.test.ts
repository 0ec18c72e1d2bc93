import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PAD, PRIVATE, STATE, type ApiErrorBody, type RunResult, type RunSummary } from '@duet/shared';
import { startServer } from '../support/server.js';
import { useServerEnv } from '../support/server-env.js';
import { createRoom, request } from '../support/api.js';
import { sleep, waitFor } from '../support/clients.js';
import { openCodingRoom, type CodingRoom } from '../support/room-fixture.js';

const TWO_SUM = `function twoSum(nums, target) {
  const seen = new Map();
  for (let i = 0; i < nums.length; i++) {
    if (seen.has(target - nums[i])) return [seen.get(target - nums[i]), i];
    seen.set(nums[i], i);
  }
}
`;

const env = useServerEnv();
const { client } = env;
const rooms: CodingRoom[] = [];
env.atEnd(() => {
  for (const r of rooms.splice(0)) r.destroy();
});
async function coding(body: Record<string, unknown>): Promise<CodingRoom> {
  const room = await openCodingRoom(env.server, body);
  rooms.push(room);
  return room;
}

describe('running code in a room', () => {
  it('[RUN2] the starter code is in the pad, and a run result reaches everyone through the state document', async () => {
    const room = await coding({ mode: 'interview', problemId: 'two-sum' });
    expect(room.observer.text.toString()).toContain('function twoSum(nums, target)');
    const watchers = [
      client(env.server.wsUrl, room.room.roomId, 'state', room.room.tokens.candidate),
      client(env.server.wsUrl, room.room.roomId, 'state', room.room.tokens.interviewer!),
    ];
    await Promise.all(watchers.map((w) => w.synced));
    const states: string[] = [];
    watchers[0]!.doc
      .getMap(STATE.runState)
      .observe(() => states.push(String(watchers[0]!.doc.getMap(STATE.runState).get('status'))));

    const failing = await room.run('run');
    expect(failing.body.status).toBe('failed');
    expect(failing.body.tests.every((t) => t.status === 'fail')).toBe(true);
    expect(failing.body.tests[0]).toMatchObject({
      visibility: 'example',
      args: [[2, 7, 11, 15], 9],
      expected: [0, 1],
      actual: 'undefined',
    });

    await room.setCode(TWO_SUM);
    const passing = await room.run('run');
    expect(passing.body).toMatchObject({
      status: 'passed',
      kind: 'run',
      by: 'candidate',
      language: 'javascript',
      passed: 3,
      total: 3,
    });
    for (const w of watchers) {
      await waitFor(() => w.doc.getArray<RunResult>(STATE.runs).length === 2, 'both runs in state');
      expect(w.doc.getArray<RunResult>(STATE.runs).get(1)).toMatchObject({
        runId: passing.body.runId,
        status: 'passed',
      });
    }
    expect(states).toContain('running');
    expect(watchers[0]!.doc.getMap(STATE.runState).get('status')).toBe('idle');
  });

  it('[RUN3] hidden tests: the candidate sees name and status only, the interviewer and the private document see everything', async () => {
    const room = await coding({ mode: 'interview', problemId: 'two-sum' });
    await room.setCode(
      TWO_SUM.replace(
        'return [seen.get(target - nums[i]), i];',
        'return nums.length > 100 ? [0, 0] : [seen.get(target - nums[i]), i];',
      ),
    );
    const asCandidate = await room.run('submit', 'candidate');
    expect(asCandidate.body.total).toBe(14);
    const hidden = asCandidate.body.tests.filter((t) => t.visibility === 'hidden');
    expect(hidden).toHaveLength(11);
    for (const t of hidden) expect(Object.keys(t).sort()).toEqual(['name', 'status', 'visibility']);
    expect(hidden.some((t) => t.status === 'fail')).toBe(true);

    const priv = client(env.server.wsUrl, room.room.roomId, 'private', room.room.tokens.interviewer!);
    await priv.synced;
    await waitFor(() => priv.doc.getMap(PRIVATE.runDetails).has(asCandidate.body.runId), 'full result in private');
    const full = priv.doc.getMap<RunResult>(PRIVATE.runDetails).get(asCandidate.body.runId)!;
    const failedHidden = full.tests.find((t) => t.visibility === 'hidden' && t.status === 'fail')!;
    expect(failedHidden.args).toBeDefined();
    expect(failedHidden.expected).toBeDefined();
    expect(failedHidden.actual).toEqual([0, 0]);

    // The candidate's copy of state carries no hidden arguments or expected values.
    const candidateState = client(env.server.wsUrl, room.room.roomId, 'state', room.room.tokens.candidate);
    await candidateState.synced;
    const stored = JSON.stringify(candidateState.doc.getArray(STATE.runs).toJSON());
    expect(stored).not.toContain(JSON.stringify(failedHidden.args));

    const asInterviewer = await room.run('submit', 'interviewer');
    expect(asInterviewer.body.tests.filter((t) => t.visibility === 'hidden').every((t) => 'args' in t)).toBe(true);
  });

  it("[RUN4] the candidate's own cases run too; without an expected value they are compared with the reference solution", async () => {
    const room = await coding({ mode: 'interview', problemId: 'two-sum' });
    await room.setCode(TWO_SUM);
    const tests = room.writer.doc.getArray<Y.Map<string>>(PAD.customTests);
    const add = (fields: Record<string, string>) => {
      const m = new Y.Map<string>();
      for (const [k, v] of Object.entries(fields)) m.set(k, v);
      tests.push([m]);
    };
    room.writer.doc.transact(() => {
      add({ id: 'a', name: 'mine, vs reference', args: '[[1, 5, 9], 14]', expected: '' });
      add({ id: 'b', name: 'mine, wrong expected', args: '[[1, 5, 9], 14]', expected: '[0, 1]' });
      add({ id: 'c', name: 'broken json', args: '[[1, 5, 9], ', expected: '' });
      add({ id: 'd', name: '', args: '{"not": "an array"}', expected: '' });
    });
    await waitFor(() => room.observer.doc.getArray(PAD.customTests).length === 4, 'cases reach the server');
    const { body } = await room.run('run');
    const custom = body.tests.filter((t) => t.visibility === 'custom');
    expect(custom.map((t) => t.status)).toEqual(['pass', 'fail', 'error', 'error']);
    expect(custom[0]).toMatchObject({ expected: [1, 2], actual: [1, 2] });
    expect(custom[2]!.error!.message).toMatch(/not valid JSON/);
    expect(custom[3]).toMatchObject({ name: 'Case 4' });
    expect(custom[3]!.error!.message).toMatch(/JSON array/);
    expect(body.total).toBe(3 + 4);
  });

  it('[RUN5] one run at a time per room: a second one gets 429 with a sentence; other rooms are not held up', async () => {
    const slow = await coding({ mode: 'interview', problemId: 'two-sum' });
    const other = await coding({ mode: 'interview', problemId: 'two-sum' });
    await slow.setCode(
      'function twoSum() { const end = Date.now() + 600; while (Date.now() < end) {} return [0, 1]; }',
    );
    await other.setCode(TWO_SUM);
    const first = slow.run('run');
    await sleep(100);
    const second = await slow.run('run');
    expect(second.status).toBe(429);
    expect((second.body as unknown as ApiErrorBody).error.message).toMatch(/already going on/);
    const elsewhere = await other.run('run');
    expect(elsewhere.body.status).toBe('passed');
    expect((await first).status).toBe(200);
  });

  it("[RUN6] TypeScript runs, and an error points at the candidate's own line", async () => {
    const room = await coding({ mode: 'interview', problemId: 'two-sum', language: 'typescript' });
    expect(room.observer.text.toString()).toContain('function twoSum(nums: number[], target: number): number[]');
    expect(room.observer.doc.getMap(PAD.meta).get('language')).toBe('typescript');
    await room.setCode(
      'type Pair = [number, number];\n\nfunction twoSum(nums: number[], target: number): Pair {\n  const missing: any = undefined;\n  return missing.pair as Pair;\n}\n',
    );
    const { body } = await room.run('run');
    expect(body.language).toBe('typescript');
    expect(body.tests[0]!.status).toBe('error');
    expect(body.tests[0]!.error).toMatchObject({ line: 5 });
    expect(body.tests[0]!.error!.message).toMatch(/TypeError/);

    await room.setCode(
      'function twoSum(nums: number[], target: number): number[] {\n  const x: number = ;\n  return [x];\n}\n',
    );
    const syntax = await room.run('run');
    expect(syntax.body.status).toBe('error');
    expect(syntax.body.compileError).toMatchObject({ line: 2 });
    expect(syntax.body.compileError!.message).toMatch(/SyntaxError/);
  });

  it('[RUN7] a room without a problem runs the program and shows its console', async () => {
    const room = await coding({ mode: 'interview' });
    await room.setCode('const xs = [3, 1, 2].sort();\nconsole.log("sorted", xs);\nconsole.warn("careful");\n');
    const { body } = await room.run('run');
    expect(body.status).toBe('passed');
    expect(body.tests).toHaveLength(1);
    expect(body.tests[0]!.console).toBe('sorted [ 1, 2, 3 ]\n[warn] careful\n');
    await room.setCode('console.log("before");\nnull.x;\n');
    const failed = await room.run('run');
    expect(failed.body.status).toBe('error');
    expect(failed.body.compileError).toMatchObject({ line: 2 });
  });

  it('[RUN7] console output past 8000 characters is cut and marked truncated; the test still passes', async () => {
    const room = await coding({ mode: 'interview' });
    // 300 lines of 100 characters: well over the cap, far under the 1 MB flood limit.
    await room.setCode('for (let i = 0; i < 300; i++) console.log(String(i).padStart(99, "."));\n');
    const { body } = await room.run('run');
    expect(body.status).toBe('passed');
    const test = body.tests[0]!;
    expect(test.consoleTruncated).toBe(true);
    expect(test.console).toHaveLength(8000);
    expect(test.console!.startsWith(`${'.'.repeat(98)}0\n`)).toBe(true);
    // A short console is not marked.
    await room.setCode('console.log("hi");\n');
    const short = await room.run('run');
    expect(short.body.tests[0]!.consoleTruncated).toBeUndefined();
  });

  it('[RUN8] run history is persisted (who, when, kind, summary) and survives a restart', async () => {
    const room = await coding({ mode: 'interview', problemId: 'two-sum' });
    await room.setCode(TWO_SUM);
    await room.run('run', 'candidate');
    await room.run('submit', 'interviewer');
    const history = await request<{ runs: RunSummary[] }>(
      env.server.url,
      'GET',
      `/api/rooms/${room.room.roomId}/runs`,
      {
        token: room.room.tokens.candidate,
      },
    );
    expect(history.body.runs.map((r) => [r.kind, r.by, r.status])).toEqual([
      ['run', 'candidate', 'passed'],
      ['submit', 'interviewer', 'passed'],
    ]);
    expect(history.body.runs[1]).toMatchObject({ passed: 14, total: 14 });
    room.destroy();
    rooms.splice(rooms.indexOf(room), 1);
    env.destroyClients();
    for (const r of rooms.splice(0)) r.destroy();
    const { port, dataDir } = env.server;
    expect(await env.server.stop()).toBe(0);
    env.server = await startServer({ port, dataDir });
    const again = await request<{ runs: RunSummary[] }>(env.server.url, 'GET', `/api/rooms/${room.room.roomId}/runs`, {
      token: room.room.tokens.interviewer!,
    });
    expect(again.body.runs).toEqual(history.body.runs);
  });

  it('[RUN9] bad requests: a wrong kind is 400 naming the field, no token 401, an ended room 409', async () => {
    const room = await createRoom(env.server.url, { mode: 'interview', problemId: 'two-sum' });
    const bad = await request<ApiErrorBody>(env.server.url, 'POST', `/api/rooms/${room.roomId}/runs`, {
      token: room.tokens.candidate,
      body: { kind: 'test' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'kind', message: expect.stringMatching(/"run"/) }]);
    const anonymous = await request(env.server.url, 'POST', `/api/rooms/${room.roomId}/runs`, {
      body: { kind: 'run' },
    });
    expect(anonymous.status).toBe(401);
    await request(env.server.url, 'POST', `/api/rooms/${room.roomId}/end`, { token: room.tokens.interviewer! });
    const ended = await request<ApiErrorBody>(env.server.url, 'POST', `/api/rooms/${room.roomId}/runs`, {
      token: room.tokens.candidate,
      body: { kind: 'run' },
    });
    expect(ended.status).toBe(409);
    expect(ended.body.error.code).toBe('room_ended');
  });
});

describe('the global run queue', () => {
  it('[RUN10] past the global limit the API answers 429 with a sentence and Retry-After', async () => {
    const busy = await startServer({ env: { RUNNER_WORKERS: '1', RUNNER_QUEUE: '1' } });
    const opened: CodingRoom[] = [];
    try {
      for (let i = 0; i < 4; i++) opened.push(await openCodingRoom(busy, { mode: 'interview', problemId: 'two-sum' }));
      await opened[0]!.run('run'); // the worker has loaded QuickJS
      for (const r of opened)
        await r.setCode(
          'function twoSum() { const end = Date.now() + 400; while (Date.now() < end) {} return [0, 1]; }',
        );
      const results = await Promise.all(opened.map((r) => r.run('run')));
      const refused = results.filter((r) => r.status === 429);
      // One runs, one waits in the queue of 1, the rest are refused.
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
      expect(refused[0]!.headers.get('retry-after')).toBe('2');
      const body = refused[0]!.body as unknown as ApiErrorBody;
      expect(body.error.message).toMatch(/many programs/);
    } finally {
      for (const r of opened) r.destroy();
      await busy.stop();
      busy.cleanup();
    }
  });
});
