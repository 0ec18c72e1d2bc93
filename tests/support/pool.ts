import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunnerPool, type PoolOptions } from '../../server/src/runner/pool.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A real runner pool on the built worker (server/dist/runner-worker.js). */
export function testPool(overrides: Partial<PoolOptions> = {}): RunnerPool {
  return new RunnerPool({
    size: 2,
    log: silent,
    limits: {
      heapBytes: 256 * 1024 * 1024,
      allocBytes: 64 * 1024 * 1024,
      stackBytes: 4 * 1024 * 1024,
      consoleChars: 8000,
      consoleFloodChars: 1_000_000,
      maxPendingJobs: 1_000_000,
    },
    recycleHeapBytes: 96 * 1024 * 1024,
    maxQueued: 10_000,
    workerPath: path.join(repo, 'server/dist/runner-worker.js'),
    ...overrides,
  });
}
