import { Worker } from 'node:worker_threads';
import v8 from 'node:v8';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.js';
import {
  STATUS,
  STATUS_SLOTS,
  type CaseOutcome,
  type CaseReport,
  type JobKind,
  type RunLimits,
  type SetupError,
  type WorkerJob,
  type WorkerMessage,
} from './protocol.js';

// Terminating a worker while V8 optimises its code on a background thread can abort the whole
// process (node::NodePlatform::ForIsolate assertion; nodejs/node#56312, open). Measured here: 2 of 4
// runs of a start/terminate churn crashed or hung without this flag, 12 of 12 passed with it.
// Optimisation then runs on each isolate's own thread; it must be set before any worker exists.
v8.setFlagsFromString('--no-concurrent-recompilation');

/** A worker that has not loaded QuickJS after this long is replaced. */
const STARTUP_TIMEOUT_MS = 15_000;

/** A worker stuck past its test's deadline by this much is terminated (native calls never check). */
export const WATCHDOG_GRACE_MS = 20;
/** How often the watchdog looks at busy workers. */
export const WATCHDOG_INTERVAL_MS = 5;

export interface PoolOptions {
  size: number;
  log: Logger;
  /** Defaults for every run; `testMs` is per run. */
  limits: Omit<RunLimits, 'testMs'>;
  /** A worker whose WASM heap grew past this is replaced after its job (the heap never shrinks). */
  recycleHeapBytes: number;
  /** Runs waiting for a worker before `run` refuses with PoolBusyError. */
  maxQueued: number;
  /** Built worker script; defaults to runner-worker.js next to this file's bundle. */
  workerPath?: string;
}

export interface PoolRunRequest {
  code: string;
  language: 'javascript' | 'typescript';
  kind: JobKind;
  entry: string;
  /** Arguments as JSON text; a test's index is its position here. */
  cases: string[];
  testMs: number;
  runMs: number;
}

export interface PoolRunResult {
  setupError: SetupError | null;
  /** One report per case, in order. */
  reports: CaseReport[];
}

export class PoolBusyError extends Error {
  override name = 'PoolBusyError';
}

interface Task {
  req: PoolRunRequest;
  runDeadline: number;
  reports: (CaseReport | undefined)[];
  setupError: SetupError | null;
  resolve: (result: PoolRunResult) => void;
}

interface Slot {
  worker: Worker;
  status: Float64Array;
  ready: boolean;
  current: { jobId: number; task: Task } | null;
  /** Taken out of service on purpose: its exit is expected. */
  retired: boolean;
  /** Resolves when the worker is ready or has exited (ends its start-up step). */
  started: Promise<void>;
  markStarted: () => void;
}

function defaultWorkerPath(): string {
  return fileURLToPath(new URL('./runner-worker.js', import.meta.url));
}

/** Worker threads running candidate code (runner/worker.ts), with a queue and a watchdog. */
export class RunnerPool {
  /** Worker slots; null while a replacement is on its way. */
  private readonly slots: (Slot | null)[] = [];
  /**
   * Every start and termination of a worker runs on this chain, one at a time: creating an isolate
   * while another is torn down is what nodejs/node#56312 crashes on.
   */
  private lifecycle: Promise<void> = Promise.resolve();
  private readonly queue: Task[] = [];
  private readonly workerPath: string;
  private watchdog: NodeJS.Timeout | null = null;
  private nextJobId = 1;
  private closed = false;
  /** Counters for /api/health and benchmarks. */
  readonly counters = { runs: 0, kills: 0, recycled: 0, crashed: 0 };

  constructor(private readonly opts: PoolOptions) {
    this.workerPath = opts.workerPath ?? defaultWorkerPath();
    if (!existsSync(this.workerPath)) {
      throw new Error(`The runner worker is missing at ${this.workerPath}: build the server ("pnpm build:server").`);
    }
    for (let i = 0; i < opts.size; i++) {
      this.slots.push(null);
      this.bringUp(i);
    }
  }

  private schedule(step: () => Promise<void>): void {
    this.lifecycle = this.lifecycle.then(step).catch((error: unknown) => {
      this.opts.log.error('runner worker lifecycle step failed', { error });
    });
  }

  /** Start a worker for slot `index` (after every earlier lifecycle step). */
  private bringUp(index: number): void {
    this.schedule(async () => {
      if (this.closed) return;
      const slot = this.spawn();
      this.slots[index] = slot;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), STARTUP_TIMEOUT_MS)),
      );
      const outcome = await Promise.race([slot.started.then(() => 'started' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout' && !slot.ready) {
        this.opts.log.error('a runner worker did not start in time; replacing it');
        this.retire(slot);
      }
    });
  }

  /** Take a worker out of service: terminate it (awaiting its exit), then start a replacement. */
  private retire(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || slot.retired) return;
    slot.retired = true;
    slot.ready = false;
    this.slots[index] = null;
    this.schedule(async () => {
      await slot.worker.terminate();
    });
    this.bringUp(index);
  }

  /** Resolves when every worker has loaded QuickJS. */
  async ready(): Promise<void> {
    while (!this.slots.every((s) => s?.ready)) await new Promise((r) => setTimeout(r, 5));
  }

  get queued(): number {
    return this.queue.length;
  }

  get busy(): number {
    return this.slots.filter((s) => s?.current).length;
  }

  run(req: PoolRunRequest): Promise<PoolRunResult> {
    if (this.closed) return Promise.reject(new Error('runner pool closed'));
    if (this.queue.length >= this.opts.maxQueued) {
      return Promise.reject(new PoolBusyError('Too many runs are waiting.'));
    }
    this.counters.runs++;
    return new Promise((resolve) => {
      const now = Date.now();
      this.queue.push({
        req,
        runDeadline: now + req.runMs,
        reports: new Array<CaseReport | undefined>(req.cases.length),
        setupError: null,
        resolve,
      });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const task of this.queue.splice(0)) this.finish(task);
    await this.lifecycle;
    for (const slot of this.slots) {
      if (slot) {
        slot.retired = true;
        await slot.worker.terminate();
      }
    }
  }

  private spawn(): Slot {
    const statusBuffer = new SharedArrayBuffer(STATUS_SLOTS * 8);
    const worker = new Worker(this.workerPath, {
      workerData: { statusBuffer, heapBytes: this.opts.limits.heapBytes },
      // A larger native stack than QuickJS's own limit, so QuickJS reports "stack overflow" first;
      // a small JS heap: nothing big is ever copied out of the sandbox.
      resourceLimits: { stackSizeMb: 16, maxOldGenerationSizeMb: 128 },
    });
    let markStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const slot: Slot = {
      worker,
      status: new Float64Array(statusBuffer),
      ready: false,
      current: null,
      retired: false,
      started,
      markStarted,
    };
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('error', (error) => {
      this.opts.log.warn('runner worker failed', { error: error.message });
    });
    worker.on('exit', () => this.onExit(slot));
    // Ref'd while starting and while running a job (queued runs wait on it); unref'd when idle.
    return slot;
  }

  private trace(what: string, slot?: Slot): void {
    if (!process.env.DUET_TRACE_POOL) return;
    const i = slot ? this.slots.indexOf(slot) : -2;
    process.stderr.write(
      `[pool ${Date.now() % 100000}] ${what} slot=${i} ready=${this.slots.map((s) => (s?.ready ? 1 : 0)).join('')} busy=${this.slots.map((s) => (s?.current ? 1 : 0)).join('')} queue=${this.queue.length}\n`,
    );
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    this.trace(
      `msg ${message.type}${'jobId' in message ? ' job=' + message.jobId : ''}${message.type === 'done' ? ' recycle=' + message.recycle : ''}`,
      slot,
    );
    if (message.type === 'ready') {
      slot.markStarted();
      if (slot.retired) return;
      slot.ready = true;
      slot.worker.unref();
      this.pump();
      return;
    }
    const current = slot.current;
    if (!current || current.jobId !== message.jobId) return;
    const task = current.task;
    switch (message.type) {
      case 'case':
        task.reports[message.report.index] ??= message.report;
        return;
      case 'setup-error':
        task.setupError = message.error;
        return;
      case 'done':
        slot.current = null;
        slot.worker.unref();
        if (message.recycle || message.heapBytes > this.opts.recycleHeapBytes) {
          this.counters.recycled++;
          this.retire(slot);
        }
        if (message.recycle && this.hasRemaining(task) && !task.setupError && Date.now() < task.runDeadline) {
          this.queue.unshift(task);
        } else {
          this.finish(task);
        }
        this.pump();
        return;
    }
  }

  /** A worker ended on its own (a crash inside the module): like a kill, without a verdict of ours. */
  private onExit(slot: Slot): void {
    this.trace('exit', slot);
    slot.markStarted();
    if (slot.retired) return;
    this.counters.crashed++;
    const current = slot.current;
    slot.current = null;
    this.retire(slot);
    if (current)
      this.afterKill(current.task, slot, {
        kind: 'error',
        name: 'InternalError',
        message: 'The sandbox stopped unexpectedly.',
        stack: '',
      });
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot || !slot.ready || slot.current) continue;
      const task = this.queue.shift()!;
      this.dispatch(slot, task);
    }
    this.updateWatchdog();
  }

  private dispatch(slot: Slot, task: Task): void {
    const remaining = task.req.cases.map((args, index) => ({ index, args })).filter((c) => !task.reports[c.index]);
    if (remaining.length === 0 || task.setupError) {
      this.finish(task);
      return;
    }
    const job: WorkerJob = {
      jobId: this.nextJobId++,
      code: task.req.code,
      language: task.req.language,
      kind: task.req.kind,
      entry: task.req.entry,
      cases: remaining,
      limits: { ...this.opts.limits, testMs: task.req.testMs },
      runDeadline: task.runDeadline,
    };
    // Until the worker writes its own status, the whole test budget counts from now.
    slot.status[STATUS.caseIndex] = remaining[0]!.index;
    slot.status[STATUS.caseStartedAt] = Date.now();
    slot.status[STATUS.caseDeadline] = Math.min(Date.now() + task.req.testMs, task.runDeadline);
    slot.current = { jobId: job.jobId, task };
    this.trace(`dispatch job=${job.jobId} cases=${remaining.length}`, slot);
    // A worker with a job keeps the process alive (an idle one does not).
    slot.worker.ref();
    slot.worker.postMessage(job);
  }

  private updateWatchdog(): void {
    const busy = this.slots.some((s) => s?.current);
    if (busy && !this.watchdog) {
      this.watchdog = setInterval(() => this.watch(), WATCHDOG_INTERVAL_MS);
      this.watchdog.unref();
    } else if (!busy && this.watchdog) {
      clearInterval(this.watchdog);
      this.watchdog = null;
    }
  }

  /** Terminate any worker stuck past its deadline or over its memory cap. */
  private watch(): void {
    const now = Date.now();
    for (const slot of [...this.slots]) {
      if (!slot?.current) continue;
      const deadline = slot.status[STATUS.caseDeadline]!;
      const heap = slot.status[STATUS.heapBytes]!;
      if (heap > this.opts.limits.heapBytes + 65536) this.kill(slot, { kind: 'memory' });
      // A worker stuck at its deadline with a nearly full heap was building a memory bomb.
      else if (now > deadline + WATCHDOG_GRACE_MS)
        this.kill(slot, heap >= 0.9 * this.opts.limits.heapBytes ? { kind: 'memory' } : { kind: 'timeout' });
    }
    this.updateWatchdog();
  }

  private kill(slot: Slot, outcome: CaseOutcome): void {
    this.trace(`kill ${outcome.kind}`, slot);
    const current = slot.current;
    if (!current) return;
    this.counters.kills++;
    slot.current = null;
    this.retire(slot);
    this.afterKill(current.task, slot, outcome);
    this.pump();
  }

  /** The case in flight gets `outcome`; the rest continue on another worker if time is left. */
  private afterKill(task: Task, slot: Slot, outcome: CaseOutcome): void {
    const caseIndex = slot.status[STATUS.caseIndex]!;
    const startedAt = slot.status[STATUS.caseStartedAt]!;
    if (caseIndex < 0) {
      task.setupError = {
        name: 'LimitError',
        message:
          outcome.kind === 'timeout'
            ? `The top level of the code did not finish within ${task.req.testMs} ms.`
            : 'The sandbox stopped while loading the code.',
        stack: '',
      };
    } else if (!task.reports[caseIndex]) {
      task.reports[caseIndex] = {
        index: caseIndex,
        outcome,
        console: '',
        consoleTruncated: false,
        durationMs: Date.now() - startedAt,
      };
    }
    if (!task.setupError && this.hasRemaining(task) && Date.now() < task.runDeadline) {
      this.queue.unshift(task);
    } else {
      this.finish(task);
    }
  }

  private hasRemaining(task: Task): boolean {
    for (let i = 0; i < task.req.cases.length; i++) if (!task.reports[i]) return true;
    return false;
  }

  private finish(task: Task): void {
    const reports: CaseReport[] = task.req.cases.map(
      (_, index) =>
        task.reports[index] ?? {
          index,
          outcome: { kind: 'skipped', message: 'Not run: the run used up its time budget.' },
          console: '',
          consoleTruncated: false,
          durationMs: 0,
        },
    );
    task.resolve({ setupError: task.setupError, reports });
  }
}
