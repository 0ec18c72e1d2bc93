import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MessageType } from '@duet/shared';
import { useServerEnv } from '../support/server-env.js';
import { createRoom } from '../support/api.js';
import { sleep, waitFor } from '../support/clients.js';
import { applyFrames, frameType, openRaw, syncStep1Frame, syncUpdateFrame } from '../support/raw-socket.js';

const LIMIT = 256 * 1024;
const env = useServerEnv({ env: { MAX_DOC_BYTES: String(LIMIT) } });
const { client } = env;

describe('document size limit', () => {
  it("[SYNC11] past MAX_DOC_BYTES a document refuses clients' changes, says so once, and other rooms go on", async () => {
    const room = await createRoom(env.server.url);
    const raw = await openRaw(`${env.server.wsUrl}/${room.roomId}/pad?token=${room.tokens.candidate}`);
    const mirror = new Y.Doc();
    raw.send(syncStep1Frame(mirror));
    await waitFor(() => raw.frames.some((f) => frameType(f) === MessageType.Sync), 'initial sync');
    await sleep(100);
    applyFrames(raw.frames, mirror);
    const watcher = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    await watcher.synced;
    const startLength = watcher.text.length;

    // The sender's own copy: each change goes out as the update it makes.
    const send = (text: string) => {
      const before = Y.encodeStateVector(mirror);
      const code = mirror.getText('code');
      code.insert(code.length, text);
      raw.send(syncUpdateFrame(Y.encodeStateAsUpdate(mirror, before)));
    };
    send('a'.repeat(150 * 1024)); // fits
    await waitFor(() => watcher.text.length === startLength + 150 * 1024, 'the first 150 KB arrive');
    send('b'.repeat(150 * 1024)); // 300 KB > 256 KB
    send('c'); // still refused, not told again
    await sleep(300);
    expect(watcher.text.length).toBe(startLength + 150 * 1024);
    const auth = raw.frames.filter((f) => frameType(f) === MessageType.Auth);
    expect(auth).toHaveLength(1);
    const d = decoding.createDecoder(auth[0]!);
    decoding.readVarUint(d);
    expect(decoding.readVarUint(d)).toBe(0); // permission denied
    expect(decoding.readVarString(d)).toMatch(/pad document has reached its size limit \(0\.3 MB\)/);
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);

    // What was refused was not saved: a new connection gets the 150 KB version.
    const late = client(env.server.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    await late.synced;
    expect(late.text.toString().endsWith('a'.repeat(10))).toBe(true);
    expect(late.text.length).toBe(startLength + 150 * 1024);

    // Another room does not notice.
    const other = await createRoom(env.server.url);
    const x = client(env.server.wsUrl, other.roomId, 'pad', other.tokens.interviewer!);
    const y = client(env.server.wsUrl, other.roomId, 'pad', other.tokens.candidate);
    await Promise.all([x.synced, y.synced]);
    x.text.insert(0, 'still fine');
    await waitFor(() => y.text.toString().startsWith('still fine'), 'the other room syncs');
    raw.ws.close();
  });
});
