import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocName } from '@duet/shared';
import type { RoomRecord } from '../store/room-store.js';
import type { UpdateAuthor, UpdateStore } from '../store/update-store.js';
import type { Logger } from '../log.js';
import { awarenessMessage, updateMessage } from './messages.js';
import type { Connection } from './connection.js';

/** Origin of the transaction that rebuilds a document from SQLite: not logged again. */
export const LOAD_ORIGIN = Symbol('load');

/** Origin of a change the server itself makes (timer, hints, run results, set-up). */
export class ServerOrigin {
  constructor(readonly label: string) {}
}

export interface SharedDocDeps {
  updates: UpdateStore;
  log: Logger;
  snapshotEveryUpdates: number;
  /** Clients' changes are refused once the document is this big (SYNC11). */
  maxBytes: number;
  /** Queue an update for the log; `persisted` is called once it is committed. */
  enqueue: (write: {
    shared: SharedDoc;
    update: Uint8Array;
    origin: unknown;
    author: UpdateAuthor;
    ts: number;
  }) => void;
  /** Commit whatever is queued (before a snapshot). */
  flush: () => void;
}

/**
 * One loaded Yjs document of a room: the Y.Doc, its awareness, its connections. Every update,
 * whoever makes it, is appended to the log in SQLite before it is sent to anyone (SYNC7): it is
 * queued in the hub's WriteBatcher and broadcast from `persisted` after the commit.
 */
export class SharedDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Open connections, each with the awareness client ids it controls. */
  readonly conns = new Map<Connection, Set<number>>();
  /** Which connection controls each awareness client id. */
  readonly awarenessOwners = new Map<number, Connection>();
  unloadTimer: NodeJS.Timeout | null = null;
  /** Set when an update failed to persist; the document must not be used any more. */
  failed: unknown = null;
  /** The document's encoded size: measured at load and at each snapshot, plus every update since. */
  private size = 0;
  /** Clients' changes are refused: the document reached `maxBytes`. Until it is unloaded. */
  private full = false;
  private lastId = 0;
  private sinceSnapshot = 0;
  private snapshotQueued = false;
  private destroyed = false;

  constructor(
    readonly roomId: string,
    readonly name: DocName,
    /** The room this document belongs to; replaced when the room changes (e.g. it ends). */
    public room: RoomRecord,
    private readonly deps: SharedDocDeps,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get maxBytes(): number {
    return this.deps.maxBytes;
  }

  get key(): string {
    return `${this.roomId}/${this.name}`;
  }

  /** Rebuild from the latest snapshot plus every update logged after it. */
  load(): void {
    const stored = this.deps.updates.load(this.roomId, this.name);
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, LOAD_ORIGIN);
    this.lastId = stored.lastId;
    this.size = (stored.snapshot?.length ?? 0) + stored.updates.reduce((n, u) => n + u.length, 0);
    this.sinceSnapshot = stored.updates.length;
    if (this.sinceSnapshot >= this.deps.snapshotEveryUpdates) this.snapshot();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN || this.failed) return;
    this.size += update.length;
    const author: UpdateAuthor = isConnection(origin)
      ? { role: origin.role, connId: origin.id }
      : { role: 'server', connId: origin instanceof ServerOrigin ? origin.label : null };
    this.deps.enqueue({ shared: this, update, origin, author, ts: Date.now() });
  };

  /** The update is committed: relay it to every other connection. */
  persisted(update: Uint8Array, origin: unknown, id: number): void {
    this.lastId = id;
    if (this.failed || this.destroyed) return;
    const message = updateMessage(update);
    for (const conn of this.conns.keys()) {
      if (conn !== origin) conn.send(message);
    }
    if (++this.sinceSnapshot >= this.deps.snapshotEveryUpdates) this.queueSnapshot();
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0 || this.conns.size === 0) return;
    const message = awarenessMessage(this.awareness, changed);
    for (const conn of this.conns.keys()) {
      if (conn !== origin) conn.send(message);
    }
  };

  /**
   * Whether a client's update of `bytes` still fits under the size cap. The running size only
   * grows (deletions add bytes too), so it is measured once before refusing; past 90 % of the cap
   * the document is full, so a document kept just under it does not cost a measurement per keystroke.
   */
  fits(bytes: number): boolean {
    if (this.full) return false;
    if (this.size + bytes <= this.deps.maxBytes) return true;
    this.size = Y.encodeStateAsUpdate(this.doc).length;
    if (this.size + bytes <= this.deps.maxBytes * 0.9) return true;
    this.full = true;
    this.deps.log.warn("document reached its size limit; clients' changes are refused", {
      doc: this.key,
      bytes: this.size,
      limit: this.deps.maxBytes,
    });
    return false;
  }

  private queueSnapshot(): void {
    if (this.snapshotQueued) return;
    this.snapshotQueued = true;
    // After the current message: compaction must not delay the broadcast that was just sent.
    setImmediate(() => {
      this.snapshotQueued = false;
      if (!this.destroyed && !this.failed) this.snapshot();
    });
  }

  /** Compact the whole state through the Y.Doc into one snapshot row. The log is kept. */
  snapshot(): void {
    this.deps.flush();
    if (this.sinceSnapshot === 0 || this.failed) return;
    try {
      const state = Y.encodeStateAsUpdate(this.doc);
      this.deps.updates.saveSnapshot(this.roomId, this.name, this.lastId, Date.now(), state);
      this.sinceSnapshot = 0;
      this.size = state.length;
    } catch (error) {
      // The log still holds everything; a missed snapshot only makes the next load slower.
      this.deps.log.warn('snapshot failed', { doc: this.key, error });
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

function isConnection(origin: unknown): origin is Connection {
  return typeof origin === 'object' && origin !== null && (origin as { isConnection?: unknown }).isConnection === true;
}
