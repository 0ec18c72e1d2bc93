import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import {
  PAD,
  PRIVATE,
  STATE,
  classArgsSchema,
  isLanguage,
  isThrows,
  type CompareMode,
  type CustomTest,
  type Language,
  type Problem,
  type Role,
  type RunError,
  type RunKind,
  type RunResult,
  type RunStatus,
  type RunSummary,
  type TestResult,
  type TestVisibility,
} from '@duet/shared';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Caller } from '../rooms/room-service.js';
import type { DocHub } from '../sync/doc-hub.js';
import type { RunStore } from '../store/run-store.js';
import type { ProblemService } from '../problems/problem-service.js';
import { displayValue, matches } from './compare.js';
import { PoolBusyError, type PoolRunResult, type RunnerPool } from './pool.js';
import type { CaseReport, SetupError } from './protocol.js';

/** Results kept in the room documents (older ones stay in the run history table). */
const KEPT_RESULTS = 10;
/** Candidate test cases read from the pad. */
const MAX_CUSTOM_TESTS = 20;
const MAX_CUSTOM_FIELD_CHARS = 10_000;
/** Values larger than this (as JSON) are shown as a truncated string. */
const MAX_SHOWN_VALUE_CHARS = 10_000;

export interface RunServiceOptions {
  /** Deadline of a whole run, ms. */
  runDeadlineMs: number;
  /** Upper bound on a problem's per-test limit, ms. */
  maxTestMs: number;
  /** Per-test limit when the room has no problem, ms. */
  scriptTestMs: number;
}

interface PlannedCase {
  name: string;
  visibility: TestVisibility;
  /** JSON text for the sandbox, or null when the case is invalid (see `invalid`). */
  argsJson: string | null;
  args: unknown;
  /** Expected value; `undefined` means "none" (script runs, custom cases without a reference). */
  expected?: unknown;
  /** Compare with the reference solution's output. */
  expectFromReference: boolean;
  invalid?: string;
}

function newRunId(): string {
  return randomBytes(6).toString('base64url');
}

function shown(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value) ?? '';
  return text.length > MAX_SHOWN_VALUE_CHARS ? `${text.slice(0, MAX_SHOWN_VALUE_CHARS)}… (${text.length} characters)` : value;
}

function position(stack: string): Pick<RunError, 'line' | 'column'> {
  const match = /solution\.js:(\d+)(?::(\d+))?/.exec(stack);
  if (!match) return {};
  return { line: Number(match[1]), ...(match[2] ? { column: Number(match[2]) } : {}) };
}

/** Read the candidate's own cases from the pad, defensively: it is client-written data. */
export function readCustomTests(doc: Y.Doc): CustomTest[] {
  const out: CustomTest[] = [];
  for (const item of doc.getArray<unknown>(PAD.customTests).toArray().slice(0, MAX_CUSTOM_TESTS)) {
    const raw = item instanceof Y.Map ? (item.toJSON() as Record<string, unknown>) : (item as Record<string, unknown>);
    if (!raw || typeof raw !== 'object') continue;
    const field = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string).slice(0, MAX_CUSTOM_FIELD_CHARS) : '');
    out.push({ id: field('id'), name: field('name'), args: field('args'), expected: field('expected') });
  }
  return out;
}

/**
 * Runs the room's code (from the server's copy of the pad) against the problem's tests, compares on
 * the host, and publishes the result: the candidate's view in `state`, the full one in `private`.
 */
export class RunService {
  private readonly active = new Set<string>();

  constructor(
    private readonly pool: RunnerPool,
    private readonly problems: ProblemService,
    private readonly hub: DocHub,
    private readonly runs: RunStore,
    private readonly log: Logger,
    private readonly opts: RunServiceOptions,
  ) {}

  history(caller: Caller): RunSummary[] {
    return this.runs.list(caller.room.id);
  }

  async run(caller: Caller, kind: RunKind): Promise<RunResult> {
    const { room, role } = caller;
    if (room.phase === 'ended') throw new AppError('room_ended', 'This room has ended: code can no longer be run.');
    if (this.active.has(room.id)) {
      throw new AppError('too_many_requests', 'A run is already going on in this room. Its result will appear for everyone in a moment.', undefined, {
        'Retry-After': '1',
      });
    }
    this.active.add(room.id);
    try {
      return await this.execute(caller, kind, role);
    } finally {
      this.active.delete(room.id);
    }
  }

  private async execute(caller: Caller, kind: RunKind, role: Role): Promise<RunResult> {
    const { room } = caller;
    const stored = room.problemId ? this.problems.get(room.problemId) : undefined;
    const problem = stored?.problem;
    const { code, language, custom } = this.hub.read(room, 'pad', (doc) => {
      const lang = doc.getMap(PAD.meta).get('language');
      return {
        code: doc.getText(PAD.code).toString(),
        language: (isLanguage(lang) ? lang : room.language) as Language,
        custom: readCustomTests(doc),
      };
    });
    const plan = problem ? this.plan(problem, kind, custom) : [{ name: 'Program', visibility: 'custom' as const, argsJson: '[]', args: undefined, expectFromReference: false }];
    const runId = newRunId();
    const started = performance.now();
    this.hub.change(room, 'state', 'run', (doc) => {
      const runState = doc.getMap(STATE.runState);
      runState.set('status', 'running');
      runState.set('kind', kind);
      runState.set('by', role);
      runState.set('startedAt', Date.now());
      runState.set('runId', runId);
    });

    let result: RunResult;
    try {
      const runnable = plan.filter((c) => c.argsJson !== null);
      const testMs = problem ? Math.min(problem.timeLimitMs, this.opts.maxTestMs) : this.opts.scriptTestMs;
      const candidateRun = this.pool.run({
        code,
        language,
        kind: problem ? problem.kind : 'script',
        entry: problem ? problem.entry : 'main',
        cases: runnable.map((c) => c.argsJson!),
        testMs,
        runMs: this.opts.runDeadlineMs,
      });
      const referenceRun = problem ? this.referenceOutputs(problem, runnable, testMs) : Promise.resolve(null);
      const [output, reference] = await Promise.all([candidateRun, referenceRun]);
      result = this.shape(runId, kind, role, language, problem?.compare ?? 'exact', plan, runnable, output, reference, started);
      if (!problem) {
        // A free-form program: what matters is its console output (and errors), not a value.
        for (const t of result.tests) {
          delete t.actual;
          delete t.args;
        }
      }
    } catch (error) {
      try {
        this.hub.change(room, 'state', 'run', (doc) => doc.getMap(STATE.runState).set('status', 'idle'));
      } catch {
        // the original error matters more
      }
      if (error instanceof PoolBusyError) {
        throw new AppError('too_many_requests', 'The server is running many programs right now. Try again in a few seconds.', undefined, {
          'Retry-After': '2',
        });
      }
      throw error;
    }

    const candidateView = toCandidateView(result);
    this.hub.change(room, 'state', 'run', (doc) => {
      const runs = doc.getArray<RunResult>(STATE.runs);
      runs.push([candidateView]);
      if (runs.length > KEPT_RESULTS) runs.delete(0, runs.length - KEPT_RESULTS);
      const runState = doc.getMap(STATE.runState);
      runState.set('status', 'idle');
      runState.set('runId', runId);
    });
    if (room.mode === 'interview') {
      this.hub.change(room, 'private', 'run', (doc) => {
        const details = doc.getMap<RunResult>(PRIVATE.runDetails);
        details.set(runId, result);
        const keys = [...details.keys()];
        if (keys.length > KEPT_RESULTS) {
          const sorted = keys.sort((a, b) => (details.get(a)!.at ?? 0) - (details.get(b)!.at ?? 0));
          for (const key of sorted.slice(0, keys.length - KEPT_RESULTS)) details.delete(key);
        }
      });
    }
    this.runs.add(room.id, { ...summary(result), language });
    this.log.debug('run', { room: room.id, kind, status: result.status, ms: result.durationMs.toFixed(1) });
    return role === 'interviewer' ? result : candidateView;
  }

  /** The cases of a run: examples, the candidate's own, and (submit) the hidden tests. */
  private plan(problem: Problem, kind: RunKind, custom: CustomTest[]): PlannedCase[] {
    const fromProblem = (visibility: TestVisibility) => (t: Problem['tests'][number]): PlannedCase => ({
      name: t.name,
      visibility,
      argsJson: JSON.stringify(t.args),
      args: t.args,
      expected: t.expected,
      expectFromReference: false,
    });
    const cases: PlannedCase[] = problem.examples.map(fromProblem('example'));
    custom.forEach((c, i) => {
      const name = c.name.trim() || `Case ${i + 1}`;
      let args: unknown;
      try {
        args = JSON.parse(c.args);
      } catch (error) {
        cases.push({
          name,
          visibility: 'custom',
          argsJson: null,
          args: c.args,
          expectFromReference: false,
          invalid: `The arguments are not valid JSON (${(error as Error).message}). Write them as ${problem.kind === 'class' ? '{ "ops": [...], "args": [[...], ...] }' : 'a JSON array, e.g. [[2, 7, 11, 15], 9]'}.`,
        });
        return;
      }
      const shapeProblem =
        problem.kind === 'function'
          ? Array.isArray(args)
            ? null
            : 'The arguments must be a JSON array: one element per parameter.'
          : classArgsSchema.safeParse(args).success
            ? null
            : 'The arguments must be { "ops": ["ClassName", "method", ...], "args": [[...], [...], ...] }.';
      if (shapeProblem) {
        cases.push({ name, visibility: 'custom', argsJson: null, args, expectFromReference: false, invalid: shapeProblem });
        return;
      }
      let expected: unknown;
      let expectFromReference = false;
      if (c.expected.trim()) {
        try {
          expected = JSON.parse(c.expected);
        } catch (error) {
          cases.push({ name, visibility: 'custom', argsJson: null, args, expectFromReference: false, invalid: `The expected value is not valid JSON (${(error as Error).message}).` });
          return;
        }
      } else {
        expectFromReference = !!problem.solution?.javascript || !!problem.solution?.typescript;
      }
      cases.push({ name, visibility: 'custom', argsJson: JSON.stringify(args), args, expected, expectFromReference });
    });
    if (kind === 'submit') cases.push(...problem.tests.map(fromProblem('hidden')));
    return cases;
  }

  /** The reference solution's answers for the candidate's own cases that have no expected value. */
  private async referenceOutputs(problem: Problem, runnable: PlannedCase[], testMs: number): Promise<Map<number, CaseReport> | null> {
    const wanted = runnable.map((c, i) => ({ c, i })).filter(({ c }) => c.expectFromReference);
    if (wanted.length === 0 || !problem.solution) return null;
    const language: Language = problem.solution.javascript ? 'javascript' : 'typescript';
    const output = await this.pool.run({
      code: problem.solution.javascript ?? problem.solution.typescript!,
      language,
      kind: problem.kind,
      entry: problem.entry,
      cases: wanted.map(({ c }) => c.argsJson!),
      testMs,
      runMs: this.opts.runDeadlineMs,
    });
    const byIndex = new Map<number, CaseReport>();
    if (output.setupError) return byIndex;
    wanted.forEach(({ i }, k) => byIndex.set(i, output.reports[k]!));
    return byIndex;
  }

  private shape(
    runId: string,
    kind: RunKind,
    role: Role,
    language: Language,
    compare: CompareMode,
    plan: PlannedCase[],
    runnable: PlannedCase[],
    output: PoolRunResult,
    reference: Map<number, CaseReport> | null,
    started: number,
  ): RunResult {
    const compileError = output.setupError ? toRunError(output.setupError) : undefined;
    const reports = new Map<PlannedCase, { report: CaseReport; ref?: CaseReport }>();
    runnable.forEach((c, i) => reports.set(c, { report: output.reports[i]!, ref: reference?.get(i) }));
    const tests = plan.map((c): TestResult => {
      const base: TestResult = {
        name: c.name,
        visibility: c.visibility,
        status: 'error',
        args: shown(c.args),
        durationMs: 0,
      };
      if (c.invalid) return { ...base, error: { message: c.invalid } };
      const { report, ref } = reports.get(c)!;
      let expected = c.expected;
      if (c.expectFromReference && ref?.outcome.kind === 'value') expected = JSON.parse(ref.outcome.json);
      if (expected !== undefined) base.expected = shown(displayValue(expected));
      base.durationMs = Math.round(report.durationMs * 100) / 100;
      if (report.console) base.console = report.console;
      if (report.consoleTruncated) base.consoleTruncated = true;
      if (compileError) return { ...base, status: 'error', error: compileError };
      const outcome = report.outcome;
      switch (outcome.kind) {
        case 'timeout':
          return { ...base, status: 'timeout', error: { message: `Time limit exceeded: the test ran longer than its limit.` } };
        case 'memory':
          return { ...base, status: 'memory', error: { message: 'Memory limit exceeded: the code used more memory than the sandbox allows.' } };
        case 'output-limit':
          return { ...base, status: 'output-limit', error: { message: outcome.message } };
        case 'skipped':
          return { ...base, status: 'timeout', error: { message: outcome.message } };
        case 'error': {
          const error: RunError = { message: `${outcome.name}: ${outcome.message}`, ...position(outcome.stack) };
          if (language === 'typescript') delete error.column;
          if (isThrows(expected) && outcome.message.includes(expected.throws)) return { ...base, status: 'pass', error };
          if (outcome.name === 'InternalError' && outcome.message === 'stack overflow') {
            error.message = 'Maximum call stack size exceeded: the recursion went too deep (stack limit).';
          }
          return { ...base, status: 'error', error };
        }
        case 'value': {
          const actual = JSON.parse(outcome.json) as unknown;
          const withActual = { ...base, actual: shown(displayValue(actual)) };
          if (expected === undefined) return { ...withActual, status: 'pass' };
          if (isThrows(expected)) {
            return { ...withActual, status: 'fail', error: { message: `Expected an error containing "${expected.throws}", but the code returned a value.` } };
          }
          return { ...withActual, status: matches(expected, actual, compare) ? 'pass' : 'fail' };
        }
      }
    });
    const passed = tests.filter((t) => t.status === 'pass').length;
    const status: RunStatus = compileError ? 'error' : passed === tests.length ? 'passed' : 'failed';
    return {
      runId,
      kind,
      status,
      passed,
      failed: tests.length - passed,
      total: tests.length,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      by: role,
      at: Date.now(),
      language,
      ...(compileError ? { compileError } : {}),
      tests,
    };
  }
}

function toRunError(error: SetupError): RunError {
  const at = error.line ? {} : position(error.stack);
  return {
    message: `${error.name}: ${error.message}`,
    ...(error.line ? { line: error.line } : {}),
    ...(error.column ? { column: error.column } : {}),
    ...at,
  };
}

function summary(result: RunResult): RunSummary {
  const { runId, kind, status, passed, failed, total, durationMs, by, at } = result;
  return { runId, kind, status, passed, failed, total, durationMs, by, at };
}

/** What a candidate may see: hidden tests keep only their name and status (and that they are hidden). */
export function toCandidateView(result: RunResult): RunResult {
  return {
    ...result,
    tests: result.tests.map((t) =>
      t.visibility === 'hidden' ? { name: t.name, visibility: t.visibility, status: t.status } : t,
    ),
  };
}
