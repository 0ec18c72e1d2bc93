import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { MessageType, YJS_PATH, type DocName, type RoomInfo } from '@duet/shared';

/** One Yjs document of the room and its live connection. */
export interface DocConnection {
  name: DocName;
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** The documents a participant opens: pad and state always, private for interviewers. */
export interface RoomSession {
  pad: DocConnection;
  state: DocConnection;
  private: DocConnection | null;
  all: DocConnection[];
  destroy(): void;
}

function wsBase(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${YJS_PATH}`;
}

/**
 * Open the room's documents. `onDenied` hears the server's "read-only" notice (sent once when a
 * change of ours was dropped), which y-websocket would otherwise only log.
 */
export function openRoomSession(
  info: RoomInfo,
  token: string,
  onDenied: (doc: DocName, reason: string) => void,
): RoomSession {
  const open = (name: DocName): DocConnection => {
    const doc = new Y.Doc();
    // disableBc: tabs of the same origin would otherwise sync through BroadcastChannel, around the
    // server and its read-only rules.
    const provider = new WebsocketProvider(wsBase(), `${info.roomId}/${name}`, doc, {
      params: { token },
      disableBc: true,
      maxBackoffTime: 5000,
    });
    provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      onDenied(name, decoding.readVarString(decoder));
    };
    return { name, doc, provider };
  };
  const pad = open('pad');
  const state = open('state');
  const priv = info.permissions.readPrivate ? open('private') : null;
  const all = [pad, state, ...(priv ? [priv] : [])];
  return {
    pad,
    state,
    private: priv,
    all,
    destroy() {
      for (const c of all) {
        c.provider.destroy();
        c.doc.destroy();
      }
    },
  };
}
