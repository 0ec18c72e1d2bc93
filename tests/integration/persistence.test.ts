import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { CloseCode } from '@duet/shared';
import { startServer, type TestServer } from '../support/server.js';
import { createRoom } from '../support/api.js';
import { connectClient, sleep, waitFor, type YClient } from '../support/clients.js';
import { openRaw } from '../support/raw-socket.js';

process.setMaxListeners(50);
const servers: TestServer[] = [];
const clients: YClient[] = [];
function client(...args: Parameters<typeof connectClient>): YClient {
  const c = connectClient(...args);
  clients.push(c);
  return c;
}
async function start(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) {
    await s.kill9();
  }
});

function logCount(dataDir: string, roomId: string, doc: string): number {
  const db = new Database(path.join(dataDir, 'duet.sqlite'), { readonly: true });
  try {
    return (
      db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE room_id = ? AND doc = ?').get(roomId, doc) as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

describe('persistence', () => {
  it('[SYNC10] a SIGTERM restart keeps every edit; clients are told "server restart" and come back', async () => {
    const first = await start();
    const room = await createRoom(first.url);
    const a = client(first.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    await a.synced;
    const raw = await openRaw(`${first.wsUrl}/${room.roomId}/pad?token=${room.tokens.interviewer}`);
    for (let i = 0; i < 50; i++) a.text.insert(a.text.length, `line ${i}\n`);
    const expected = a.text.toString();
    await sleep(200);
    expect(await first.stop()).toBe(0);
    expect((await raw.closed).code).toBe(CloseCode.ServerRestart.code);

    const second = await start({ dataDir: first.dataDir, port: first.port });
    const fresh = client(second.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    await fresh.synced;
    expect(fresh.text.toString()).toBe(expected);
    // The old client reconnected on its own and keeps syncing.
    a.text.insert(0, 'after restart\n');
    await waitFor(() => fresh.text.toString().startsWith('after restart\n'), 'old client syncs after restart');
    first.cleanup();
  });

  it('[SYNC7] kill -9 in the middle of typing loses nothing that was acknowledged; offline edits merge', async () => {
    const first = await start();
    const room = await createRoom(first.url);
    const typist = client(first.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    const observer = client(first.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    await Promise.all([typist.synced, observer.synced]);

    // Type a character every 2 ms; kill the server while typing continues.
    let typed = 0;
    let typing = true;
    const typer = (async () => {
      while (typing) {
        typist.text.insert(typist.text.length, String.fromCharCode(97 + (typed % 26)));
        typed++;
        await sleep(2);
      }
    })();
    await waitFor(() => observer.text.length > 300, 'observer sees typing');
    await first.kill9();
    // Everything the observer saw had been relayed, so it had been persisted.
    const seenBeforeKill = observer.text.toString();
    await sleep(300); // typing goes on while the server is down
    const second = await start({ dataDir: first.dataDir, port: first.port });
    const fresh = client(second.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    await fresh.synced;
    expect(fresh.text.toString().startsWith(seenBeforeKill)).toBe(true);
    expect(logCount(first.dataDir, room.roomId, 'pad')).toBeGreaterThanOrEqual(seenBeforeKill.length);

    typing = false;
    await typer;
    const final = typist.text.toString();
    expect(final.length).toBe(typed);
    // The typist reconnects by itself and its offline keystrokes reach everyone.
    await waitFor(
      () => fresh.text.toString() === final && observer.text.toString() === final,
      'offline edits merged',
      15_000,
    );
    first.cleanup();
  });

  it('[STORE1] a document rebuilt from snapshot plus log equals the live one, and the log is kept in full', async () => {
    const first = await start({ env: { SNAPSHOT_EVERY_UPDATES: '25' } });
    const room = await createRoom(first.url);
    const a = client(first.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    await a.synced;
    for (let i = 0; i < 120; i++) {
      a.text.insert(Math.floor(a.text.length / 2), `${i},`);
      if (i % 7 === 0) a.text.delete(0, 1);
      await sleep(1);
    }
    const expected = a.text.toString();
    await sleep(300);
    await first.kill9();

    const db = new Database(path.join(first.dataDir, 'duet.sqlite'), { readonly: true });
    const snap = db.prepare("SELECT upto_id FROM doc_snapshots WHERE room_id = ? AND doc = 'pad'").get(room.roomId) as
      { upto_id: number } | undefined;
    const log = db
      .prepare("SELECT data FROM doc_updates WHERE room_id = ? AND doc = 'pad' ORDER BY id")
      .all(room.roomId) as {
      data: Buffer;
    }[];
    db.close();
    expect(snap?.upto_id).toBeGreaterThan(0);
    // Replaying the full log gives the same text: nothing was compacted away.
    const replay = new Y.Doc();
    for (const row of log) Y.applyUpdate(replay, row.data);
    expect(replay.getText('code').toString()).toBe(expected);

    const second = await start({ dataDir: first.dataDir });
    const fresh = client(second.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    await fresh.synced;
    expect(fresh.text.toString()).toBe(expected);
    first.cleanup();
  });
});
