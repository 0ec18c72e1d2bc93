import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { CloseCode, MessageType, PAD, STATE, type AwarenessUser } from '@duet/shared';
import { useServerEnv } from '../support/server-env.js';
import { createRoom, request } from '../support/api.js';
import { sleep, waitFor } from '../support/clients.js';
import {
  applyFrames,
  frameType,
  openRaw,
  syncStep1Frame,
  syncUpdateFrame,
  upgradeStatus,
} from '../support/raw-socket.js';

const env = useServerEnv({ env: { HEARTBEAT_INTERVAL_MS: '300' } });
const { client } = env;

describe('sync', () => {
  it('[SYNC3] two clients converge on the pad', async () => {
    const room = await createRoom(env.server.url);
    const a = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    const b = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    await Promise.all([a.synced, b.synced]);
    expect(a.doc.getMap(PAD.meta).get('language')).toBe('javascript');
    a.text.insert(0, 'function twoSum(nums, target) {\n}\n');
    await waitFor(() => b.text.toString().includes('twoSum'), 'b sees a');
    // Concurrent edits from both sides.
    for (let i = 0; i < 20; i++) {
      a.text.insert(a.text.length, `a${i};`);
      b.text.insert(0, `b${i};`);
    }
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.length > 100, 'convergence');
    for (let i = 0; i < 20; i++) {
      expect(a.text.toString()).toContain(`a${i};`);
      expect(a.text.toString()).toContain(`b${i};`);
    }
  });

  it('[SYNC1] a candidate is refused on private with 403 before any byte; the interviewer is let in', async () => {
    const room = await createRoom(env.server.url);
    const refused = await upgradeStatus(`${env.server.wsUrl}/${room.roomId}/private?token=${room.tokens.candidate}`);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe('forbidden');
    const noToken = await upgradeStatus(`${env.server.wsUrl}/${room.roomId}/pad`);
    expect(noToken.status).toBe(401);
    const wrong = await upgradeStatus(`${env.server.wsUrl}/${room.roomId}/pad?token=nope`);
    expect(wrong.status).toBe(401);
    const unknownRoom = await upgradeStatus(`${env.server.wsUrl}/AAAAAAAAAAAA/pad?token=${room.tokens.candidate}`);
    expect(unknownRoom.status).toBe(404);
    const unknownDoc = await upgradeStatus(
      `${env.server.wsUrl}/${room.roomId}/secret?token=${room.tokens.interviewer}`,
    );
    expect(unknownDoc.status).toBe(404);
    const interviewer = client(env.server.wsUrl, room.roomId, 'private', room.tokens.interviewer!);
    await interviewer.synced;
    interviewer.doc.getText('notes').insert(0, 'strong on complexity');
    const second = client(env.server.wsUrl, room.roomId, 'private', room.tokens.interviewer!);
    await waitFor(
      () => second.doc.getText('notes').toString() === 'strong on complexity',
      'second interviewer sees notes',
    );
  });

  it('[SYNC2][SYNC4] state is read-only for every client: updates are dropped and the sender told once', async () => {
    const room = await createRoom(env.server.url);
    const url = `${env.server.wsUrl}/${room.roomId}/state?token=${room.tokens.interviewer}`;
    const raw = await openRaw(url);
    const mirror = new Y.Doc();
    raw.send(syncStep1Frame(mirror));
    await waitFor(() => raw.frames.some((f) => frameType(f) === MessageType.Sync), 'initial sync');
    await sleep(100);
    applyFrames(raw.frames, mirror);
    expect(mirror.getMap(STATE.room).get('phase')).toBe('waiting');
    const watcher = client(env.server.wsUrl, room.roomId, 'state', room.tokens.candidate);
    await watcher.synced;

    // Forge a change to the room phase and send it twice.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(mirror));
    const before = Y.encodeStateVector(forged);
    forged.getMap(STATE.room).set('phase', 'ended');
    const update = Y.encodeStateAsUpdate(forged, before);
    raw.send(syncUpdateFrame(update));
    raw.send(syncUpdateFrame(update));
    await sleep(300);
    const authFrames = raw.frames.filter((f) => frameType(f) === MessageType.Auth);
    expect(authFrames).toHaveLength(1);
    const d = decoding.createDecoder(authFrames[0]!);
    decoding.readVarUint(d);
    expect(decoding.readVarUint(d)).toBe(0); // permission denied
    expect(decoding.readVarString(d)).toMatch(/read-only/);
    expect(watcher.doc.getMap(STATE.room).get('phase')).toBe('waiting');
    // The connection stays open and keeps receiving live updates.
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    raw.ws.close();
  });

  it('[SYNC5] ending the room makes the pad read-only for every open connection at once', async () => {
    const room = await createRoom(env.server.url);
    const a = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    const b = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    const fresh = () => client(env.server.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    await Promise.all([a.synced, b.synced]);
    b.text.insert(0, 'final answer');
    await waitFor(() => a.text.toString() === 'final answer', 'a sees the answer');
    const res = await request(env.server.url, 'POST', `/api/rooms/${room.roomId}/end`, {
      token: room.tokens.interviewer!,
    });
    expect(res.status).toBe(200);
    b.text.insert(b.text.length, ' -- late edit');
    a.text.insert(0, 'interviewer edit ');
    await sleep(300);
    const reader = fresh();
    await reader.synced;
    await sleep(100);
    expect(reader.text.toString()).toBe('final answer');
    // The state document says so too.
    const state = client(env.server.wsUrl, room.roomId, 'state', room.tokens.candidate);
    await state.synced;
    expect(state.doc.getMap(STATE.room).get('phase')).toBe('ended');
  });

  it('[SYNC6] awareness carries name, colour and the role from the token; it is cleaned up on close', async () => {
    const room = await createRoom(env.server.url);
    const interviewer = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.interviewer!, {
      user: { name: 'Ivy', color: '#3366ff' },
    });
    // The candidate claims to be an interviewer.
    const candidate = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.candidate, {
      user: { name: 'Cam', color: '#ff6633', role: 'interviewer' },
    });
    await Promise.all([interviewer.synced, candidate.synced]);
    candidate.provider.awareness.setLocalStateField('selection', { anchor: 0, head: 0 });
    const remoteUser = () =>
      interviewer.provider.awareness.getStates().get(candidate.doc.clientID)?.user as AwarenessUser | undefined;
    await waitFor(() => remoteUser()?.name === 'Cam', 'interviewer sees the candidate');
    expect(remoteUser()).toEqual({ name: 'Cam', color: '#ff6633', role: 'candidate' });
    await waitFor(
      () => !!interviewer.provider.awareness.getStates().get(candidate.doc.clientID)?.selection,
      'the cursor arrives',
    );
    expect(interviewer.provider.awareness.getStates().get(candidate.doc.clientID)?.selection).toEqual({
      anchor: 0,
      head: 0,
    });
    await waitFor(
      () =>
        (candidate.provider.awareness.getStates().get(interviewer.doc.clientID)?.user as AwarenessUser | undefined)
          ?.role === 'interviewer',
      'candidate sees the interviewer',
    );
    candidate.provider.disconnect();
    await waitFor(
      () => !interviewer.provider.awareness.getStates().has(candidate.doc.clientID),
      'candidate removed on close',
    );
  });

  it('[SYNC8] a malformed frame closes only its own connection', async () => {
    const room = await createRoom(env.server.url);
    const otherRoom = await createRoom(env.server.url);
    const a = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    const b = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    const c = client(env.server.wsUrl, otherRoom.roomId, 'pad', otherRoom.tokens.candidate);
    await Promise.all([a.synced, b.synced, c.synced]);
    const url = `${env.server.wsUrl}/${room.roomId}/pad?token=${room.tokens.candidate}`;

    const garbage = [
      new Uint8Array([0, 2, 200, 1, 2]), // update whose length runs past the end
      new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]), // update of 5 bytes that is not a Yjs update
      new Uint8Array([9]), // unknown message type
      new Uint8Array([0, 7]), // unknown sync message
      new Uint8Array([1, 3, 1, 1, 1]), // awareness that is cut off
    ];
    for (const frame of garbage) {
      const raw = await openRaw(url);
      raw.send(frame);
      const closed = await raw.closed;
      expect(closed.code, `frame ${Array.from(frame)}`).toBe(CloseCode.MalformedMessage.code);
      expect(closed.reason).toBe(CloseCode.MalformedMessage.reason);
    }
    const text = await openRaw(url);
    text.send('hello');
    expect((await text.closed).code).toBe(CloseCode.MalformedMessage.code);

    a.text.insert(0, 'still alive');
    await waitFor(() => b.text.toString() === 'still alive', 'room still syncs');
    c.text.insert(0, 'other room fine');
    const c2 = client(env.server.wsUrl, otherRoom.roomId, 'pad', otherRoom.tokens.candidate);
    await waitFor(() => c2.text.toString() === 'other room fine', 'other room still syncs');
  });

  it('[SYNC8] an oversized frame closes only its own connection with 1009', async () => {
    const room = await createRoom(env.server.url);
    const a = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    const b = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    await Promise.all([a.synced, b.synced]);
    const raw = await openRaw(`${env.server.wsUrl}/${room.roomId}/pad?token=${room.tokens.candidate}`);
    raw.send(new Uint8Array(2 * 1024 * 1024));
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.MessageTooBig.code);
    a.text.insert(0, 'after the big one');
    await waitFor(() => b.text.toString() === 'after the big one', 'room still syncs');
  });

  it('[SYNC9] an idle connection hears from the server at least once per heartbeat interval', async () => {
    const room = await createRoom(env.server.url);
    const raw = await openRaw(`${env.server.wsUrl}/${room.roomId}/pad?token=${room.tokens.candidate}`);
    let pings = 0;
    raw.ws.on('ping', () => pings++);
    await sleep(150);
    const before = raw.frames.length;
    await sleep(1500);
    // Keep-alive frames are empty awareness updates: [1, 1, 0].
    const keepalives = raw.frames.slice(before).filter((f) => f.length === 3 && f[0] === 1 && f[1] === 1 && f[2] === 0);
    expect(keepalives.length).toBeGreaterThanOrEqual(2);
    expect(pings).toBeGreaterThanOrEqual(2);
    raw.ws.close();
  });
});
