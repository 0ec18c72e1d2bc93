import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import path from 'node:path';
import { DB_FILE_NAME, openDb, type Db } from './store/db.js';
import { startCheckpointer } from './store/checkpointer.js';
import { RoomStore } from './store/room-store.js';
import { UpdateStore } from './store/update-store.js';
import { EventStore } from './store/event-store.js';
import { DocHub } from './sync/doc-hub.js';
import { createUpgradeHandler } from './sync/upgrade.js';
import { RoomService } from './rooms/room-service.js';
import { createApi } from './http/api.js';
import { AppError } from './errors.js';
import { ProblemStore } from './store/problem-store.js';
import { RunStore } from './store/run-store.js';
import { ProblemService } from './problems/problem-service.js';
import { loadBuiltinProblems } from './problems/bank.js';
import { RunnerPool } from './runner/pool.js';
import { RunService } from './runner/run-service.js';
import { InterviewService } from './rooms/interview-service.js';
import { sendError } from './http/respond.js';

export interface App {
  /** The bound port (useful with PORT=0). */
  port: number;
  /** `http://host:port`. */
  url: string;
  db: Db;
  hub: DocHub;
  rooms: RoomService;
  pool: RunnerPool;
  /** Stop accepting, close every connection ("server restart"), snapshot, close the database. */
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  // Tokens travel in the URL fragment; no-referrer keeps the page URL from leaking anywhere.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** Composition root: config -> store -> services -> http -> ws. */
export async function startApp(config: Config, log: Logger): Promise<App> {
  const db = openDb(config.dataDir);
  const checkpointer = startCheckpointer(db, path.join(config.dataDir, DB_FILE_NAME), log);
  const roomStore = new RoomStore(db);
  const updates = new UpdateStore(db);
  if (updates.recovered.rows > 0) {
    log.info('indexed updates a previous run committed but had not indexed', updates.recovered);
  }
  const events = new EventStore(db);
  const hub = new DocHub({
    updates,
    events,
    log,
    snapshotEveryUpdates: config.snapshotEveryUpdates,
    docIdleUnloadMs: config.docIdleUnloadMs,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    maxBufferedBytes: config.maxBufferedBytes,
    maxDocBytes: config.maxDocBytes,
  });
  const problems = new ProblemService(loadBuiltinProblems(), new ProblemStore(db));
  const rooms = new RoomService(roomStore, hub, events, problems);
  const pool = new RunnerPool({
    size: config.runnerWorkers,
    log,
    limits: {
      heapBytes: config.runnerHeapBytes,
      allocBytes: Math.min(64 * 1024 * 1024, config.runnerHeapBytes / 2),
      stackBytes: 4 * 1024 * 1024,
      consoleChars: 8000,
      consoleFloodChars: 1_000_000,
      maxPendingJobs: 1_000_000,
    },
    recycleHeapBytes: Math.min(96 * 1024 * 1024, config.runnerHeapBytes),
    maxQueued: config.runnerQueue,
  });
  const runStore = new RunStore(db);
  const interview = new InterviewService(roomStore, hub, events, problems, runStore);
  const runs = new RunService(pool, problems, hub, runStore, log, {
    runDeadlineMs: config.runDeadlineMs,
    maxTestMs: config.maxTestMs,
    scriptTestMs: 5000,
  });
  const api = createApi({
    config,
    log,
    rooms,
    problems,
    runs,
    interview,
    hubStats: () => hub.stats(),
    runnerStats: () => ({ busy: pool.busy, queued: pool.queued, ...pool.counters }),
  });
  const statics = config.clientDir
    ? sirv(config.clientDir, {
        single: true,
        etag: true,
        gzip: false,
        setHeaders: (res, pathname) => {
          // Hashed assets never change; index.html must always be fresh.
          res.setHeader(
            'Cache-Control',
            pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      })
    : null;

  let closing = false;
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api' || path.startsWith('/api/')) {
      if (closing) return sendError(res, new AppError('unavailable'));
      return api(req, res);
    }
    if (statics) return statics(req, res, () => sendError(res, new AppError('not_found')));
    sendError(res, new AppError('not_found', 'The client is not built; run "pnpm build" or use "pnpm dev".'));
  });
  server.keepAliveTimeout = 5000;

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, perMessageDeflate: false });
  server.on('upgrade', createUpgradeHandler({ wss, hub, rooms, log, isClosing: () => closing }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closed: Promise<void> | null = null;
  return {
    port,
    url,
    db,
    hub,
    rooms,
    pool,
    close() {
      closed ??= (async () => {
        closing = true;
        log.debug('shutdown: closing connections');
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        hub.close();
        wss.close();
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
        await serverClosed;
        log.debug('shutdown: HTTP closed; stopping runner and checkpointer');
        await pool.close();
        await checkpointer?.stop();
        log.debug('shutdown: closing the database');
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      })();
      return closed;
    },
  };
}
