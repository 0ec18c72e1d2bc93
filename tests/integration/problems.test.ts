import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PAD,
  STATE,
  type ApiErrorBody,
  type InterviewerProblem,
  type ProblemSummary,
  type PublicProblem,
  type RoomInfo,
} from '@duet/shared';
import { startServer } from '../support/server.js';
import { useServerEnv } from '../support/server-env.js';
import { createRoom, request } from '../support/api.js';
import { waitFor } from '../support/clients.js';
import { fixtureProblem } from '../support/room-fixture.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = useServerEnv();

describe('problems API', () => {
  it('[PROB1] the list has no hidden tests, hints or solutions, and filters by difficulty and tag', async () => {
    const all = await request<{ problems: ProblemSummary[] }>(env.server.url, 'GET', '/api/problems');
    expect(all.status).toBe(200);
    expect(all.body.problems.length).toBeGreaterThanOrEqual(15);
    const text = JSON.stringify(all.body);
    for (const secret of ['"tests"', '"hints"', '"solution"']) expect(text).not.toContain(secret);
    const hard = await request<{ problems: ProblemSummary[] }>(env.server.url, 'GET', '/api/problems?difficulty=hard');
    expect(hard.body.problems.length).toBeGreaterThan(0);
    expect(hard.body.problems.every((p) => p.difficulty === 'hard')).toBe(true);
    const graphs = await request<{ problems: ProblemSummary[] }>(env.server.url, 'GET', '/api/problems?tag=graph');
    expect(graphs.body.problems.every((p) => p.tags.includes('graph'))).toBe(true);
  });

  it('[PROB2] hidden tests, hints and solution only for an interviewer token of a room using the problem', async () => {
    const publicView = await request<PublicProblem & Record<string, unknown>>(
      env.server.url,
      'GET',
      '/api/problems/lru-cache',
    );
    expect(publicView.body).toMatchObject({ id: 'lru-cache', kind: 'class', entry: 'LRUCache', source: 'builtin' });
    expect(publicView.body.hiddenTestCount).toBeGreaterThanOrEqual(10);
    expect(publicView.body.hintCount).toBeGreaterThanOrEqual(3);
    for (const key of ['tests', 'hints', 'solution']) expect(publicView.body).not.toHaveProperty(key);

    const room = await createRoom(env.server.url, { mode: 'interview', problemId: 'lru-cache' });
    const other = await createRoom(env.server.url, { mode: 'interview', problemId: 'two-sum' });
    const asInterviewer = await request<InterviewerProblem>(
      env.server.url,
      'GET',
      `/api/problems/lru-cache?room=${room.roomId}`,
      { token: room.tokens.interviewer! },
    );
    expect(asInterviewer.body.tests.length).toBeGreaterThanOrEqual(10);
    expect(asInterviewer.body.hints.length).toBeGreaterThanOrEqual(3);
    expect(asInterviewer.body.solution?.javascript).toContain('class LRUCache');
    const asCandidate = await request<Record<string, unknown>>(
      env.server.url,
      'GET',
      `/api/problems/lru-cache?room=${room.roomId}`,
      { token: room.tokens.candidate },
    );
    expect(asCandidate.body).not.toHaveProperty('tests');
    const otherRoom = await request<Record<string, unknown>>(
      env.server.url,
      'GET',
      `/api/problems/lru-cache?room=${other.roomId}`,
      { token: other.tokens.interviewer! },
    );
    expect(otherRoom.body).not.toHaveProperty('tests');
    const unknown = await request<ApiErrorBody>(env.server.url, 'GET', '/api/problems/no-such-problem');
    expect(unknown.status).toBe(404);
  });

  it('[PROB3] a bad problem document gets 400 naming each bad field', async () => {
    const bad = await request<ApiErrorBody>(env.server.url, 'POST', '/api/problems', {
      body: {
        id: 'Bad Id',
        title: '',
        difficulty: 'impossible',
        statement: 'x',
        kind: 'function',
        entry: 'not an identifier',
        starter: { javascript: '' },
        examples: [{ name: 'ok', args: 'not an array', expected: 1 }],
        tests: [{ name: 'no expected', args: [1] }],
        timeLimitMs: 99999,
        extra: true,
      },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.fields!.map((f) => f.path);
    for (const p of [
      'id',
      'title',
      'difficulty',
      'entry',
      'starter.typescript',
      'examples.0.args',
      'tests.0.expected',
      'timeLimitMs',
      'extra',
    ]) {
      expect(paths, p).toContain(p);
    }
    const classProblem = await request<ApiErrorBody>(env.server.url, 'POST', '/api/problems', {
      body: {
        ...fixtureProblem('double'),
        id: 'bad-class',
        kind: 'class',
        entry: 'Box',
        examples: [{ name: 'x', args: { ops: ['Other'], args: [[]] }, expected: [null] }],
      },
    });
    expect(classProblem.status).toBe(400);
    expect(classProblem.body.error.fields!.map((f) => f.path)).toContain('examples.0.args.ops.0');
    const list = await request<{ problems: ProblemSummary[] }>(env.server.url, 'GET', '/api/problems');
    expect(list.body.problems.map((p) => p.id)).not.toContain('bad-class');
  });

  it('[PROB4] a custom problem persists, can be used in a room, and its owner can export it for re-import', async () => {
    const doc: Record<string, unknown> = { ...fixtureProblem('double'), id: 'double-custom' };
    const created = await request<{ problem: PublicProblem; ownerToken: string }>(
      env.server.url,
      'POST',
      '/api/problems',
      { body: doc },
    );
    expect(created.status).toBe(201);
    expect(created.body.problem).toMatchObject({ id: 'double-custom', source: 'custom', hiddenTestCount: 2 });
    const again = await request<ApiErrorBody>(env.server.url, 'POST', '/api/problems', { body: doc });
    expect(again.status).toBe(409);
    const builtinClash = await request<ApiErrorBody>(env.server.url, 'POST', '/api/problems', {
      body: { ...doc, id: 'two-sum' },
    });
    expect(builtinClash.status).toBe(409);

    const noToken = await request<ApiErrorBody>(env.server.url, 'GET', '/api/problems/double-custom/export');
    expect(noToken.status).toBe(401);
    const candidateRoom = await createRoom(env.server.url, { mode: 'interview' });
    const asCandidate = await request<ApiErrorBody>(
      env.server.url,
      'GET',
      `/api/problems/double-custom/export?room=${candidateRoom.roomId}`,
      { token: candidateRoom.tokens.candidate },
    );
    expect(asCandidate.status).toBe(403);
    const exported = await request<Record<string, unknown>>(
      env.server.url,
      'GET',
      '/api/problems/double-custom/export',
      { token: created.body.ownerToken },
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('double-custom.json');
    expect(exported.body).toMatchObject({ id: 'double-custom', tests: doc.tests, solution: doc.solution });
    const reimport = await request(env.server.url, 'POST', '/api/problems', {
      body: { ...exported.body, id: 'double-copy' },
    });
    expect(reimport.status).toBe(201);
    const byInterviewer = await request(
      env.server.url,
      'GET',
      `/api/problems/two-sum/export?room=${candidateRoom.roomId}`,
      { token: candidateRoom.tokens.interviewer! },
    );
    expect(byInterviewer.status).toBe(200);

    const { port, dataDir } = env.server;
    expect(await env.server.stop()).toBe(0);
    env.server = await startServer({ port, dataDir });
    const afterRestart = await request<PublicProblem>(env.server.url, 'GET', '/api/problems/double-custom');
    expect(afterRestart.body).toMatchObject({ id: 'double-custom', source: 'custom' });
  });

  it("[PROB5] a room starts with the problem's starter in its language; an unknown problem is a 400", async () => {
    const unknown = await request<ApiErrorBody>(env.server.url, 'POST', '/api/rooms', {
      body: { mode: 'interview', problemId: 'nope-nope' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([{ path: 'problemId', message: expect.stringContaining('nope-nope') }]);
    const room = await createRoom(env.server.url, {
      mode: 'interview',
      problemId: 'min-stack',
      language: 'typescript',
    });
    const pad = env.client(env.server.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    await pad.synced;
    expect(pad.text.toString()).toContain('push(val: number): void');
  });

  it('[PROB6] the interviewer changes the problem: everyone sees it in state, and the code resets to the new starter', async () => {
    const room = await createRoom(env.server.url, { mode: 'interview', problemId: 'two-sum' });
    const pad = env.client(env.server.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    const state = env.client(env.server.wsUrl, room.roomId, 'state', room.tokens.candidate);
    await Promise.all([pad.synced, state.synced]);
    pad.text.insert(pad.text.length, '// my notes\n');
    const byCandidate = await request<ApiErrorBody>(env.server.url, 'PUT', `/api/rooms/${room.roomId}/problem`, {
      token: room.tokens.candidate,
      body: { problemId: 'coin-change' },
    });
    expect(byCandidate.status).toBe(403);
    const badBody = await request<ApiErrorBody>(env.server.url, 'PUT', `/api/rooms/${room.roomId}/problem`, {
      token: room.tokens.interviewer!,
      body: { problemId: 'Coin Change' },
    });
    expect(badBody.status).toBe(400);
    const changed = await request<RoomInfo>(env.server.url, 'PUT', `/api/rooms/${room.roomId}/problem`, {
      token: room.tokens.interviewer!,
      body: { problemId: 'coin-change' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.problemId).toBe('coin-change');
    await waitFor(() => state.doc.getMap(STATE.room).get('problemId') === 'coin-change', 'state shows the new problem');
    await waitFor(() => pad.text.toString().includes('function coinChange(coins, amount)'), 'pad has the new starter');
    expect(pad.text.toString()).not.toContain('my notes');
    const cleared = await request<RoomInfo>(env.server.url, 'PUT', `/api/rooms/${room.roomId}/problem`, {
      token: room.tokens.interviewer!,
      body: { problemId: null, resetCode: false },
    });
    expect(cleared.body.problemId).toBeNull();
    expect(pad.doc.getMap(PAD.meta).get('language')).toBe('javascript');
  });

  it('[PROB7] GET /api/schema/problem serves the JSON Schema, and docs/problem.schema.json is that schema', async () => {
    const res = await request<Record<string, unknown>>(env.server.url, 'GET', '/api/schema/problem');
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('object');
    const documented = JSON.parse(readFileSync(path.join(repo, 'docs/problem.schema.json'), 'utf8')) as unknown;
    expect(documented).toEqual(res.body);
  });
});
