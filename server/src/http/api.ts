import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  createRoomRequestSchema,
  hintRequestSchema,
  signalRequestSchema,
  timerRequestSchema,
  type HintRequest,
  type SignalRequest,
  type TimerRequest,
  problemJsonSchema,
  runRequestSchema,
  setProblemRequestSchema,
  validate,
  type CreateRoomRequest,
  type RunKind,
  type SetProblemRequest,
} from '@duet/shared';
import { AppError, validationError } from '../errors.js';
import type { Logger } from '../log.js';
import type { HubStats } from '../sync/doc-hub.js';
import type { Config } from '../config.js';
import type { RoomService } from '../rooms/room-service.js';
import type { ProblemService } from '../problems/problem-service.js';
import type { RunService } from '../runner/run-service.js';
import type { InterviewService } from '../rooms/interview-service.js';
import { bearerToken, readJson, sendError, sendJson } from './respond.js';
import { Router, type RequestContext } from './router.js';

export interface ApiDeps {
  config: Config;
  log: Logger;
  rooms: RoomService;
  problems: ProblemService;
  runs: RunService;
  interview: InterviewService;
  hubStats: () => HubStats;
  runnerStats: () => { busy: number; queued: number; runs: number; kills: number; recycled: number; crashed: number };
}

/** Parse a body with a schema or throw 400 naming every bad field. */
export function parseBody<T>(schema: Parameters<typeof validate>[0], body: unknown): T {
  const result = validate(schema, body);
  if (!result.ok) throw validationError('The request body', result.fields);
  return result.value as T;
}

/** The HTTP API (docs/API.md). Returns a request handler for paths under /api/. */
export function createApi(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { config, rooms, problems, runs, interview } = deps;
  const router = new Router();

  const baseUrl = (req: IncomingMessage): string => {
    if (config.publicUrl) return config.publicUrl;
    const host = req.headers.host;
    const safeHost = host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : `${config.host}:${config.port}`;
    return `http://${safeHost}`;
  };
  const caller = (ctx: RequestContext) => rooms.authenticate(ctx.params.roomId!, bearerToken(ctx.req));

  router.add('GET', '/api/health', ({ res }) => sendJson(res, 200, { ok: true }));

  // Numbers for operators and benchmarks; nothing about any room's content.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  router.add('GET', '/api/health/details', ({ res, url }) => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const body = {
      ok: true,
      uptimeS: Math.round(process.uptime()),
      memory: { rssMiB: Math.round(process.memoryUsage.rss() / 1048576) },
      eventLoopDelayMs: {
        p50: ms(loopDelay.percentile(50)),
        p99: ms(loopDelay.percentile(99)),
        max: ms(loopDelay.max),
      },
      sync: deps.hubStats(),
      runner: deps.runnerStats(),
    };
    if (url.searchParams.get('reset') === '1') loopDelay.reset();
    sendJson(res, 200, body);
  });

  // For clients to correct their clock against the server's (the timer is the server's).
  router.add('GET', '/api/time', ({ res }) => sendJson(res, 200, { now: Date.now() }));

  router.add('GET', '/api/schema/problem', ({ res }) => sendJson(res, 200, problemJsonSchema()));

  router.add('GET', '/api/problems', ({ res, url }) => {
    const difficulty = url.searchParams.get('difficulty');
    const tag = url.searchParams.get('tag');
    const list = problems
      .list()
      .filter((p) => (!difficulty || p.difficulty === difficulty) && (!tag || p.tags.includes(tag)));
    sendJson(res, 200, { problems: list });
  });

  router.add('POST', '/api/problems', async ({ req, res }) => {
    const { problem, ownerToken } = problems.create(await readJson(req, config.maxBodyBytes));
    sendJson(res, 201, { problem: problems.publicView({ problem, source: 'custom' }), ownerToken });
  });

  /** The secrets of a problem go to an interviewer of a room that uses it (`?room=` + Bearer). */
  const interviewerOfRoomUsing = (ctx: RequestContext, problemId: string): boolean => {
    const roomId = ctx.url.searchParams.get('room');
    const token = bearerToken(ctx.req);
    if (!roomId || !token) return false;
    const who = rooms.authenticate(roomId, token);
    return who.role === 'interviewer' && who.room.problemId === problemId;
  };

  router.add('GET', '/api/problems/:id', (ctx) => {
    const found = problems.require(ctx.params.id!);
    const secrets = interviewerOfRoomUsing(ctx, found.problem.id);
    sendJson(ctx.res, 200, secrets ? problems.interviewerView(found) : problems.publicView(found));
  });

  router.add('GET', '/api/problems/:id/export', (ctx) => {
    const found = problems.require(ctx.params.id!);
    const token = bearerToken(ctx.req);
    const roomId = ctx.url.searchParams.get('room');
    let allowed = false;
    if (token && found.source === 'custom' && problems.isOwner(found.problem.id, token)) allowed = true;
    else if (token && roomId) allowed = rooms.authenticate(roomId, token).role === 'interviewer';
    if (!allowed) {
      throw new AppError(
        token ? 'forbidden' : 'unauthorized',
        'Exporting a problem (with its hidden tests and solution) needs its owner token, or an interviewer token with ?room=<roomId>.',
      );
    }
    sendJson(ctx.res, 200, found.problem, { 'Content-Disposition': `attachment; filename="${found.problem.id}.json"` });
  });

  router.add('POST', '/api/rooms', async ({ req, res }) => {
    const input = parseBody<CreateRoomRequest>(createRoomRequestSchema, await readJson(req, config.maxBodyBytes));
    sendJson(res, 201, rooms.create(input, baseUrl(req)));
  });

  router.add('GET', '/api/rooms/:roomId', (ctx) => {
    sendJson(ctx.res, 200, rooms.info(caller(ctx)));
  });

  router.add('PUT', '/api/rooms/:roomId/problem', async (ctx) => {
    const who = caller(ctx);
    const body = parseBody<SetProblemRequest>(setProblemRequestSchema, await readJson(ctx.req, config.maxBodyBytes));
    const room = rooms.setProblem(who, body.problemId, body.resetCode);
    sendJson(ctx.res, 200, rooms.info({ room, role: who.role }));
  });

  router.add('POST', '/api/rooms/:roomId/runs', async (ctx) => {
    const who = caller(ctx);
    const body = parseBody<{ kind: RunKind }>(runRequestSchema, await readJson(ctx.req, config.maxBodyBytes));
    sendJson(ctx.res, 200, await runs.run(who, body.kind));
  });

  router.add('GET', '/api/rooms/:roomId/runs', (ctx) => {
    sendJson(ctx.res, 200, { runs: runs.history(caller(ctx)) });
  });

  router.add('POST', '/api/rooms/:roomId/timer', async (ctx) => {
    const who = caller(ctx);
    const body = parseBody<TimerRequest>(timerRequestSchema, await readJson(ctx.req, config.maxBodyBytes));
    sendJson(ctx.res, 200, interview.timer(who, body));
  });

  router.add('POST', '/api/rooms/:roomId/hints', async (ctx) => {
    const who = caller(ctx);
    const body = parseBody<HintRequest>(hintRequestSchema, await readJson(ctx.req, config.maxBodyBytes));
    sendJson(ctx.res, 201, interview.hint(who, body));
  });

  router.add('POST', '/api/rooms/:roomId/signals', async (ctx) => {
    const who = caller(ctx);
    const body = parseBody<SignalRequest>(signalRequestSchema, await readJson(ctx.req, config.maxBodyBytes));
    const result = interview.signal(who, body);
    sendJson(ctx.res, result.recorded ? 201 : 200, result);
  });

  router.add('GET', '/api/rooms/:roomId/summary', (ctx) => {
    sendJson(ctx.res, 200, interview.summary(caller(ctx)));
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
