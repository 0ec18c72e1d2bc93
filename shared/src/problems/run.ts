import { z } from 'zod';

/** Body of `POST /api/rooms/:roomId/runs`. */
export const runRequestSchema = z.strictObject({
  kind: z.enum(['run', 'submit'], {
    error: 'kind must be "run" (examples and your own cases) or "submit" (also the hidden tests).',
  }),
});
export type RunKind = z.output<typeof runRequestSchema>['kind'];

export type TestVisibility = 'example' | 'custom' | 'hidden';
export type TestStatus = 'pass' | 'fail' | 'error' | 'timeout' | 'memory' | 'output-limit';
export type RunStatus = 'passed' | 'failed' | 'error';

/** Where an error happened in the candidate's code. */
export interface RunError {
  /** The error's message, e.g. "TypeError: cannot read property 'x' of undefined". */
  message: string;
  /** 1-based line in the candidate's code. */
  line?: number;
  /** 1-based column (JavaScript only; TypeScript columns may shift). */
  column?: number;
}

/** One test's outcome. A candidate sees only `name`, `visibility`, `status` for hidden tests. */
export interface TestResult {
  name: string;
  visibility: TestVisibility;
  status: TestStatus;
  /** The call's arguments (JSON). */
  args?: unknown;
  /** What the problem expects (JSON), or `{ throws }`. */
  expected?: unknown;
  /** What the code returned (JSON; undefined/NaN/Infinity are written as strings). */
  actual?: unknown;
  error?: RunError;
  /** What the code printed, capped. */
  console?: string;
  /** The console output was longer and was cut. */
  consoleTruncated?: boolean;
  /** Time in the sandbox; absent from a candidate's view of a hidden test. */
  durationMs?: number;
}

/** One entry of `GET /api/rooms/:roomId/runs`: a run without its tests. */
export interface RunSummary {
  runId: string;
  kind: RunKind;
  status: RunStatus;
  passed: number;
  failed: number;
  total: number;
  durationMs: number;
  /** Who started it. */
  by: 'interviewer' | 'candidate';
  /** Server time the run finished (ms). */
  at: number;
}

/** A whole run. */
export interface RunResult extends RunSummary {
  /** Language of the code that ran. */
  language: 'javascript' | 'typescript';
  /** An error that stopped every test (syntax error, missing function). */
  compileError?: RunError;
  tests: TestResult[];
}

/** The candidate's own test case, stored in the pad's `customTests` array. */
export interface CustomTest {
  id: string;
  name: string;
  /** JSON text of the arguments, as typed: an array for a function, `{ ops, args }` for a class. */
  args: string;
  /** JSON text of the expected value; empty to compare with the reference solution. */
  expected: string;
}

/** `state.runState`: whether a run is going on, so everyone sees "Running…". */
export interface RunState {
  status: 'idle' | 'running';
  kind?: RunKind;
  by?: 'interviewer' | 'candidate';
  startedAt?: number;
}
