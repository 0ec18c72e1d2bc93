import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

export const DB_FILE_NAME = 'duet.sqlite';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Never edit a
 * shipped migration: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE rooms (
    id               TEXT PRIMARY KEY,
    mode             TEXT NOT NULL CHECK (mode IN ('interview', 'practice')),
    title            TEXT NOT NULL DEFAULT '',
    problem_id       TEXT,
    language         TEXT NOT NULL CHECK (language IN ('javascript', 'typescript')),
    duration_minutes INTEGER NOT NULL,
    phase            TEXT NOT NULL CHECK (phase IN ('waiting', 'in_progress', 'ended')),
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    ended_at         INTEGER
  );
  CREATE TABLE room_tokens (
    room_id    TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('interviewer', 'candidate')),
    token_hash BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, role)
  );
  -- Every accepted Yjs update, in order, kept in full: replay is built on it. The rowid id only
  -- grows because rows are never deleted (no AUTOINCREMENT: it costs a page write per commit).
  CREATE TABLE doc_updates (
    id      INTEGER PRIMARY KEY,
    room_id TEXT NOT NULL,
    doc     TEXT NOT NULL,
    ts      INTEGER NOT NULL,
    role    TEXT NOT NULL,
    conn_id TEXT,
    data    BLOB NOT NULL
  );
  CREATE INDEX doc_updates_by_doc ON doc_updates (room_id, doc, id);
  -- The latest compaction of each document: the state after every update up to upto_id.
  CREATE TABLE doc_snapshots (
    room_id TEXT NOT NULL,
    doc     TEXT NOT NULL,
    upto_id INTEGER NOT NULL,
    ts      INTEGER NOT NULL,
    data    BLOB NOT NULL,
    PRIMARY KEY (room_id, doc)
  );
  -- What happened in a room besides edits: joins, leaves, timer, hints, runs, signals.
  CREATE TABLE room_events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id TEXT NOT NULL,
    ts      INTEGER NOT NULL,
    type    TEXT NOT NULL,
    role    TEXT,
    conn_id TEXT,
    data    TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX room_events_by_room ON room_events (room_id, id);
  `,
  `
  -- Problems created through the API (the built-in bank lives in the code).
  CREATE TABLE problems (
    id         TEXT PRIMARY KEY,
    json       TEXT NOT NULL,
    owner_hash BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  -- Every run of code in a room: who, when, what, and the summary.
  CREATE TABLE runs (
    id          TEXT PRIMARY KEY,
    room_id     TEXT NOT NULL,
    ts          INTEGER NOT NULL,
    role        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    language    TEXT NOT NULL,
    status      TEXT NOT NULL,
    passed      INTEGER NOT NULL,
    failed      INTEGER NOT NULL,
    total       INTEGER NOT NULL,
    duration_ms REAL NOT NULL
  );
  CREATE INDEX runs_by_room ON runs (room_id, ts);
  `,
  `
  -- Which log rows belong to which document, kept in spans instead of an index on doc_updates: an
  -- index entry per keystroke made every commit write one more page per document (docs/PERFORMANCE.md).
  -- A span lists, as varint deltas, the ids of one document's updates after its previous span, up
  -- to last_id. Rows above update_log_meta.indexed_upto may not be in a span yet; they are read
  -- from the table's tail at start-up (UpdateStore.recover). Starting at 0 indexes the old log once.
  DROP INDEX doc_updates_by_doc;
  CREATE TABLE doc_update_spans (
    room_id TEXT NOT NULL,
    doc     TEXT NOT NULL,
    last_id INTEGER NOT NULL,
    ids     BLOB NOT NULL,
    PRIMARY KEY (room_id, doc, last_id)
  ) WITHOUT ROWID;
  CREATE TABLE update_log_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  INSERT INTO update_log_meta (key, value) VALUES ('indexed_upto', 0);
  `,
];

/** Open (and create or migrate) the database in `dataDir`. */
export function openDb(dataDir: string, fileName = DB_FILE_NAME): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives the process being killed (it is in the WAL file the OS
  // holds); only a power cut can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database was written by a newer version (schema ${current}, this build knows ${MIGRATIONS.length}). Upgrade the server.`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
