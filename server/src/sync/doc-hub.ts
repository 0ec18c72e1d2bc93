import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import { CloseCode, DOC_NAMES, type DocName, type Role } from '@duet/shared';
import type { Logger } from '../log.js';
import type { RoomRecord } from '../store/room-store.js';
import type { UpdateStore } from '../store/update-store.js';
import type { EventStore } from '../store/event-store.js';
import { AppError } from '../errors.js';
import { Connection } from './connection.js';
import { ServerOrigin, SharedDoc } from './shared-doc.js';
import { KEEPALIVE_MESSAGE } from './messages.js';
import { WriteBatcher } from './write-batcher.js';

/** Heartbeats are spread over this many slots per interval, so 500 pings are not one burst. */
const HEARTBEAT_SLOTS = 10;
/** How often the update log's pending document spans are checked and the due ones written (a few per check). */
const SPAN_CHECK_MS = 100;

/** Loaded documents and connections now; commits of the update log and the updates in them since start. */
export interface HubStats {
  docs: number;
  connections: number;
  commits: number;
  updatesCommitted: number;
}

export interface DocHubOptions {
  updates: UpdateStore;
  events: EventStore;
  log: Logger;
  snapshotEveryUpdates: number;
  docIdleUnloadMs: number;
  heartbeatIntervalMs: number;
  maxBufferedBytes: number;
  maxDocBytes: number;
}

/**
 * Every loaded document and its connections. Documents load from SQLite on first use and unload
 * (after a snapshot) once nobody has used them for `docIdleUnloadMs`.
 */
export class DocHub {
  private readonly docs = new Map<string, SharedDoc>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly spanTimer: NodeJS.Timeout;
  private readonly batcher: WriteBatcher;
  private closing = false;
  private beatSlot = 0;
  private nextConnSlot = 0;

  constructor(private readonly opts: DocHubOptions) {
    this.batcher = new WriteBatcher(opts.updates, (docs, error) => {
      for (const shared of docs) this.storageFailed(shared, error);
    });
    this.heartbeat = setInterval(() => this.beat(), opts.heartbeatIntervalMs / HEARTBEAT_SLOTS);
    this.heartbeat.unref();
    this.spanTimer = setInterval(() => this.indexSpans(), SPAN_CHECK_MS);
    this.spanTimer.unref();
  }

  /** Write the update log's due spans (UpdateStore); a failure keeps them pending for the next try. */
  private indexSpans(policy?: 'all'): void {
    try {
      this.opts.updates.indexPending(policy);
    } catch (error) {
      this.opts.log.warn('could not write the update log index; will retry', { error });
    }
  }

  /** The loaded document, loading it from SQLite if needed. */
  get(room: RoomRecord, name: DocName): SharedDoc {
    const key = `${room.id}/${name}`;
    let shared = this.docs.get(key);
    if (!shared) {
      shared = new SharedDoc(room.id, name, room, {
        updates: this.opts.updates,
        log: this.opts.log,
        snapshotEveryUpdates: this.opts.snapshotEveryUpdates,
        maxBytes: this.opts.maxDocBytes,
        enqueue: (write) => this.batcher.enqueue(write),
        flush: () => this.batcher.flush(),
      });
      shared.load();
      this.docs.set(key, shared);
    }
    if (shared.unloadTimer) {
      clearTimeout(shared.unloadTimer);
      shared.unloadTimer = null;
    }
    return shared;
  }

  /** Take over an upgraded socket for `room`/`name` with the role its token granted. */
  attach(ws: WebSocket, room: RoomRecord, role: Role, name: DocName): Connection {
    const shared = this.get(room, name);
    const conn = new Connection(ws, shared, role, this.nextConnSlot++ % HEARTBEAT_SLOTS, {
      log: this.opts.log,
      maxBufferedBytes: this.opts.maxBufferedBytes,
      onClose: (c) => this.detach(c),
      beforeSend: () => {
        if (this.batcher.pending) this.batcher.flush();
      },
      onName: (c, displayName) => {
        if (name === 'pad') {
          this.opts.events.add(room.id, 'presence', { role: c.role, connId: c.id, data: { name: displayName } });
        }
      },
    });
    shared.conns.set(conn, new Set());
    if (name === 'pad') this.opts.events.add(room.id, 'join', { role, connId: conn.id });
    conn.start();
    return conn;
  }

  private detach(conn: Connection): void {
    const shared = conn.shared;
    const controlled = shared.conns.get(conn);
    if (!controlled) return;
    shared.conns.delete(conn);
    for (const id of controlled) shared.awarenessOwners.delete(id);
    if (controlled.size > 0 && !shared.failed) {
      awarenessProtocol.removeAwarenessStates(shared.awareness, [...controlled], null);
    }
    if (shared.name === 'pad' && !this.closing) {
      this.opts.events.add(shared.roomId, 'leave', { role: conn.role, connId: conn.id, data: { name: conn.name } });
    }
    this.scheduleUnload(shared);
  }

  /**
   * Change a document as the server (set-up, timer, hints, results): persisted, then broadcast.
   * Throws AppError(internal) if it could not be persisted.
   */
  change(room: RoomRecord, name: DocName, label: string, fn: (doc: Y.Doc) => void): void {
    const shared = this.get(room, name);
    try {
      shared.doc.transact(() => fn(shared.doc), new ServerOrigin(label));
      this.batcher.flush();
    } finally {
      this.scheduleUnload(shared);
    }
    if (shared.failed) throw new AppError('internal', 'The server could not save this change. Try again.');
  }

  /** Read a document's current state. */
  read<T>(room: RoomRecord, name: DocName, fn: (doc: Y.Doc) => T): T {
    const shared = this.get(room, name);
    try {
      return fn(shared.doc);
    } finally {
      this.scheduleUnload(shared);
    }
  }

  /** A room's record changed (phase, problem): loaded documents use the new one at once. */
  roomChanged(room: RoomRecord): void {
    for (const name of DOC_NAMES) {
      const shared = this.docs.get(`${room.id}/${name}`);
      if (shared) shared.room = room;
    }
  }

  /** Connections of a room's document (for tests and stats). */
  connections(roomId: string, name: DocName): Connection[] {
    return [...(this.docs.get(`${roomId}/${name}`)?.conns.keys() ?? [])];
  }

  stats(): HubStats {
    let connections = 0;
    for (const shared of this.docs.values()) connections += shared.conns.size;
    return {
      docs: this.docs.size,
      connections,
      commits: this.batcher.commits,
      updatesCommitted: this.batcher.committed,
    };
  }

  private scheduleUnload(shared: SharedDoc): void {
    if (shared.conns.size > 0 || this.closing || shared.unloadTimer) return;
    shared.unloadTimer = setTimeout(() => {
      shared.unloadTimer = null;
      if (shared.conns.size > 0 || this.docs.get(shared.key) !== shared) return;
      shared.snapshot();
      this.docs.delete(shared.key);
      shared.destroy();
    }, this.opts.docIdleUnloadMs);
    shared.unloadTimer.unref();
  }

  /**
   * An update could not be written: what is in memory is no longer what is on disk. Drop the
   * document and close its connections with a transient code; clients reconnect and send their
   * state again, which is persisted once storage works.
   */
  private storageFailed(shared: SharedDoc, error: unknown): void {
    if (shared.failed) return;
    shared.failed = error;
    this.opts.log.error('could not persist an update; dropping the document', { doc: shared.key, error });
    if (this.docs.get(shared.key) === shared) this.docs.delete(shared.key);
    for (const conn of [...shared.conns.keys()]) conn.close(CloseCode.StorageFailure);
    setImmediate(() => shared.destroy());
  }

  /** One slot of the heartbeat: every connection is visited once per interval. */
  private beat(): void {
    const now = Date.now();
    this.beatSlot = (this.beatSlot + 1) % HEARTBEAT_SLOTS;
    for (const shared of this.docs.values()) {
      for (const conn of shared.conns.keys()) {
        if (conn.heartbeatSlot !== this.beatSlot) continue;
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
        if (now - conn.lastSentAt >= this.opts.heartbeatIntervalMs / 2) conn.send(KEEPALIVE_MESSAGE);
      }
    }
  }

  /** Snapshot every document and close every connection with "server restart" (clients reconnect). */
  close(): void {
    this.closing = true;
    clearInterval(this.heartbeat);
    clearInterval(this.spanTimer);
    this.batcher.flush();
    for (const shared of this.docs.values()) {
      for (const conn of [...shared.conns.keys()]) conn.close(CloseCode.ServerRestart);
      shared.snapshot();
      shared.destroy();
    }
    this.docs.clear();
    this.indexSpans('all');
  }
}
