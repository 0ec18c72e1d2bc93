import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, DB_FILE_NAME, type Db } from '../store/db.js';
import { UpdateStore } from '../store/update-store.js';
import { WriteBatcher } from './write-batcher.js';
import type { SharedDoc } from './shared-doc.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duet-batcher-'));
  dirs.push(dir);
  const db = openDb(dir);
  dbs.push(db);
  // A second connection, as another process would see the file.
  const reader = new Database(path.join(dir, DB_FILE_NAME), { readonly: true });
  const count = () => (reader.prepare('SELECT COUNT(*) AS n FROM doc_updates').get() as { n: number }).n;
  return { store: new UpdateStore(db), count, reader };
}

/** A stand-in for SharedDoc that records when `persisted` runs and what was on disk then. */
function fakeDoc(onPersisted: (id: number) => void): SharedDoc {
  return { roomId: 'AAAAAAAAAAAA', name: 'pad', persisted: (_u: Uint8Array, _o: unknown, id: number) => onPersisted(id) } as unknown as SharedDoc;
}

describe('WriteBatcher', () => {
  it('[SYNC7] hands an update over for broadcast only after it is committed and visible to another connection', async () => {
    const { store, count, reader } = setup();
    const seenOnDisk: number[] = [];
    const doc = fakeDoc(() => seenOnDisk.push(count()));
    const batcher = new WriteBatcher(store, () => {
      throw new Error('unexpected failure');
    });
    const author = { role: 'candidate', connId: 'c1' };
    batcher.enqueue({ shared: doc, update: new Uint8Array([1]), origin: null, author, ts: 1 });
    batcher.enqueue({ shared: doc, update: new Uint8Array([2]), origin: null, author, ts: 2 });
    expect(count()).toBe(0);
    expect(seenOnDisk).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(seenOnDisk).toEqual([2, 2]);
    reader.close();
  });

  it('flushes at once when asked (every send does), and when a batch grows large', () => {
    const { store, count, reader } = setup();
    const persisted: number[] = [];
    const doc = fakeDoc((id) => persisted.push(id));
    const batcher = new WriteBatcher(store, () => undefined);
    const author = { role: 'server', connId: null };
    batcher.enqueue({ shared: doc, update: new Uint8Array([1]), origin: null, author, ts: 1 });
    expect(batcher.pending).toBe(true);
    batcher.flush();
    expect(batcher.pending).toBe(false);
    expect(count()).toBe(1);
    for (let i = 0; i < 40; i++) batcher.enqueue({ shared: doc, update: new Uint8Array([i]), origin: null, author, ts: i });
    expect(count()).toBeGreaterThanOrEqual(32);
    expect(persisted.length).toBe(count());
    reader.close();
  });

  it('reports a failed commit and hands nothing over', () => {
    const { store, reader } = setup();
    const persisted: number[] = [];
    const failed: SharedDoc[] = [];
    const doc = fakeDoc((id) => persisted.push(id));
    const batcher = new WriteBatcher(store, (docs) => failed.push(...docs));
    reader.close();
    dbs[0]!.exec('DROP TABLE doc_updates');
    batcher.enqueue({ shared: doc, update: new Uint8Array([1]), origin: null, author: { role: 'server', connId: null }, ts: 1 });
    batcher.flush();
    expect(failed).toEqual([doc]);
    expect(persisted).toEqual([]);
  });
});
