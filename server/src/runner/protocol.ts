/** Messages between the runner pool (main thread) and its worker threads. */

export interface RunLimits {
  /** CPU deadline of one test, ms. */
  testMs: number;
  /** Largest WASM heap a worker may grow to, bytes (a hard cap: growth past it fails). */
  heapBytes: number;
  /** QuickJS's own limit: the largest single allocation, bytes. */
  allocBytes: number;
  /** QuickJS stack, bytes. */
  stackBytes: number;
  /** Console output kept per test, characters. */
  consoleChars: number;
  /** Console output after which a test stops with "output-limit", characters. */
  consoleFloodChars: number;
  /** Promise jobs run while waiting for an async result. */
  maxPendingJobs: number;
}

export type JobKind = 'function' | 'class' | 'script';

export interface WorkerJob {
  jobId: number;
  code: string;
  language: 'javascript' | 'typescript';
  kind: JobKind;
  /** Function or class name (a checked identifier); unused for scripts. */
  entry: string;
  /** Arguments as JSON text, in order; `index` is the test's position in the whole run. */
  cases: { index: number; args: string }[];
  limits: RunLimits;
  /** Epoch ms after which nothing more runs. */
  runDeadline: number;
}

/** What happened in one test, before comparison with the expected value. */
export type CaseOutcome =
  | { kind: 'value'; json: string }
  | { kind: 'error'; name: string; message: string; stack: string }
  | { kind: 'timeout' }
  | { kind: 'memory' }
  | { kind: 'output-limit'; message: string }
  | { kind: 'skipped'; message: string };

export interface CaseReport {
  index: number;
  outcome: CaseOutcome;
  console: string;
  consoleTruncated: boolean;
  durationMs: number;
}

/** The code did not compile, or the entry is missing: every test fails with this. */
export interface SetupError {
  name: string;
  message: string;
  stack: string;
  line?: number;
  column?: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'case'; jobId: number; report: CaseReport }
  | { type: 'setup-error'; jobId: number; error: SetupError }
  /**
   * The job ended. With `recycle`, the worker stopped early after a limit (its runtime is not
   * trusted any more): the pool replaces it and runs the remaining cases elsewhere.
   */
  | { type: 'done'; jobId: number; heapBytes: number; recycle: boolean };

/**
 * Shared status slots (Float64Array over a SharedArrayBuffer) the worker writes and the pool's
 * watchdog reads, even while the worker is stuck in a native call.
 */
export const STATUS = {
  /** Id of the job being run, 0 when idle. */
  jobId: 0,
  /** Index of the test being run, -1 during set-up. */
  caseIndex: 1,
  /** Epoch ms the current test started. */
  caseStartedAt: 2,
  /** Current WASM heap size, bytes. */
  heapBytes: 3,
  /** Deadline of the current test, epoch ms. */
  caseDeadline: 4,
} as const;
export const STATUS_SLOTS = 5;
