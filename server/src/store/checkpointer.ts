import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.js';
import type { Db } from './db.js';

/** Pages the main connection lets the WAL grow to before checkpointing itself (a fallback only). */
const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Move WAL checkpoints (and their fsyncs) to a worker thread with its own connection. If the
 * worker file is missing (code run from source), SQLite's own auto-checkpoint stays on.
 */
export function startCheckpointer(db: Db, file: string, log: Logger, intervalMs = 1000): Checkpointer | null {
  const workerPath = fileURLToPath(new URL('./checkpoint-worker.js', import.meta.url));
  if (!existsSync(workerPath)) return null;
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const worker = new Worker(workerPath, { workerData: { file, intervalMs } });
  worker.on('message', (m: { type: string; message: string }) => log.warn('checkpoint failed', { error: m.message }));
  worker.on('error', (error) => log.error('checkpoint worker crashed; SQLite checkpoints on its own again', { error }));
  worker.unref();
  return {
    async stop() {
      worker.postMessage('stop');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
