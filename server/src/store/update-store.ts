import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
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

/** When `indexPending` writes a document's ids into a span. */
export interface SpanPolicy {
  /** Write the ids of a document once the oldest of them is this old... */
  maxAgeMs: number;
  /** ...or once there are this many. */
  maxIds: number;
  /**
   * At most this many spans per call, oldest first: the documents of a busy server come due
   * together (typing started together), and one transaction with hundreds of spans stalls the
   * event loop for milliseconds.
   */
  maxSpans: number;
}

export const DEFAULT_SPAN_POLICY: SpanPolicy = { maxAgeMs: 5000, maxIds: 256, maxSpans: 24 };

/** Ids of one document committed to the log but not yet written into a span. */
interface PendingSpan {
  roomId: string;
  doc: string;
  ids: number[];
  since: number;
}

const INDEXED_UPTO = 'indexed_upto';

/**
 * The append-only update log and the snapshots compacted from it.
 *
 * `doc_updates` has no index by document: appending a row then touches only the table's last page,
 * where an index entry per keystroke cost one more page per document and commit. Which rows belong
 * to a document is recorded in `doc_update_spans`, a few rows per document written every few
 * seconds (`indexPending`). The invariant: every committed id is in a span, or in `pending` (this
 * process), or above `indexed_upto` (a previous process that stopped before writing its spans;
 * `recover` indexes those at start-up). Every read goes through spans plus `pending`.
 */
export class UpdateStore {
  private readonly appendStmt;
  private readonly snapshotStmt;
  private readonly saveSnapshotStmt;
  private readonly spansAfterStmt;
  private readonly rowsStmt;
  private readonly tailStmt;
  private readonly insertSpanStmt;
  private readonly readMetaStmt;
  private readonly writeMetaStmt;
  private readonly appendManyTx;
  private readonly writeSpansTx;
  /** Committed ids not yet in a span, by document. */
  private readonly pending = new Map<string, PendingSpan>();
  /** The highest id committed by this process (or found at start-up). */
  private lastCommittedId = 0;
  private indexedUpto: number;
  /** What start-up found committed but not yet in spans (a previous process was killed). */
  readonly recovered: { rows: number; docs: number };

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
    this.spansAfterStmt = db.prepare<[string, string, number], { ids: Buffer }>(
      'SELECT ids FROM doc_update_spans WHERE room_id = ? AND doc = ? AND last_id > ? ORDER BY last_id',
    );
    // Rows by id, given as a JSON array: one statement for any number of ids.
    this.rowsStmt = db.prepare<
      [string],
      { id: number; ts: number; role: string; conn_id: string | null; data: Buffer }
    >('SELECT id, ts, role, conn_id, data FROM doc_updates WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id');
    this.tailStmt = db.prepare<[number], { id: number; room_id: string; doc: string }>(
      'SELECT id, room_id, doc FROM doc_updates WHERE id > ? ORDER BY id',
    );
    this.insertSpanStmt = db.prepare('INSERT INTO doc_update_spans (room_id, doc, last_id, ids) VALUES (?, ?, ?, ?)');
    this.readMetaStmt = db.prepare<[string], { value: number }>('SELECT value FROM update_log_meta WHERE key = ?');
    this.writeMetaStmt = db.prepare('UPDATE update_log_meta SET value = ? WHERE key = ?');
    // Built once: `db.transaction()` compiles four wrappers, too much to do for every batch.
    this.appendManyTx = db.transaction((entries: readonly UpdateToAppend[]) =>
      entries.map((e) =>
        Number(this.appendStmt.run(e.roomId, e.doc, e.ts, e.author.role, e.author.connId, e.data).lastInsertRowid),
      ),
    );
    this.writeSpansTx = db.transaction((spans: readonly PendingSpan[], indexedUpto: number) => {
      for (const span of spans) {
        this.insertSpanStmt.run(span.roomId, span.doc, span.ids[span.ids.length - 1], encodeIds(span.ids));
      }
      this.writeMetaStmt.run(indexedUpto, INDEXED_UPTO);
    });
    this.indexedUpto = this.readMetaStmt.get(INDEXED_UPTO)?.value ?? 0;
    this.recovered = this.recover();
  }

  /**
   * Index the rows a previous process committed but did not write into spans (it was killed, or
   * the database predates spans). Runs once, from the constructor, before anything is read.
   */
  private recover(): { rows: number; docs: number } {
    const byDoc = new Map<string, PendingSpan & { spanned: Set<number> }>();
    let last = this.indexedUpto;
    for (const row of this.tailStmt.iterate(this.indexedUpto)) {
      const key = `${row.room_id}/${row.doc}`;
      let span = byDoc.get(key);
      if (!span) {
        // Spans written after indexed_upto was last moved may already hold some of these ids.
        const spanned = new Set<number>();
        for (const s of this.spansAfterStmt.iterate(row.room_id, row.doc, this.indexedUpto)) {
          for (const id of decodeIds(s.ids)) spanned.add(id);
        }
        byDoc.set(key, (span = { roomId: row.room_id, doc: row.doc, ids: [], since: 0, spanned }));
      }
      if (!span.spanned.has(row.id)) span.ids.push(row.id);
      last = row.id;
    }
    const spans = [...byDoc.values()].filter((s) => s.ids.length > 0);
    if (last !== this.indexedUpto) this.writeSpansTx(spans, last);
    this.indexedUpto = last;
    this.lastCommittedId = last;
    return { rows: spans.reduce((n, s) => n + s.ids.length, 0), docs: spans.length };
  }

  /** Append several updates in one transaction (one commit); returns their ids in order. */
  appendMany(entries: readonly UpdateToAppend[], now = Date.now()): number[] {
    const ids = this.appendManyTx(entries);
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const key = `${e.roomId}/${e.doc}`;
      let span = this.pending.get(key);
      if (!span) this.pending.set(key, (span = { roomId: e.roomId, doc: e.doc, ids: [], since: now }));
      span.ids.push(ids[i]!);
    }
    if (ids.length > 0) this.lastCommittedId = ids[ids.length - 1]!;
    return ids;
  }

  /**
   * Write the pending ids of every document that is due under `policy` (all of them with `all`)
   * into spans, in one transaction. Returns how many spans were written.
   */
  indexPending(policy: SpanPolicy | 'all' = DEFAULT_SPAN_POLICY, now = Date.now()): number {
    const due: PendingSpan[] = [];
    let lowestLeft = Infinity;
    // The map holds documents in the order their pending ids began: oldest first.
    for (const span of this.pending.values()) {
      const isDue =
        policy === 'all' ||
        (due.length < policy.maxSpans && (now - span.since >= policy.maxAgeMs || span.ids.length >= policy.maxIds));
      if (isDue) due.push(span);
      else lowestLeft = Math.min(lowestLeft, span.ids[0]!);
    }
    if (due.length === 0) return 0;
    const indexedUpto = lowestLeft === Infinity ? this.lastCommittedId : lowestLeft - 1;
    this.writeSpansTx(due, indexedUpto); // throws: nothing changes, the ids stay pending
    for (const span of due) this.pending.delete(`${span.roomId}/${span.doc}`);
    this.indexedUpto = indexedUpto;
    return due.length;
  }

  /** The ids of a document's updates above `afterId`, oldest first. */
  private idsOf(roomId: string, doc: string, afterId: number): number[] {
    const ids: number[] = [];
    for (const row of this.spansAfterStmt.iterate(roomId, doc, afterId)) {
      for (const id of decodeIds(row.ids)) if (id > afterId) ids.push(id);
    }
    for (const id of this.pending.get(`${roomId}/${doc}`)?.ids ?? []) if (id > afterId) ids.push(id);
    return ids;
  }

  private rows(ids: number[]) {
    return ids.length === 0 ? [] : this.rowsStmt.all(JSON.stringify(ids));
  }

  /** The latest snapshot and every update logged after it. */
  load(roomId: string, doc: string): StoredDocState {
    const snap = this.snapshotStmt.get(roomId, doc);
    const upto = snap?.upto_id ?? 0;
    const rows = this.rows(this.idsOf(roomId, doc, upto));
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
    return this.rows(this.idsOf(roomId, doc, 0)).map((r) => ({
      id: r.id,
      ts: r.ts,
      role: r.role,
      connId: r.conn_id,
      data: new Uint8Array(r.data),
    }));
  }
}

/** Ascending ids as varint deltas. */
function encodeIds(ids: readonly number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  let previous = 0;
  for (const id of ids) {
    encoding.writeVarUint(encoder, id - previous);
    previous = id;
  }
  return encoding.toUint8Array(encoder);
}

function decodeIds(data: Uint8Array): number[] {
  const decoder = decoding.createDecoder(data);
  const ids: number[] = [];
  let previous = 0;
  while (decoding.hasContent(decoder)) {
    previous += decoding.readVarUint(decoder);
    ids.push(previous);
  }
  return ids;
}
