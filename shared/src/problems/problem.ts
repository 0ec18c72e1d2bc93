import { z } from 'zod';
import { PROBLEM_ID_PATTERN } from '../api/rooms.js';
import type { FieldError } from '../errors.js';

/** Limits on imported problems, so one document cannot exhaust the server. */
export const PROBLEM_LIMITS = {
  maxStatementChars: 20_000,
  maxCodeChars: 20_000,
  maxTests: 200,
  maxExamples: 20,
  maxHints: 10,
  maxCaseJsonChars: 100_000,
  minTimeLimitMs: 100,
  maxTimeLimitMs: 10_000,
  defaultTimeLimitMs: 2000,
} as const;

/** A JS identifier: the name of the function or class the candidate writes. */
export const ENTRY_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const json = z.unknown().refine((v) => v === undefined || JSON.stringify(v).length <= PROBLEM_LIMITS.maxCaseJsonChars, {
  error: `must be at most ${PROBLEM_LIMITS.maxCaseJsonChars} characters of JSON.`,
});

/** An expected error instead of a value: the message must contain `throws`. */
export const throwsSchema = z.strictObject({
  throws: z.string({ error: 'throws must be a substring of the expected error message.' }),
});

/** `kind: "class"` arguments: the LeetCode operations format. */
export const classArgsSchema = z.strictObject({
  ops: z.array(z.string().regex(ENTRY_PATTERN, { error: 'each op must be a method name.' }), {
    error: 'ops must be an array of method names, the first one the class name.',
  }).min(1, { error: 'ops needs at least the constructor.' }),
  args: z.array(z.array(z.unknown()), { error: 'args must be an array of argument arrays, one per op.' }),
});

export const testCaseSchema = z.strictObject({
  name: z
    .string({ error: 'name must be a string.' })
    .trim()
    .min(1, { error: 'name must not be empty.' })
    .max(120, { error: 'name must be at most 120 characters.' }),
  args: json,
  expected: json,
});
export type TestCase = z.output<typeof testCaseSchema>;

const code = (what: string) =>
  z
    .string({ error: `${what} must be a string of code.` })
    .max(PROBLEM_LIMITS.maxCodeChars, { error: `${what} must be at most ${PROBLEM_LIMITS.maxCodeChars} characters.` });

export const compareSchema = z.union(
  [
    z.literal('exact'),
    z.literal('unordered'),
    z.strictObject({
      float: z.number({ error: 'float must be a tolerance such as 1e-6.' }).positive().max(1),
    }),
  ],
  { error: 'compare must be "exact", "unordered" or { "float": 1e-6 }.' },
);
export type CompareMode = z.output<typeof compareSchema>;

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** A problem document: what `POST /api/problems` accepts and `GET /api/problems/:id/export` returns. */
export const problemSchema = z
  .strictObject({
    id: z
      .string({ error: 'id must be a string such as "two-sum".' })
      .max(64, { error: 'id must be at most 64 characters.' })
      .regex(PROBLEM_ID_PATTERN, { error: 'id must be lowercase letters, digits and single dashes, e.g. "two-sum".' }),
    title: z
      .string({ error: 'title must be a string.' })
      .trim()
      .min(1, { error: 'title must not be empty.' })
      .max(120, { error: 'title must be at most 120 characters.' }),
    difficulty: z.enum(DIFFICULTIES, { error: 'difficulty must be "easy", "medium" or "hard".' }),
    tags: z
      .array(
        z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'tags are lowercase words with dashes, e.g. "two-pointers".' }),
        { error: 'tags must be an array of strings.' },
      )
      .max(10, { error: 'at most 10 tags.' })
      .default([]),
    statement: z
      .string({ error: 'statement must be markdown text.' })
      .min(1, { error: 'statement must not be empty.' })
      .max(PROBLEM_LIMITS.maxStatementChars, { error: `statement must be at most ${PROBLEM_LIMITS.maxStatementChars} characters.` }),
    kind: z.enum(['function', 'class'], { error: 'kind must be "function" or "class".' }),
    entry: z
      .string({ error: 'entry must be the name of the function or class to call.' })
      .regex(ENTRY_PATTERN, { error: 'entry must be a JavaScript identifier such as "twoSum".' }),
    starter: z.strictObject(
      { javascript: code('starter.javascript'), typescript: code('starter.typescript') },
      { error: 'starter must have "javascript" and "typescript" code.' },
    ),
    compare: compareSchema.default('exact'),
    examples: z
      .array(testCaseSchema, { error: 'examples must be an array of test cases.' })
      .min(1, { error: 'give at least one visible example.' })
      .max(PROBLEM_LIMITS.maxExamples, { error: `at most ${PROBLEM_LIMITS.maxExamples} examples.` }),
    tests: z
      .array(testCaseSchema, { error: 'tests must be an array of test cases.' })
      .max(PROBLEM_LIMITS.maxTests, { error: `at most ${PROBLEM_LIMITS.maxTests} hidden tests.` })
      .default([]),
    hints: z
      .array(z.string().min(1).max(2000), { error: 'hints must be an array of strings, general to specific.' })
      .max(PROBLEM_LIMITS.maxHints, { error: `at most ${PROBLEM_LIMITS.maxHints} hints.` })
      .default([]),
    solution: z
      .strictObject({ javascript: code('solution.javascript').optional(), typescript: code('solution.typescript').optional() })
      .optional(),
    timeLimitMs: z
      .number({ error: 'timeLimitMs must be a number of milliseconds.' })
      .int()
      .min(PROBLEM_LIMITS.minTimeLimitMs, { error: `timeLimitMs must be at least ${PROBLEM_LIMITS.minTimeLimitMs}.` })
      .max(PROBLEM_LIMITS.maxTimeLimitMs, { error: `timeLimitMs must be at most ${PROBLEM_LIMITS.maxTimeLimitMs}.` })
      .default(PROBLEM_LIMITS.defaultTimeLimitMs),
  })
  .superRefine((problem, ctx) => {
    for (const issue of problemCaseIssues(problem)) {
      ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message });
    }
  });

/**
 * Checks of each example and test that depend on the problem's kind and entry. Works on raw input
 * too, so a document with other errors still gets these fields named in the same answer.
 */
export function problemCaseIssues(input: unknown): FieldError[] {
  const issues: FieldError[] = [];
  if (!input || typeof input !== 'object') return issues;
  const problem = input as { kind?: unknown; entry?: unknown; examples?: unknown; tests?: unknown };
  for (const list of ['examples', 'tests'] as const) {
    const items = problem[list];
    if (!Array.isArray(items)) continue;
    items.forEach((test: unknown, i) => {
      if (!test || typeof test !== 'object') return;
      const { args, expected } = test as { args?: unknown; expected?: unknown };
      const at = (...rest: (string | number)[]) => [list, i, ...rest].join('.');
      if (problem.kind === 'function' && !Array.isArray(args)) {
        issues.push({ path: at('args'), message: 'args must be an array: the arguments of the call.' });
      }
      if (problem.kind === 'class') {
        const parsed = classArgsSchema.safeParse(args);
        if (!parsed.success) {
          issues.push({ path: at('args'), message: 'args must be { "ops": ["ClassName", "method", ...], "args": [[...], [...], ...] }.' });
        } else {
          if (parsed.data.ops.length !== parsed.data.args.length) {
            issues.push({ path: at('args'), message: 'ops and args must have the same length.' });
          }
          if (typeof problem.entry === 'string' && parsed.data.ops[0] !== problem.entry) {
            issues.push({ path: at('args', 'ops', 0), message: `the first op must be the class name "${problem.entry}".` });
          }
          if (!isThrows(expected) && (!Array.isArray(expected) || expected.length !== parsed.data.ops.length)) {
            issues.push({ path: at('expected'), message: 'expected must be an array with one value per op (null for the constructor).' });
          }
        }
      }
      if (expected === undefined) {
        issues.push({ path: at('expected'), message: 'expected is required (use { "throws": "..." } for an error).' });
      }
    });
  }
  return issues;
}

export type Problem = z.output<typeof problemSchema>;
/** What a problem document may look like before defaults are filled in. */
export type ProblemInput = z.input<typeof problemSchema>;

export function isThrows(value: unknown): value is { throws: string } {
  return throwsSchema.safeParse(value).success;
}

/** The problem as a candidate sees it: no hidden tests, hints or solution. */
export interface PublicProblem {
  id: string;
  title: string;
  difficulty: Difficulty;
  tags: string[];
  statement: string;
  kind: 'function' | 'class';
  entry: string;
  starter: { javascript: string; typescript: string };
  compare: CompareMode;
  examples: TestCase[];
  timeLimitMs: number;
  /** How many hidden tests a submit runs. */
  hiddenTestCount: number;
  /** How many hints the ladder has (their text stays on the server until revealed). */
  hintCount: number;
  /** Built-in bank or created through the API. */
  source: 'builtin' | 'custom';
}

/** The problem as an interviewer of a room using it sees it. */
export interface InterviewerProblem extends PublicProblem {
  tests: TestCase[];
  hints: string[];
  solution?: { javascript?: string; typescript?: string };
}

/** One entry of `GET /api/problems`. */
export interface ProblemSummary {
  id: string;
  title: string;
  difficulty: Difficulty;
  tags: string[];
  kind: 'function' | 'class';
  source: 'builtin' | 'custom';
}

export function toPublicProblem(problem: Problem, source: 'builtin' | 'custom'): PublicProblem {
  return {
    id: problem.id,
    title: problem.title,
    difficulty: problem.difficulty,
    tags: problem.tags,
    statement: problem.statement,
    kind: problem.kind,
    entry: problem.entry,
    starter: problem.starter,
    compare: problem.compare,
    examples: problem.examples,
    timeLimitMs: problem.timeLimitMs,
    hiddenTestCount: problem.tests.length,
    hintCount: problem.hints.length,
    source,
  };
}

export function toSummary(problem: Problem, source: 'builtin' | 'custom'): ProblemSummary {
  return { id: problem.id, title: problem.title, difficulty: problem.difficulty, tags: problem.tags, kind: problem.kind, source };
}

/** The JSON Schema of a problem document (docs/problem.schema.json is generated from it). */
export function problemJsonSchema(): unknown {
  return z.toJSONSchema(problemSchema, { io: 'input', unrepresentable: 'any' });
}
