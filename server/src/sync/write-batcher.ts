import type { UpdateAuthor, UpdateStore } from '../store/update-store.js';
import type { SharedDoc } from './shared-doc.js';

/** A batch is committed early once it is this old or this big: batching must not add latency. */
const MAX_BATCH_WAIT_MS = 0.5;
const MAX_BATCH_UPDATES = 32;

interface PendingWrite {
  shared: SharedDoc;
  update: Uint8Array;
  origin: unknown;
  author: UpdateAuthor;
  ts: number;
}

/**
 * Groups the updates that arrive in one turn of the event loop into one SQLite transaction, then
 * broadcasts them: one commit per keystroke costs two page writes to the WAL, and under load many
 * keystrokes arrive in the same turn.
 *
 * The rule "an update is in SQLite before anyone is sent it" holds because every send flushes
 * first (Connection calls `flush()` before writing to its socket): no byte leaves the server while
 * an update is only in memory.
 */
export class WriteBatcher {
  private queue: PendingWrite[] = [];
  private batchStartedAt = 0;
  private scheduled = false;
  private flushing = false;
  /** Since start: transactions committed and updates in them (for /api/health/details). */
  commits = 0;
  committed = 0;

  constructor(
    private readonly updates: UpdateStore,
    private readonly onFailure: (docs: Set<SharedDoc>, error: unknown) => void,
  ) {}

  get pending(): boolean {
    return this.queue.length > 0;
  }

  enqueue(write: PendingWrite): void {
    if (this.queue.length === 0) this.batchStartedAt = performance.now();
    this.queue.push(write);
    if (this.queue.length >= MAX_BATCH_UPDATES || performance.now() - this.batchStartedAt >= MAX_BATCH_WAIT_MS) {
      this.flush();
      return;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Commit everything queued, then hand each update to its document to broadcast. */
  flush(): void {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue;
    this.queue = [];
    try {
      let ids: number[];
      try {
        ids = this.updates.appendMany(
          batch.map((w) => ({
            roomId: w.shared.roomId,
            doc: w.shared.name,
            ts: w.ts,
            author: w.author,
            data: w.update,
          })),
        );
      } catch (error) {
        this.onFailure(new Set(batch.map((w) => w.shared)), error);
        return;
      }
      this.commits++;
      this.committed += batch.length;
      for (let i = 0; i < batch.length; i++) {
        const w = batch[i]!;
        w.shared.persisted(w.update, w.origin, ids[i]!);
      }
    } finally {
      this.flushing = false;
    }
  }
}
