import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { RawData, WebSocket } from 'ws';
import { CloseCode, docAccess, MessageType, SyncMessageType, type DocAccess, type Role } from '@duet/shared';
import type { Logger } from '../log.js';
import type { SharedDoc } from './shared-doc.js';
import {
  decodeAwarenessUpdate,
  encodeAwarenessEntries,
  sanitizeAwarenessState,
  type AwarenessEntry,
} from './awareness-filter.js';
import { awarenessMessage, permissionDeniedMessage, syncStep1Message, syncStep2Message } from './messages.js';

/** A connection may speak for at most this many awareness client ids (normally one). */
const MAX_AWARENESS_IDS_PER_CONNECTION = 4;

export type CloseSpec = (typeof CloseCode)[keyof typeof CloseCode];

export interface ConnectionDeps {
  log: Logger;
  maxBufferedBytes: number;
  /** Called once when the socket is gone, whatever closed it. */
  onClose: (conn: Connection) => void;
  /** Called when a display name is first seen or changes (for the room's event log). */
  onName: (conn: Connection, name: string) => void;
  /** Commit queued updates: nothing is sent before what it may depend on is on disk. */
  beforeSend: () => void;
}

/** Thrown for a frame that is not a valid y-websocket message; closes only this connection. */
class MalformedMessage extends Error {
  override name = 'MalformedMessage';
}

/** One WebSocket speaking y-websocket for one document, with the role its token granted. */
export class Connection {
  readonly isConnection = true;
  readonly id = randomBytes(6).toString('base64url');
  /** Answered the last ping. */
  alive = true;
  lastSentAt = Date.now();
  name: string | null = null;
  private toldReadOnly = false;
  private toldFull = false;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly shared: SharedDoc,
    readonly role: Role,
    /** Which heartbeat slot visits this connection. */
    readonly heartbeatSlot: number,
    private readonly deps: ConnectionDeps,
  ) {}

  /** What this connection may do now; evaluated per message, so ending a room applies at once. */
  get access(): DocAccess {
    const room = this.shared.room;
    return docAccess(this.shared.name, this.role, room.mode, room.phase);
  }

  /** Wire up the socket and start the sync handshake. */
  start(): void {
    this.ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.ws.on('pong', () => {
      this.alive = true;
    });
    this.ws.on('close', () => this.finish());
    this.ws.on('error', (error) => {
      this.deps.log.debug('socket error', { conn: this.id, error });
      this.finish();
    });
    this.send(syncStep1Message(this.shared.doc));
    const states = this.shared.awareness.getStates();
    if (states.size > 0) this.send(awarenessMessage(this.shared.awareness, [...states.keys()]));
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.deps.beforeSend();
    if (this.ws.bufferedAmount > this.deps.maxBufferedBytes) {
      this.close(CloseCode.SlowConsumer);
      return;
    }
    this.lastSentAt = Date.now();
    this.ws.send(message, { binary: true });
  }

  close(spec: CloseSpec): void {
    if (this.closed) return;
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
      this.ws.close(spec.code, spec.reason);
      // A peer that never answers the close frame is cut off.
      setTimeout(() => this.ws.terminate(), 2000).unref();
    }
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.onClose(this);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    try {
      if (!isBinary || !Buffer.isBuffer(data)) throw new MalformedMessage('text frame');
      this.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (error) {
      if (this.shared.failed) return; // storage failure: the hub already closed everyone
      this.deps.log.warn('closing connection after a malformed message', {
        doc: this.shared.key,
        conn: this.id,
        error: error instanceof Error ? error.message : String(error),
      });
      this.close(CloseCode.MalformedMessage);
    }
  }

  private handle(buf: Uint8Array): void {
    const decoder = decoding.createDecoder(buf);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync: {
        const sub = decoding.readVarUint(decoder);
        if (sub === SyncMessageType.Step1) {
          const stateVector = decoding.readVarUint8Array(decoder);
          Y.decodeStateVector(stateVector); // throws on garbage
          this.send(syncStep2Message(this.shared.doc, stateVector));
        } else if (sub === SyncMessageType.Step2 || sub === SyncMessageType.Update) {
          this.receiveUpdate(decoding.readVarUint8Array(decoder));
        } else {
          throw new MalformedMessage(`unknown sync message ${sub}`);
        }
        return;
      }
      case MessageType.Awareness:
        this.receiveAwareness(decoding.readVarUint8Array(decoder));
        return;
      case MessageType.QueryAwareness: {
        const ids = [...this.shared.awareness.getStates().keys()];
        this.send(awarenessMessage(this.shared.awareness, ids));
        return;
      }
      case MessageType.Auth:
        return; // only the server sends auth messages
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  }

  private receiveUpdate(update: Uint8Array): void {
    const doc = this.shared.doc;
    if (this.access !== 'write') {
      // Dropped. Told once, and only when it would have changed something: every client sends its
      // state on connect, which is usually nothing new.
      if (!this.toldReadOnly && !Y.snapshotContainsUpdate(Y.snapshot(doc), update)) {
        this.toldReadOnly = true;
        const why =
          this.shared.room.phase === 'ended' && this.shared.name === 'pad'
            ? 'The interview has ended: the code is read-only now.'
            : `The ${this.shared.name} document is read-only for your role.`;
        this.send(permissionDeniedMessage(why));
      }
      return;
    }
    if (!this.shared.fits(update.length)) {
      if (!this.toldFull) {
        this.toldFull = true;
        const mb = Math.round((this.shared.maxBytes / 1048576) * 10) / 10;
        this.send(
          permissionDeniedMessage(
            `The ${this.shared.name} document has reached its size limit (${mb} MB): this change and later ones are not saved. Copy what you need and start a new room.`,
          ),
        );
      }
      return;
    }
    Y.decodeUpdate(update); // validate fully before anything is integrated
    Y.applyUpdate(doc, update, this);
  }

  private receiveAwareness(update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    const controlled = this.shared.conns.get(this);
    if (!controlled) return;
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.shared.awarenessOwners.get(entry.clientId);
      if (owner && owner !== this) continue; // nobody speaks for another client
      if (!owner && controlled.size >= MAX_AWARENESS_IDS_PER_CONNECTION) continue;
      if (entry.state === null) {
        accepted.push(entry);
        continue;
      }
      const state = sanitizeAwarenessState(entry.state, this.role);
      if (!state) continue;
      accepted.push({ ...entry, state });
      controlled.add(entry.clientId);
      this.shared.awarenessOwners.set(entry.clientId, this);
      const name = (state.user as { name: string }).name;
      if (name !== this.name) {
        this.name = name;
        this.deps.onName(this, name);
      }
    }
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(this.shared.awareness, encodeAwarenessEntries(accepted), this);
    for (const entry of accepted) {
      if (entry.state === null) {
        controlled.delete(entry.clientId);
        this.shared.awarenessOwners.delete(entry.clientId);
      }
    }
  }
}
