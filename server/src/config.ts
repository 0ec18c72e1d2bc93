import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { MAX_MESSAGE_BYTES } from '@duet/shared';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Everything the server reads from its environment, typed and checked once at start. */
export interface Config {
  /** TCP port for HTTP and WebSocket (0 picks a free one). */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** Folder holding the SQLite database. */
  dataDir: string;
  /** Base URL used in room links; when null, taken from the request's Host header. */
  publicUrl: string | null;
  /** Built client to serve, or null to serve only the API (e.g. under `pnpm dev`). */
  clientDir: string | null;
  /** Largest WebSocket frame accepted. */
  maxMessageBytes: number;
  /** Largest HTTP request body accepted. */
  maxBodyBytes: number;
  /** How often idle connections are pinged and sent a keep-alive. */
  heartbeatIntervalMs: number;
  /** A document is compacted into a snapshot after this many logged updates. */
  snapshotEveryUpdates: number;
  /** A document with no connection is unloaded from memory after this long. */
  docIdleUnloadMs: number;
  /** A connection whose unsent data exceeds this is closed (it reconnects and resyncs). */
  maxBufferedBytes: number;
  /** A document's size past which clients' changes to it are refused (SYNC11). */
  maxDocBytes: number;
  /** Worker threads running candidate code. */
  runnerWorkers: number;
  /** WASM heap cap of each runner worker, bytes (hard: growth past it fails). */
  runnerHeapBytes: number;
  /** Whole-run deadline, ms. */
  runDeadlineMs: number;
  /** Upper bound on a problem's per-test time limit, ms. */
  maxTestMs: number;
  /** Runs waiting for a worker before the API answers 429. */
  runnerQueue: number;
  /** Least important messages that are printed. */
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The built client next to the built server (server/dist -> client/dist). */
function defaultClientDir(): string | null {
  const candidate = path.resolve(here, '../../client/dist');
  return existsSync(path.join(candidate, 'index.html')) ? candidate : null;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

/** Read the configuration; throws ConfigError with a sentence naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error, silent; got "${env.LOG_LEVEL}".`);
  }
  let publicUrl: string | null = null;
  if (env.PUBLIC_URL) {
    try {
      const parsed = new URL(env.PUBLIC_URL);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
      publicUrl = parsed.toString().replace(/\/+$/, '');
    } catch {
      throw new ConfigError(
        `PUBLIC_URL must be an http(s) URL such as https://interviews.example.com; got "${env.PUBLIC_URL}".`,
      );
    }
  }
  const clientDir =
    env.CLIENT_DIR === 'none' ? null : env.CLIENT_DIR ? path.resolve(env.CLIENT_DIR) : defaultClientDir();
  if (clientDir && !existsSync(path.join(clientDir, 'index.html'))) {
    throw new ConfigError(`CLIENT_DIR "${clientDir}" has no index.html. Run "pnpm build" or set CLIENT_DIR=none.`);
  }
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    publicUrl,
    clientDir,
    maxMessageBytes: int(env, 'MAX_MESSAGE_BYTES', MAX_MESSAGE_BYTES, 1024, 64 * 1024 * 1024),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    heartbeatIntervalMs: int(env, 'HEARTBEAT_INTERVAL_MS', 10_000, 100, 600_000),
    snapshotEveryUpdates: int(env, 'SNAPSHOT_EVERY_UPDATES', 500, 1, 1_000_000),
    docIdleUnloadMs: int(env, 'DOC_IDLE_UNLOAD_MS', 30_000, 0, 86_400_000),
    maxBufferedBytes: int(env, 'MAX_BUFFERED_BYTES', 8 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    maxDocBytes: int(env, 'MAX_DOC_BYTES', 8 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    runnerWorkers: int(env, 'RUNNER_WORKERS', Math.max(1, os.availableParallelism()), 1, 64),
    runnerHeapBytes: int(env, 'RUNNER_HEAP_MB', 256, 32, 2048) * 1024 * 1024,
    runDeadlineMs: int(env, 'RUN_DEADLINE_MS', 15_000, 1000, 120_000),
    maxTestMs: int(env, 'RUNNER_MAX_TEST_MS', 10_000, 100, 60_000),
    runnerQueue: int(env, 'RUNNER_QUEUE', 64, 1, 10_000),
    logLevel,
  };
}
