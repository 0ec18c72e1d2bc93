import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PAD, PRIVATE, STATE, type InterviewerProblem, type RunResult } from '@duet/shared';
import { loadBuiltinProblems } from '../../server/src/problems/bank.js';
import { useServerEnv } from '../support/server-env.js';
import { createRoom, request } from '../support/api.js';
import { sleep, waitFor } from '../support/clients.js';
import { applyFrames, openRaw, syncStep1Frame, type RawSocket } from '../support/raw-socket.js';

const problem = loadBuiltinProblems().find((p) => p.id === 'valid-palindrome')!;

const env = useServerEnv();
const sockets: RawSocket[] = [];
env.atEnd(() => {
  for (const s of sockets) s.ws.close();
});

describe('what reaches a candidate', () => {
  it('[LEAK1] no byte a candidate receives carries private notes, the scorecard, unrevealed hints, the solution or hidden tests', async () => {
    const room = await createRoom(env.server.url, { mode: 'interview', problemId: problem.id });
    const candidateHttp: string[] = [];
    const asCandidate = async <T>(method: string, path: string, body?: unknown) => {
      const res = await request<T>(env.server.url, method, path, { token: room.tokens.candidate, body });
      candidateHttp.push(JSON.stringify(res.body));
      return res;
    };

    // The candidate's connections: raw sockets that keep every frame.
    for (const doc of ['pad', 'state'] as const) {
      const raw = await openRaw(`${env.server.wsUrl}/${room.roomId}/${doc}?token=${room.tokens.candidate}`);
      raw.send(syncStep1Frame(new Y.Doc()));
      sockets.push(raw);
    }
    await asCandidate('GET', `/api/rooms/${room.roomId}`);
    await asCandidate('GET', `/api/problems/${problem.id}?room=${room.roomId}`);

    // The interviewer prepares, writes private notes and scores, and reveals the first hint only.
    const secrets = {
      privateNote: 'SECRET-PRIVATE-NOTE-7f3a',
      scorecardComment: 'SECRET-SCORECARD-9b1c',
      unrevealedHint1: problem.hints[1]!,
      unrevealedHint2: problem.hints[2]!,
      solution: problem.solution!.javascript!.split('\n')[1]!.trim(),
      hiddenArgs1: 'No lemon, no melon',
      hiddenArgs2: 'Was it a car or a cat I saw?',
    };
    const priv = env.client(env.server.wsUrl, room.roomId, 'private', room.tokens.interviewer!);
    await priv.synced;
    priv.doc.getText(PRIVATE.notes).insert(0, `Before the start: ${secrets.privateNote}`);
    const interviewerView = await request<InterviewerProblem>(
      env.server.url,
      'GET',
      `/api/problems/${problem.id}?room=${room.roomId}`,
      {
        token: room.tokens.interviewer!,
      },
    );
    expect(interviewerView.body.hints).toContain(secrets.unrevealedHint1);
    await request(env.server.url, 'POST', `/api/rooms/${room.roomId}/timer`, {
      token: room.tokens.interviewer!,
      body: { action: 'start' },
    });
    await request(env.server.url, 'POST', `/api/rooms/${room.roomId}/hints`, {
      token: room.tokens.interviewer!,
      body: { next: true },
    });
    await request(env.server.url, 'POST', `/api/rooms/${room.roomId}/hints`, {
      token: room.tokens.interviewer!,
      body: { text: 'Two pointers?' },
    });
    priv.doc.getMap(PRIVATE.scorecard).set('communication.comment', secrets.scorecardComment);
    priv.doc.getMap(PRIVATE.scorecard).set('communication.score', 4);

    // The candidate writes a solution that fails some hidden tests, and submits; so does the interviewer.
    const pad = env.client(env.server.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    await pad.synced;
    pad.doc.transact(() => {
      const code = pad.doc.getText(PAD.code);
      code.delete(0, code.length);
      code.insert(
        0,
        'function isPalindrome(s) {\n  const t = s.toLowerCase().replace(/[^a-z]/g, "");\n  return t === [...t].reverse().join("");\n}\n',
      );
    });
    await sleep(300);
    const submitted = await asCandidate<RunResult>('POST', `/api/rooms/${room.roomId}/runs`, { kind: 'submit' });
    expect(submitted.body.tests.some((t) => t.visibility === 'hidden' && t.status === 'fail')).toBe(true);
    const byInterviewer = await request<RunResult>(env.server.url, 'POST', `/api/rooms/${room.roomId}/runs`, {
      token: room.tokens.interviewer!,
      body: { kind: 'submit' },
    });
    expect(JSON.stringify(byInterviewer.body)).toContain(secrets.hiddenArgs1);
    await asCandidate('GET', `/api/rooms/${room.roomId}/runs`);
    await asCandidate('POST', `/api/rooms/${room.roomId}/signals`, { type: 'hidden', ms: 3000 });
    await asCandidate('GET', `/api/rooms/${room.roomId}/summary`);
    await waitFor(() => priv.doc.getMap(PRIVATE.runDetails).size === 2, 'both runs in private');
    await sleep(500);

    // Everything the candidate received, as bytes, then as decoded documents.
    const frames = sockets.flatMap((s) => s.frames);
    expect(frames.length).toBeGreaterThan(10);
    const wire = Buffer.concat([...frames.map((f) => Buffer.from(f)), Buffer.from(candidateHttp.join('\n'))]);
    for (const [name, secret] of Object.entries(secrets)) {
      expect(wire.includes(Buffer.from(secret, 'utf8')), `${name} reached the candidate`).toBe(false);
    }
    // Sanity: the revealed hint and the candidate's own view did arrive.
    expect(wire.includes(Buffer.from(problem.hints[0]!, 'utf8'))).toBe(true);
    expect(wire.includes(Buffer.from('Two pointers?', 'utf8'))).toBe(true);

    const stateDoc = new Y.Doc();
    applyFrames(sockets[1]!.frames, stateDoc);
    const runs = stateDoc.getArray<RunResult>(STATE.runs).toArray();
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      for (const t of run.tests.filter((x) => x.visibility === 'hidden')) {
        expect(Object.keys(t).sort()).toEqual(['name', 'status', 'visibility']);
      }
    }
    const padDoc = new Y.Doc();
    applyFrames(sockets[0]!.frames, padDoc);
    expect(padDoc.getText(PAD.code).toString()).toContain('isPalindrome');
  });
});
