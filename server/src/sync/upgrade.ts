import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { YJS_PATH, docAccess, isDocName, type ApiErrorBody } from '@duet/shared';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { RoomService } from '../rooms/room-service.js';
import type { DocHub } from './doc-hub.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Refuse an upgrade with an HTTP status and our JSON error body; no byte of any document is sent. */
function refuse(socket: Duplex, error: AppError): void {
  const body: ApiErrorBody = { error: { code: error.code, message: error.message } };
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${error.status} ${STATUS_TEXT[error.status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Connection: close\r\n\r\n' +
      text,
  );
}

export interface UpgradeDeps {
  wss: WebSocketServer;
  hub: DocHub;
  rooms: RoomService;
  log: Logger;
  isClosing: () => boolean;
}

/**
 * `GET /yjs/<roomId>/<doc>?token=<token>` upgrades to y-websocket. The role comes from the token;
 * access to the document is decided here, before the upgrade (SYNC1-SYNC3).
 */
export function createUpgradeHandler(deps: UpgradeDeps) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    try {
      if (deps.isClosing()) throw new AppError('unavailable');
      const url = new URL(req.url ?? '/', 'http://localhost');
      const parts = url.pathname.split('/').filter(Boolean);
      if (`/${parts[0]}` !== YJS_PATH || parts.length !== 3) {
        throw new AppError('not_found', 'WebSocket connections go to /yjs/<roomId>/<pad|private|state>?token=<token>.');
      }
      const [, roomId, docName] = parts as [string, string, string];
      if (!isDocName(docName)) {
        throw new AppError('not_found', `There is no document "${docName}"; a room has pad, private and state.`);
      }
      const caller = deps.rooms.authenticate(roomId, url.searchParams.get('token'));
      const access = docAccess(docName, caller.role, caller.room.mode, caller.room.phase);
      if (access === 'none') {
        throw new AppError('forbidden', `Your role cannot open the ${docName} document of this room.`);
      }
      deps.wss.handleUpgrade(req, socket, head, (ws) => {
        deps.hub.attach(ws, caller.room, caller.role, docName);
      });
    } catch (error) {
      if (error instanceof AppError) {
        deps.log.debug('upgrade refused', { path: req.url?.split('?')[0], status: error.status });
        refuse(socket, error);
      } else {
        deps.log.error('upgrade failed', { error });
        refuse(socket, new AppError('internal'));
      }
    }
  };
}
