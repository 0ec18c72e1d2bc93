import { describe, expect, it } from 'vitest';
import {
  NOTES_TEMPLATE,
  PAD,
  PRIVATE,
  STATE,
  timerFromMap,
  timerReading,
  type ApiErrorBody,
  type HintEntry,
  type SessionSummary,
  type SignalEntry,
  type TimerState,
} from '@duet/shared';
import { useServerEnv } from '../support/server-env.js';
import { createRoom, request } from '../support/api.js';
import { sleep, waitFor, type YClient } from '../support/clients.js';
import { openCodingRoom } from '../support/room-fixture.js';

const env = useServerEnv();
const { client } = env;
const post = <T = unknown>(path: string, token: string, body: unknown = {}) =>
  request<T>(env.server.url, 'POST', path, { token, body });

/** The clock as a client reads it (the same function the browser uses). */
function timerOf(c: YClient): TimerState {
  return timerFromMap(c.doc.getMap<unknown>(STATE.timer));
}

describe('timer and phases', () => {
  it('[TIME1] the interviewer starts, pauses, resumes and extends the server clock; everyone reads the same time', async () => {
    const room = await createRoom(env.server.url, { mode: 'interview', durationMinutes: 30 });
    const cand = client(env.server.wsUrl, room.roomId, 'state', room.tokens.candidate);
    await cand.synced;
    expect(cand.doc.getMap(STATE.room).get('phase')).toBe('waiting');
    expect(timerOf(cand)).toMatchObject({ durationMs: 30 * 60_000, startedAt: null });

    const byCandidate = await post<ApiErrorBody>(`/api/rooms/${room.roomId}/timer`, room.tokens.candidate, {
      action: 'start',
    });
    expect(byCandidate.status).toBe(403);
    const bad = await post<ApiErrorBody>(`/api/rooms/${room.roomId}/timer`, room.tokens.interviewer!, {
      action: 'extend',
      minutes: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.[0]?.path).toBe('minutes');
    const unknown = await post<ApiErrorBody>(`/api/rooms/${room.roomId}/timer`, room.tokens.interviewer!, {
      action: 'stop',
    });
    expect(unknown.status).toBe(400);

    const started = await post<{ timer: TimerState; now: number }>(
      `/api/rooms/${room.roomId}/timer`,
      room.tokens.interviewer!,
      { action: 'start' },
    );
    expect(started.status).toBe(200);
    expect(started.body.timer.startedAt).toBe(started.body.now);
    await waitFor(() => cand.doc.getMap(STATE.room).get('phase') === 'in_progress', 'phase in progress');
    const info = await request<{ phase: string }>(env.server.url, 'GET', `/api/rooms/${room.roomId}`, {
      token: room.tokens.candidate,
    });
    expect(info.body.phase).toBe('in_progress');
    const twice = await post<ApiErrorBody>(`/api/rooms/${room.roomId}/timer`, room.tokens.interviewer!, {
      action: 'start',
    });
    expect(twice.status).toBe(409);

    await sleep(300);
    await post(`/api/rooms/${room.roomId}/timer`, room.tokens.interviewer!, { action: 'pause' });
    await waitFor(() => timerOf(cand).pausedAt !== null, 'paused');
    const frozen = timerReading(timerOf(cand), Date.now());
    await sleep(300);
    expect(timerReading(timerOf(cand), Date.now()).elapsedMs).toBe(frozen.elapsedMs);
    expect(frozen.elapsedMs).toBeGreaterThanOrEqual(250);
    await post(`/api/rooms/${room.roomId}/timer`, room.tokens.interviewer!, { action: 'resume' });
    await waitFor(() => timerOf(cand).pausedAt === null && timerOf(cand).pausedMs >= 250, 'resumed');
    await post(`/api/rooms/${room.roomId}/timer`, room.tokens.interviewer!, { action: 'extend', minutes: 5 });
    await waitFor(() => timerOf(cand).durationMs === 35 * 60_000, 'extended');

    // Every pause is recorded.
    const ended = await post(`/api/rooms/${room.roomId}/end`, room.tokens.interviewer!);
    expect(ended.status).toBe(200);
    await waitFor(() => timerOf(cand).pausedAt !== null, 'the clock stops at the end');
    const afterEnd = await post<ApiErrorBody>(`/api/rooms/${room.roomId}/timer`, room.tokens.interviewer!, {
      action: 'resume',
    });
    expect(afterEnd.status).toBe(409);
  });

  it('GET /api/time gives the server clock', async () => {
    const before = Date.now();
    const res = await request<{ now: number }>(env.server.url, 'GET', '/api/time');
    expect(res.body.now).toBeGreaterThanOrEqual(before - 5);
    expect(res.body.now).toBeLessThanOrEqual(Date.now() + 5);
  });
});

describe('hints and nudges', () => {
  it('[HINT1] the interviewer reveals the ladder in order and sends nudges; the candidate sees them at once; unrevealed hints stay on the server', async () => {
    const room = await createRoom(env.server.url, { mode: 'interview', problemId: 'two-sum' });
    const cand = client(env.server.wsUrl, room.roomId, 'state', room.tokens.candidate);
    await cand.synced;
    const hints = () => cand.doc.getArray<HintEntry>(STATE.hints).toArray();

    const byCandidate = await post<ApiErrorBody>(`/api/rooms/${room.roomId}/hints`, room.tokens.candidate, {
      next: true,
    });
    expect(byCandidate.status).toBe(403);
    const bad = await post<ApiErrorBody>(`/api/rooms/${room.roomId}/hints`, room.tokens.interviewer!, { text: '' });
    expect(bad.status).toBe(400);

    const first = await post<{ hint: HintEntry; remaining: number }>(
      `/api/rooms/${room.roomId}/hints`,
      room.tokens.interviewer!,
      { next: true },
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ hint: { kind: 'hint', index: 0, of: 3 }, remaining: 2 });
    await waitFor(() => hints().length === 1, 'the candidate gets the hint');
    expect(hints()[0]!.text).toMatch(/brute force/);
    const everything = JSON.stringify(cand.doc.getArray(STATE.hints).toJSON());
    expect(everything).not.toContain('target - x');

    await post(`/api/rooms/${room.roomId}/hints`, room.tokens.interviewer!, {
      text: 'What if you remembered what you have seen?',
    });
    await post(`/api/rooms/${room.roomId}/hints`, room.tokens.interviewer!, { next: true });
    await post(`/api/rooms/${room.roomId}/hints`, room.tokens.interviewer!, { next: true });
    await waitFor(() => hints().length === 4, 'all four');
    expect(hints().map((h) => [h.kind, h.index ?? null])).toEqual([
      ['hint', 0],
      ['nudge', null],
      ['hint', 1],
      ['hint', 2],
    ]);
    const none = await post<ApiErrorBody>(`/api/rooms/${room.roomId}/hints`, room.tokens.interviewer!, { next: true });
    expect(none.status).toBe(409);
    expect(none.body.error.message).toMatch(/All 3 hints/);

    const free = await createRoom(env.server.url, { mode: 'interview' });
    const noLadder = await post<ApiErrorBody>(`/api/rooms/${free.roomId}/hints`, free.tokens.interviewer!, {
      next: true,
    });
    expect(noLadder.status).toBe(409);
    expect(
      (await post(`/api/rooms/${free.roomId}/hints`, free.tokens.interviewer!, { text: 'Try a map' })).status,
    ).toBe(201);
  });
});

describe('notes, private notes and the scorecard', () => {
  it("[NOTES1] the candidate's think-out-loud notes start with the structure interviewers look for, and the interviewer sees them live", async () => {
    const room = await createRoom(env.server.url, { mode: 'interview' });
    const cand = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    const intv = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    await Promise.all([cand.synced, intv.synced]);
    const notes = cand.doc.getText(PAD.notes);
    expect(notes.toString()).toBe(NOTES_TEMPLATE);
    for (const heading of ['Clarifying questions', 'Examples', 'Approach', 'Complexity', 'Edge cases', 'Tests']) {
      expect(notes.toString()).toContain(`## ${heading}`);
    }
    notes.insert(notes.length, '[+02:10] Asked whether the input can be empty\n');
    await waitFor(
      () => intv.doc.getText(PAD.notes).toString().includes('input can be empty'),
      'the interviewer sees the note',
    );
  });

  it('[PRIV1] private notes and the scorecard are shared by the interviewers, written before the start, and never open to the candidate', async () => {
    const room = await createRoom(env.server.url, { mode: 'interview' });
    const a = client(env.server.wsUrl, room.roomId, 'private', room.tokens.interviewer!);
    const b = client(env.server.wsUrl, room.roomId, 'private', room.tokens.interviewer!);
    await Promise.all([a.synced, b.synced]);
    a.doc.getText(PRIVATE.notes).insert(0, 'Ask about the overflow case.');
    a.doc.getMap(PRIVATE.scorecard).set('coding.score', 3);
    a.doc.getMap(PRIVATE.scorecard).set('recommendation', 'yes');
    await waitFor(
      () => b.doc.getMap(PRIVATE.scorecard).get('recommendation') === 'yes',
      'the second interviewer sees the scorecard',
    );
    expect(b.doc.getText(PRIVATE.notes).toString()).toBe('Ask about the overflow case.');
    await post(`/api/rooms/${room.roomId}/end`, room.tokens.interviewer!);
    // After the end the interviewers still fill in the scorecard.
    b.doc.getMap(PRIVATE.scorecard).set('testing.score', 2);
    await waitFor(() => a.doc.getMap(PRIVATE.scorecard).get('testing.score') === 2, 'writable after the end');
  });
});

describe('integrity signals', () => {
  it('[SIG1] large pastes and hidden-tab time of the candidate are recorded openly; the interviewer sees them live', async () => {
    const room = await createRoom(env.server.url, { mode: 'interview' });
    const intv = client(env.server.wsUrl, room.roomId, 'state', room.tokens.interviewer!);
    await intv.synced;
    const before = await post<{ recorded: boolean }>(`/api/rooms/${room.roomId}/signals`, room.tokens.candidate, {
      type: 'paste',
      chars: 900,
      lines: 30,
    });
    expect(before.body.recorded).toBe(false); // not started yet
    await post(`/api/rooms/${room.roomId}/timer`, room.tokens.interviewer!, { action: 'start' });
    const paste = await post<{ recorded: boolean }>(`/api/rooms/${room.roomId}/signals`, room.tokens.candidate, {
      type: 'paste',
      chars: 900,
      lines: 30,
    });
    expect(paste.status).toBe(201);
    await post(`/api/rooms/${room.roomId}/signals`, room.tokens.candidate, { type: 'hidden', ms: 15_000 });
    const fromInterviewer = await post<{ recorded: boolean }>(
      `/api/rooms/${room.roomId}/signals`,
      room.tokens.interviewer!,
      { type: 'hidden', ms: 5000 },
    );
    expect(fromInterviewer.body.recorded).toBe(false);
    await waitFor(() => intv.doc.getArray(STATE.signals).length === 2, 'signals in state');
    const signals = intv.doc.getArray<SignalEntry>(STATE.signals).toArray();
    expect(signals).toMatchObject([
      { type: 'paste', chars: 900, lines: 30 },
      { type: 'hidden', ms: 15_000 },
    ]);
    const bad = await post<ApiErrorBody>(`/api/rooms/${room.roomId}/signals`, room.tokens.candidate, {
      type: 'paste',
      chars: -1,
      lines: 1,
    });
    expect(bad.status).toBe(400);
    const other = await post<ApiErrorBody>(`/api/rooms/${room.roomId}/signals`, room.tokens.candidate, {
      type: 'camera',
    });
    expect(other.status).toBe(400);
  });
});

describe('practice', () => {
  it('[PRAC1] a practice session: timed phases, self-revealed hints with their cost, runs, and a summary at the end', async () => {
    const session = await openCodingRoom(env.server, {
      mode: 'practice',
      problemId: 'climbing-stairs',
      durationMinutes: 20,
      phases: true,
    });
    const { room } = session;
    const token = room.tokens.candidate;
    const state = client(env.server.wsUrl, room.roomId, 'state', token);
    await state.synced;
    expect(timerOf(state).phases.map((p) => p.name)).toEqual(['understand', 'plan', 'code', 'test']);
    expect(timerOf(state).phases.reduce((a, p) => a + p.ms, 0)).toBe(20 * 60_000);

    expect((await post(`/api/rooms/${room.roomId}/timer`, token, { action: 'start' })).status).toBe(200);
    // A hint on a problem the holder then leaves does not count against the one they finish.
    const put = (problemId: string) =>
      request(env.server.url, 'PUT', `/api/rooms/${room.roomId}/problem`, {
        token,
        body: { problemId, resetCode: true },
      });
    expect((await put('two-sum')).status).toBe(200);
    expect((await post(`/api/rooms/${room.roomId}/hints`, token, { next: true })).status).toBe(201);
    expect((await put('climbing-stairs')).status).toBe(200);
    expect((await post(`/api/rooms/${room.roomId}/hints`, token, { next: true })).status).toBe(201);
    await session.setCode(
      'function climbStairs(n) {\n  let a = 1, b = 1;\n  for (let i = 2; i <= n; i++) [a, b] = [b, a + b];\n  return b;\n}\n',
    );
    await session.run('run');
    const submitted = await session.run('submit');
    expect(submitted.body.status).toBe('passed');
    const pad = session.writer.doc.getText(PAD.notes);
    pad.insert(pad.length, 'Fibonacci in disguise.\n');
    await waitFor(
      () => session.observer.doc.getText(PAD.notes).toString().includes('Fibonacci'),
      'notes reach the server',
    );
    await sleep(200);
    expect((await post(`/api/rooms/${room.roomId}/end`, token)).status).toBe(200);

    const summary = await request<SessionSummary>(env.server.url, 'GET', `/api/rooms/${room.roomId}/summary`, {
      token,
    });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      problemId: 'climbing-stairs',
      problemTitle: 'Climbing Stairs',
      hintsUsed: 1,
      hintsAvailable: 3,
      runs: 1,
      submits: 1,
      passRate: 1,
      score: 90,
      plannedMs: 20 * 60_000,
    });
    expect(summary.body.timeUsedMs).toBeGreaterThan(100);
    expect(summary.body.notes).toContain('Fibonacci in disguise.');
    // The clock no longer moves once the session ended.
    await sleep(200);
    const again = await request<SessionSummary>(env.server.url, 'GET', `/api/rooms/${room.roomId}/summary`, { token });
    expect(again.body.timeUsedMs).toBe(summary.body.timeUsedMs);
    session.destroy();
  });

  it('a candidate in an interview cannot read the summary', async () => {
    const room = await createRoom(env.server.url, { mode: 'interview' });
    const res = await request<ApiErrorBody>(env.server.url, 'GET', `/api/rooms/${room.roomId}/summary`, {
      token: room.tokens.candidate,
    });
    expect(res.status).toBe(403);
  });
});
