// A runner worker thread: one QuickJS WebAssembly module, a fresh runtime and context per run.
//
// Limits, and what enforces each:
// - memory: the module's WebAssembly.Memory is ours, with a `maximum`; its `grow` is wrapped so
//   growth past the cap fails (malloc returns NULL, QuickJS throws "out of memory") and is flagged.
//   QuickJS's own setMemoryLimit only refuses single huge allocations (quickjs-emscripten #255, #271).
// - CPU: the interrupt handler stops the guest at the test's deadline; a native call that never
//   reaches the handler is stopped by the pool terminating this thread (runner/pool.ts).
// - stack: setMaxStackSize, with a 16 MB native stack for this thread (resourceLimits) so QuickJS's
//   check fires before V8's.
// - console: capped per test; a flood stops the test ("output-limit").
// - promise jobs: executed in bounded batches, under the same deadline.
// Only strings cross the boundary; the only host function is the console's writer.
import { parentPort, workerData } from 'node:worker_threads';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  RELEASE_SYNC,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import { transform } from 'sucrase';
import { GUEST_PRELUDE } from './guest-prelude.js';
import {
  STATUS,
  type CaseOutcome,
  type CaseReport,
  type SetupError,
  type WorkerJob,
  type WorkerMessage,
} from './protocol.js';

const { statusBuffer, heapBytes } = workerData as { statusBuffer: SharedArrayBuffer; heapBytes: number };
const status = new Float64Array(statusBuffer);
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

const PAGE = 65536;
const maxPages = Math.max(256, Math.floor(heapBytes / PAGE));
const memory = new WebAssembly.Memory({ initial: 256, maximum: maxPages });
let memoryExceeded = false;
const originalGrow = memory.grow.bind(memory);
memory.grow = (delta: number): number => {
  if (memory.buffer.byteLength / PAGE + delta > maxPages) {
    memoryExceeded = true;
    throw new RangeError('sandbox heap cap reached');
  }
  const previous = originalGrow(delta);
  status[STATUS.heapBytes] = memory.buffer.byteLength;
  return previous;
};
status[STATUS.heapBytes] = memory.buffer.byteLength;

const SOLUTION_FILE = 'solution.js';

/** Why the guest must stop now, checked by the interrupt handler. */
let deadline = 0;
let outputFlood = false;
function mustStop(): boolean {
  return memoryExceeded || outputFlood || Date.now() > deadline;
}

interface Session {
  rt: QuickJSRuntime;
  ctx: QuickJSContext;
  call: QuickJSHandle;
  construct: QuickJSHandle;
  settled: QuickJSHandle;
  describe: QuickJSHandle;
}

/** Console capture of the current test. */
let consoleText = '';
let consoleTruncated = false;
let consoleAttempted = 0;
let consoleLimit = 0;
let consoleFloodLimit = 0;

/** TypeScript to JavaScript with sucrase, which keeps line numbers; `import`/`export` become CommonJS. */
function toJavaScript(code: string, language: 'javascript' | 'typescript'): { code: string } | { error: SetupError } {
  const modules = /\b(?:import|export)\b/.test(code);
  const transforms: ('typescript' | 'imports')[] = [];
  if (language === 'typescript') transforms.push('typescript');
  if (modules) transforms.push('imports');
  if (transforms.length === 0) return { code };
  try {
    return { code: transform(code, { transforms, disableESTransforms: true, production: true }).code };
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    return {
      error: {
        name: 'SyntaxError',
        message,
        stack: '',
        ...(loc ? { line: loc.line, column: loc.column } : {}),
      },
    };
  }
}

function readGuestString(ctx: QuickJSContext, handle: QuickJSHandle): string {
  return ctx.typeof(handle) === 'string' ? ctx.getString(handle) : '';
}

function describeHandle(
  session: Pick<Session, 'ctx' | 'describe'>,
  error: QuickJSHandle,
): { name: string; message: string; stack: string } {
  const r = session.ctx.callFunction(session.describe, session.ctx.undefined, error);
  if (r.error) {
    r.error.dispose();
    return { name: 'Error', message: 'The code threw something that cannot be described.', stack: '' };
  }
  const text = readGuestString(session.ctx, r.value);
  r.value.dispose();
  try {
    const parsed = JSON.parse(text) as {
      $error?: { name: string; message: string; stack: string };
      $outputLimit?: string;
    };
    if (parsed.$error) return parsed.$error;
  } catch {
    // fall through
  }
  return { name: 'Error', message: 'The code threw something that cannot be described.', stack: '' };
}

function limitOutcome(): CaseOutcome | null {
  if (memoryExceeded) return { kind: 'memory' };
  if (outputFlood)
    return { kind: 'output-limit', message: 'The code printed too much: the console limit was reached.' };
  // Out of time with the heap nearly full: a memory bomb still growing (the pool's watchdog judges so too).
  if (Date.now() > deadline)
    return memory.buffer.byteLength >= 0.9 * maxPages * PAGE ? { kind: 'memory' } : { kind: 'timeout' };
  return null;
}

function disposeSession(session: Session | null): void {
  if (!session) return;
  for (const h of [session.call, session.construct, session.settled, session.describe]) h.dispose();
  session.ctx.dispose();
  session.rt.dispose();
}

/** A fresh runtime and context with the prelude, the candidate's code, and the entry bound. */
function createSession(job: WorkerJob, code: string): { session: Session } | { error: SetupError } {
  memoryExceeded = false;
  outputFlood = false;
  const rt = quickjs.newRuntime();
  rt.setMemoryLimit(job.limits.allocBytes);
  rt.setMaxStackSize(job.limits.stackBytes);
  rt.setInterruptHandler(mustStop);
  const ctx = rt.newContext();
  const write = ctx.newFunction('__duetWrite', (levelHandle, textHandle, lengthHandle) => {
    const level = readGuestString(ctx, levelHandle);
    const text = readGuestString(ctx, textHandle);
    const length = ctx.typeof(lengthHandle) === 'number' ? ctx.getNumber(lengthHandle) : text.length;
    consoleAttempted += length + 1;
    if (consoleAttempted > consoleFloodLimit) {
      outputFlood = true;
      return;
    }
    const line = (level === 'warn' || level === 'error' ? `[${level}] ` : '') + text + '\n';
    if (consoleText.length + line.length > consoleLimit) {
      consoleText += line.slice(0, Math.max(0, consoleLimit - consoleText.length));
      consoleTruncated = true;
    } else {
      consoleText += line;
    }
  });
  ctx.setProp(ctx.global, '__duetWrite', write);
  write.dispose();

  const fail = (error: SetupError) => {
    ctx.dispose();
    rt.dispose();
    return { error };
  };
  const prelude = GUEST_PRELUDE.replace('__ENTRY__', job.entry).replace('__KIND__', job.kind);
  deadline = Math.min(Date.now() + 5000, job.runDeadline);
  const preludeResult = ctx.evalCode(prelude, 'prelude.js');
  if (preludeResult.error) {
    preludeResult.error.dispose();
    return fail({ name: 'InternalError', message: 'The sandbox could not start.', stack: '' });
  }
  preludeResult.value.dispose();
  const duet = ctx.getProp(ctx.global, '__duet');
  const describe = ctx.getProp(duet, 'describe');
  const call = ctx.getProp(duet, 'call');
  const construct = ctx.getProp(duet, 'construct');
  const settled = ctx.getProp(duet, 'settled');
  const bind = ctx.getProp(duet, 'bind');
  duet.dispose();
  const session: Session = { rt, ctx, call, construct, settled, describe };

  // The candidate's top level runs under the first test's deadline.
  deadline = Math.min(Date.now() + job.limits.testMs, job.runDeadline);
  const evaluated = ctx.evalCode(code, SOLUTION_FILE);
  if (evaluated.error) {
    const limit = limitOutcome();
    const described = limit ? null : describeHandle(session, evaluated.error);
    evaluated.error.dispose();
    bind.dispose();
    disposeSession(session);
    if (limit) {
      const what =
        limit.kind === 'timeout'
          ? `The top level of the code did not finish within ${job.limits.testMs} ms.`
          : limit.kind === 'memory'
            ? 'The top level of the code used more memory than the sandbox allows.'
            : 'The top level of the code printed too much.';
      return { error: { name: 'LimitError', message: what, stack: '' } };
    }
    // run-service reads the line and column from the stack.
    return { error: described! };
  }
  evaluated.value.dispose();
  if (job.kind === 'script') {
    bind.dispose();
    return { session };
  }
  // Look the entry up by name: top-level let/const/class of a script are not properties of globalThis.
  const lookup = ctx.evalCode(`typeof ${job.entry} !== 'undefined' ? ${job.entry} : undefined`, 'lookup.js');
  const found = lookup.error ? ctx.undefined : lookup.value;
  const bound = ctx.callFunction(bind, ctx.undefined, found);
  (lookup.error ?? lookup.value).dispose();
  bind.dispose();
  const problem = bound.error ? 'The sandbox could not find the entry point.' : readGuestString(ctx, bound.value);
  (bound.error ?? bound.value).dispose();
  if (problem) {
    disposeSession(session);
    return { error: { name: 'ReferenceError', message: problem, stack: '' } };
  }
  return { session };
}

function interpret(json: string): CaseOutcome {
  if (json.startsWith('{"$error":')) {
    const { $error } = JSON.parse(json) as { $error: { name: string; message: string; stack: string } };
    if ($error.name === 'InternalError' && $error.message === 'out of memory') return { kind: 'memory' };
    return { kind: 'error', ...$error };
  }
  if (json.startsWith('{"$outputLimit":')) {
    return { kind: 'output-limit', message: (JSON.parse(json) as { $outputLimit: string }).$outputLimit };
  }
  return { kind: 'value', json };
}

function runCase(session: Session, job: WorkerJob, testCase: { index: number; args: string }): CaseOutcome {
  const { ctx, rt } = session;
  const fn = job.kind === 'class' ? session.construct : session.call;
  const arg = ctx.newString(testCase.args);
  let text: string;
  try {
    const r = ctx.callFunction(fn, ctx.undefined, arg);
    if (r.error) {
      const limit = limitOutcome();
      const described = limit ? null : describeHandle(session, r.error);
      r.error.dispose();
      return limit ?? { kind: 'error', ...described! };
    }
    text = readGuestString(ctx, r.value);
    r.value.dispose();
  } finally {
    arg.dispose();
  }
  if (text === '{"$pending":true}') {
    // An async result: run promise jobs in bounded batches until it settles.
    let jobsRun = 0;
    for (;;) {
      const s = ctx.callFunction(session.settled, ctx.undefined);
      const settledText = s.error ? '' : readGuestString(ctx, s.value);
      (s.error ?? s.value).dispose();
      if (settledText) {
        text = settledText;
        break;
      }
      if (!rt.hasPendingJob()) {
        return {
          kind: 'error',
          name: 'Error',
          message: 'The returned promise never settled: nothing was left to run.',
          stack: '',
        };
      }
      const executed = rt.executePendingJobs(1000);
      if (executed.error) {
        const limit = limitOutcome();
        executed.error.dispose();
        if (limit) return limit;
      } else {
        jobsRun += executed.value;
      }
      const limit = limitOutcome();
      if (limit) return limit;
      if (jobsRun > job.limits.maxPendingJobs) return { kind: 'timeout' };
    }
  }
  return limitOutcome() ?? interpret(text);
}

/** Runs a job; returns true if it stopped early after a limit and the worker must be replaced. */
function runJob(job: WorkerJob): boolean {
  status[STATUS.jobId] = job.jobId;
  status[STATUS.caseIndex] = -1;
  status[STATUS.caseStartedAt] = Date.now();
  status[STATUS.caseDeadline] = Math.min(Date.now() + job.limits.testMs, job.runDeadline);
  consoleLimit = job.limits.consoleChars;
  consoleFloodLimit = job.limits.consoleFloodChars;
  const js = toJavaScript(job.code, job.language);
  if ('error' in js) {
    post({ type: 'setup-error', jobId: job.jobId, error: js.error });
    return false;
  }
  let session: Session | null = null;
  for (const testCase of job.cases) {
    consoleText = '';
    consoleTruncated = false;
    consoleAttempted = 0;
    const started = performance.now();
    status[STATUS.caseIndex] = testCase.index;
    status[STATUS.caseStartedAt] = Date.now();
    status[STATUS.caseDeadline] = Math.min(Date.now() + job.limits.testMs, job.runDeadline);
    if (Date.now() >= job.runDeadline) {
      post({
        type: 'case',
        jobId: job.jobId,
        report: {
          index: testCase.index,
          outcome: { kind: 'skipped', message: 'Not run: the run used up its time budget.' },
          console: '',
          consoleTruncated: false,
          durationMs: 0,
        },
      });
      continue;
    }
    if (!session) {
      const created = createSession(job, js.code);
      if ('error' in created) {
        post({ type: 'setup-error', jobId: job.jobId, error: created.error });
        // A limit hit while loading leaves a runtime we do not dispose (see below).
        return created.error.name === 'LimitError';
      }
      session = created.session;
    }
    deadline = Math.min(Date.now() + job.limits.testMs, job.runDeadline);
    let outcome: CaseOutcome;
    if (job.kind === 'script') {
      outcome = limitOutcome() ?? { kind: 'value', json: '{"$type":"undefined"}' };
    } else {
      outcome = runCase(session, job, testCase);
    }
    const report: CaseReport = {
      index: testCase.index,
      outcome,
      console: consoleText,
      consoleTruncated,
      durationMs: performance.now() - started,
    };
    post({ type: 'case', jobId: job.jobId, report });
    // After a limit the runtime cannot be trusted: it may hold a full heap, and freeing a runtime
    // interrupted inside promise jobs aborts QuickJS (JS_FreeRuntime assertion). Leave it; the
    // pool replaces this thread and runs the remaining tests on another one.
    if (outcome.kind === 'timeout' || outcome.kind === 'memory' || outcome.kind === 'output-limit') {
      return true;
    }
  }
  disposeSession(session);
  return false;
}

// Top-level await: messages wait in the port until this module (and its listener) is ready.
const quickjs: QuickJSWASMModule = await newQuickJSWASMModuleFromVariant(
  newVariant(RELEASE_SYNC, { wasmMemory: memory }),
);
port.on('message', (job: WorkerJob) => {
  let recycle = false;
  try {
    recycle = runJob(job);
  } catch (error) {
    // A host-level failure inside the module (e.g. V8's own stack ran out): this thread's QuickJS
    // state cannot be trusted any more. Report it and end the thread; the pool replaces it.
    post({
      type: 'case',
      jobId: job.jobId,
      report: {
        index: status[STATUS.caseIndex]!,
        outcome: {
          kind: 'error',
          name: 'InternalError',
          message: `The sandbox stopped: ${(error as Error).message}`,
          stack: '',
        },
        console: consoleText,
        consoleTruncated,
        durationMs: 0,
      },
    });
    process.exit(3);
  }
  status[STATUS.jobId] = 0;
  post({ type: 'done', jobId: job.jobId, heapBytes: memory.buffer.byteLength, recycle });
});
post({ type: 'ready' });
