/**
 * The WebSocket wire format is the standard y-websocket protocol (docs/PROTOCOL.md). These are its
 * message tags, kept here once so client, server and tests cannot drift apart.
 */
export const PROTOCOL_VERSION = 1;

/** First varUint of every frame. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;

/** Second varUint of a Sync frame (y-protocols/sync). */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;

/** Largest WebSocket frame the server accepts; a larger one closes that connection with 1009. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Largest awareness state (JSON) one client may publish. */
export const MAX_AWARENESS_STATE_BYTES = 4096;

/** Display-name limits. */
export const MAX_NAME_LENGTH = 40;

/** The path prefix of the WebSocket endpoint: `/yjs/<roomId>/<doc>?token=<token>`. */
export const YJS_PATH = '/yjs';

/** Room ids: 12 characters of base64url. */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{12}$/;
export function isRoomId(value: string): boolean {
  return ROOM_ID_PATTERN.test(value);
}
