import type { Db } from './db.js';

/** Who made an update: a connection with its role, or the server itself. */
export interface UpdateAuthor {
  role: string;
  connId: string | null;
}

/** One update waiting to be appended. */
export interface UpdateToAppend {
  roomId: string;
  doc: string;
  ts: number;
  author: UpdateAuthor;
  data: Uint8Array;
}

/** One logged update. */
export interface LoggedUpdate {
  id: number;
  ts: number;
  role: string;
  connId: string | null;
  data: Uint8Array;
}

/** What is needed to rebuild a document: the latest snapshot and every update after it. */
export interface StoredDocState {
  snapshot: Uint8Array | null;
  snapshotUpto: number;
  updates: Uint8Array[];
  lastId: number;
}

/** The append-only update log and the snapshots compacted from it. */
export class UpdateStore {
  private readonly appendStmt;
  private readonly snapshotStmt;
  private readonly saveSnapshotStmt;
  private readonly updatesAfterStmt;
  private readonly logStmt;
  private readonly countStmt;

  constructor(private readonly db: Db) {
    this.appendStmt = db.prepare(
      'INSERT INTO doc_updates (room_id, doc, ts, role, conn_id, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.snapshotStmt = db.prepare<[string, string], { upto_id: number; data: Buffer }>(
      'SELECT upto_id, data FROM doc_snapshots WHERE room_id = ? AND doc = ?',
    );
    this.saveSnapshotStmt = db.prepare(
      `INSERT INTO doc_snapshots (room_id, doc, upto_id, ts, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (room_id, doc) DO UPDATE SET upto_id = excluded.upto_id, ts = excluded.ts, data = excluded.data
       WHERE excluded.upto_id >= doc_snapshots.upto_id`,
    );
    this.updatesAfterStmt = db.prepare<[string, string, number], { id: number; data: Buffer }>(
      'SELECT id, data FROM doc_updates WHERE room_id = ? AND doc = ? AND id > ? ORDER BY id',
    );
    this.logStmt = db.prepare<
      [string, string],
      { id: number; ts: number; role: string; conn_id: string | null; data: Buffer }
    >('SELECT id, ts, role, conn_id, data FROM doc_updates WHERE room_id = ? AND doc = ? ORDER BY id');
    this.countStmt = db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM doc_updates WHERE room_id = ? AND doc = ?',
    );
  }

  /** Append several updates in one transaction (one commit); returns their ids in order. */
  appendMany(entries: readonly UpdateToAppend[]): number[] {
    return this.db.transaction(() =>
      entries.map((e) =>
        Number(this.appendStmt.run(e.roomId, e.doc, e.ts, e.author.role, e.author.connId, e.data).lastInsertRowid),
      ),
    )();
  }

  /** The latest snapshot and every update logged after it. */
  load(roomId: string, doc: string): StoredDocState {
    const snap = this.snapshotStmt.get(roomId, doc);
    const upto = snap?.upto_id ?? 0;
    const rows = this.updatesAfterStmt.all(roomId, doc, upto);
    return {
      snapshot: snap ? new Uint8Array(snap.data) : null,
      snapshotUpto: upto,
      updates: rows.map((r) => new Uint8Array(r.data)),
      lastId: rows.length > 0 ? rows[rows.length - 1]!.id : upto,
    };
  }

  /** Record that `data` is the document's whole state after update `uptoId`. */
  saveSnapshot(roomId: string, doc: string, uptoId: number, ts: number, data: Uint8Array): void {
    this.saveSnapshotStmt.run(roomId, doc, uptoId, ts, data);
  }

  /** The full log of a document, oldest first (for replay and tests). */
  log(roomId: string, doc: string): LoggedUpdate[] {
    return this.logStmt.all(roomId, doc).map((r) => ({
      id: r.id,
      ts: r.ts,
      role: r.role,
      connId: r.conn_id,
      data: new Uint8Array(r.data),
    }));
  }

  count(roomId: string, doc: string): number {
    return this.countStmt.get(roomId, doc)?.n ?? 0;
  }
}
