import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DB_FILE_NAME, MIGRATIONS, openDb, type Db } from './db.js';
import { UpdateStore, type UpdateToAppend } from './update-store.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duet-updates-'));
  dirs.push(dir);
  return dir;
}

function open(dir: string): Db {
  const db = openDb(dir);
  dbs.push(db);
  return db;
}

const ROOM_A = 'roomAAAAAAAA';
const ROOM_B = 'roomBBBBBBBB';
const update = (roomId: string, doc: string, n: number): UpdateToAppend => ({
  roomId,
  doc,
  ts: 1000 + n,
  author: { role: 'candidate', connId: `c${n}` },
  data: Uint8Array.of(n % 256, Math.floor(n / 256)),
});
const payloads = (updates: { data: Uint8Array }[]) => updates.map((u) => Array.from(u.data));

/** Appends `count` updates spread over three documents, in small batches; returns what each document got. */
function appendSome(store: UpdateStore, count: number, from = 0, now = 0): Map<string, number[][]> {
  const expected = new Map<string, number[][]>();
  const docs: [string, string][] = [
    [ROOM_A, 'pad'],
    [ROOM_B, 'pad'],
    [ROOM_A, 'state'],
  ];
  for (let i = from; i < from + count; i += 3) {
    const batch = [];
    for (let j = i; j < Math.min(i + 3, from + count); j++) {
      const [roomId, doc] = docs[(j * 7) % 3]!;
      batch.push(update(roomId, doc, j));
    }
    store.appendMany(batch, now);
    for (const u of batch) {
      const key = `${u.roomId}/${u.doc}`;
      expected.set(key, [...(expected.get(key) ?? []), Array.from(u.data)]);
    }
  }
  return expected;
}

function merge(a: Map<string, number[][]>, b: Map<string, number[][]>): Map<string, number[][]> {
  const out = new Map(a);
  for (const [key, list] of b) out.set(key, [...(out.get(key) ?? []), ...list]);
  return out;
}

function expectLogs(store: UpdateStore, expected: Map<string, number[][]>): void {
  for (const [key, list] of expected) {
    const [roomId, doc] = key.split('/') as [string, string];
    expect(payloads(store.log(roomId, doc)), key).toEqual(list);
    expect(
      store.load(roomId, doc).updates.map((u) => Array.from(u)),
      key,
    ).toEqual(list);
  }
}

describe('UpdateStore (log without a per-row index; spans)', () => {
  it("[STORE1] reads each document's updates in order while they are pending, partly spanned and fully spanned", () => {
    const store = new UpdateStore(open(tempDir()));
    const first = appendSome(store, 30, 0, 0);
    expectLogs(store, first);
    const policy = { maxAgeMs: 5000, maxIds: 1000, maxSpans: 100 };
    expect(store.indexPending(policy, 4000)).toBe(0); // not old enough yet
    expect(store.indexPending(policy, 5000)).toBe(3);
    expectLogs(store, first);
    const second = appendSome(store, 30, 30, 6000);
    expect(store.indexPending({ maxAgeMs: 5000, maxIds: 10, maxSpans: 100 }, 6000)).toBe(3); // 10 ids each: due by count
    const third = appendSome(store, 6, 60, 7000);
    expectLogs(store, merge(merge(first, second), third));
    expect(store.indexPending('all')).toBe(3);
    expectLogs(store, merge(merge(first, second), third));
    expect(store.indexPending('all')).toBe(0);
  });

  it('[STORE1] a snapshot plus the updates after it: load returns only the later ones', () => {
    const store = new UpdateStore(open(tempDir()));
    const ids = store.appendMany([update(ROOM_A, 'pad', 1), update(ROOM_A, 'pad', 2)]);
    store.indexPending('all');
    store.saveSnapshot(ROOM_A, 'pad', ids[1]!, 5, Uint8Array.of(9));
    store.appendMany([update(ROOM_A, 'pad', 3)]);
    const loaded = store.load(ROOM_A, 'pad');
    expect(Array.from(loaded.snapshot!)).toEqual([9]);
    expect(loaded.updates.map((u) => Array.from(u))).toEqual([[3, 0]]);
    expect(store.log(ROOM_A, 'pad')).toHaveLength(3);
  });

  it('[SYNC7] a process killed before writing its spans loses nothing: the next one indexes the tail', () => {
    const dir = tempDir();
    const before = new UpdateStore(open(dir));
    const spanned = appendSome(before, 30, 0, 0);
    before.indexPending('all');
    const unspanned = appendSome(before, 20, 30, 0);
    // Killed here: the pending ids of `before` are gone with it, the rows are committed.
    const after = new UpdateStore(open(dir));
    expect(after.recovered).toEqual({ rows: 20, docs: 3 });
    expectLogs(after, merge(spanned, unspanned));
    // Recovery is written down: a third start has nothing left to do.
    expect(new UpdateStore(open(dir)).recovered).toEqual({ rows: 0, docs: 0 });
  });

  it('[SYNC7] recovery does not repeat ids that spans written after indexed_upto already hold', () => {
    const dir = tempDir();
    const before = new UpdateStore(open(dir));
    // room A's pad becomes due and is spanned while room B's pad stays pending, so indexed_upto
    // stays below room A's spanned ids.
    before.appendMany([update(ROOM_B, 'pad', 1)], 9000);
    before.appendMany([update(ROOM_A, 'pad', 2), update(ROOM_A, 'pad', 3)], 0);
    expect(before.indexPending({ maxAgeMs: 5000, maxIds: 1000, maxSpans: 100 }, 9000)).toBe(1);
    before.appendMany([update(ROOM_A, 'pad', 4)], 9000);
    const after = new UpdateStore(open(dir));
    expect(after.recovered).toEqual({ rows: 2, docs: 2 });
    expect(payloads(after.log(ROOM_A, 'pad'))).toEqual([
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    expect(payloads(after.log(ROOM_B, 'pad'))).toEqual([[1, 0]]);
  });

  it('writes at most maxSpans spans per call, oldest documents first, and keeps indexed_upto below the rest', () => {
    const dir = tempDir();
    const store = new UpdateStore(open(dir));
    const rooms = ['r1', 'r2', 'r3', 'r4', 'r5'].map((r) => r.padEnd(12, 'x'));
    rooms.forEach((roomId, i) => store.appendMany([update(roomId, 'pad', i)], i));
    const policy = { maxAgeMs: 0, maxIds: 1000, maxSpans: 2 };
    expect(store.indexPending(policy, 100)).toBe(2);
    const spanned = (db: Db) =>
      (db.prepare('SELECT room_id FROM doc_update_spans ORDER BY room_id').all() as { room_id: string }[]).map(
        (r) => r.room_id,
      );
    expect(spanned(dbs[0]!)).toEqual(rooms.slice(0, 2));
    // A restart now must still find the three rooms not yet spanned.
    const after = new UpdateStore(open(dir));
    expect(after.recovered).toEqual({ rows: 3, docs: 3 });
    for (const [i, roomId] of rooms.entries()) expect(payloads(after.log(roomId, 'pad'))).toEqual([[i, 0]]);
  });

  it('a failed span write keeps the ids pending and readable, and a later write succeeds', () => {
    const db = open(tempDir());
    const store = new UpdateStore(db);
    const expected = appendSome(store, 12);
    // The transaction that writes spans also moves indexed_upto; make that part fail.
    db.exec('ALTER TABLE update_log_meta RENAME TO meta_away');
    expect(() => store.indexPending('all')).toThrow(/update_log_meta/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM doc_update_spans').get() as { n: number }).n).toBe(0);
    expectLogs(store, expected);
    db.exec('ALTER TABLE meta_away RENAME TO update_log_meta');
    expect(store.indexPending('all')).toBe(3);
    expectLogs(store, expected);
  });

  it('a database from before spans (schema 2, indexed log) is migrated and its log indexed once', () => {
    const dir = tempDir();
    const old = new Database(path.join(dir, DB_FILE_NAME));
    old.pragma('journal_mode = WAL');
    for (const sql of MIGRATIONS.slice(0, 2)) old.exec(sql);
    old.pragma('user_version = 2');
    const insert = old.prepare(
      'INSERT INTO doc_updates (room_id, doc, ts, role, conn_id, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let n = 0; n < 10; n++) insert.run(n % 2 ? ROOM_A : ROOM_B, 'pad', n, 'candidate', null, Buffer.from([n]));
    old.close();
    const store = new UpdateStore(open(dir));
    expect(store.recovered).toEqual({ rows: 10, docs: 2 });
    expect(payloads(store.log(ROOM_A, 'pad'))).toEqual([[1], [3], [5], [7], [9]]);
    expect(payloads(store.log(ROOM_B, 'pad'))).toEqual([[0], [2], [4], [6], [8]]);
  });
});
