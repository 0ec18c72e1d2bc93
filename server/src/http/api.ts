import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRoomRequestSchema, validate, type CreateRoomRequest } from '@duet/shared';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Config } from '../config.js';
import type { RoomService } from '../rooms/room-service.js';
import { bearerToken, readJson, sendError, sendJson } from './respond.js';
import { Router, type RequestContext } from './router.js';

export interface ApiDeps {
  config: Config;
  log: Logger;
  rooms: RoomService;
}

/** Parse a body with a schema or throw 400 naming every bad field. */
export function parseBody<T>(schema: Parameters<typeof validate>[0], body: unknown): T {
  const result = validate(schema, body);
  if (!result.ok) {
    const summary = result.fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join(' ');
    throw new AppError('validation_failed', `The request body is not valid. ${summary}`, result.fields);
  }
  return result.value as T;
}

/** The HTTP API (docs/API.md). Returns a request handler for paths under /api/. */
export function createApi(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { config, rooms } = deps;
  const router = new Router();

  const baseUrl = (req: IncomingMessage): string => {
    if (config.publicUrl) return config.publicUrl;
    const host = req.headers.host;
    const safeHost = host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : `${config.host}:${config.port}`;
    return `http://${safeHost}`;
  };
  const caller = (ctx: RequestContext) => rooms.authenticate(ctx.params.roomId!, bearerToken(ctx.req));

  router.add('GET', '/api/health', ({ res }) => sendJson(res, 200, { ok: true }));

  router.add('POST', '/api/rooms', async ({ req, res }) => {
    const input = parseBody<CreateRoomRequest>(
      createRoomRequestSchema,
      await readJson(req, config.maxBodyBytes),
    );
    sendJson(res, 201, rooms.create(input, baseUrl(req)));
  });

  router.add('GET', '/api/rooms/:roomId', (ctx) => {
    sendJson(ctx.res, 200, rooms.info(caller(ctx)));
  });

  router.add('POST', '/api/rooms/:roomId/end', async (ctx) => {
    const who = caller(ctx);
    await readJson(ctx.req, config.maxBodyBytes);
    const room = rooms.end(who);
    sendJson(ctx.res, 200, rooms.info({ room, role: who.role }));
  });

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const started = performance.now();
    void (async () => {
      try {
        const { handler, params } = router.match(req.method ?? 'GET', url.pathname);
        await handler({ req, res, url, params });
      } catch (error) {
        if (error instanceof AppError) {
          sendError(res, error);
        } else {
          deps.log.error('request failed', { method: req.method, path: url.pathname, error });
          if (!res.headersSent) sendError(res, new AppError('internal'));
          else res.destroy();
        }
      } finally {
        deps.log.debug('request', {
          method: req.method,
          path: url.pathname,
          status: res.statusCode,
          ms: (performance.now() - started).toFixed(1),
        });
      }
    })();
  };
}
