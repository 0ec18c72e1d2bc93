import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isThrows, type Problem } from '@duet/shared';
import { loadBuiltinProblems } from '../../server/src/problems/bank.js';
import { matches } from '../../server/src/runner/compare.js';
import type { RunnerPool } from '../../server/src/runner/pool.js';
import { testPool } from '../support/pool.js';

const problems: Problem[] = loadBuiltinProblems();
let pool: RunnerPool;
beforeAll(async () => {
  pool = testPool();
  await pool.ready();
});
afterAll(async () => {
  await pool.close();
});

/** Run `code` against every example and hidden test; count the passes. */
async function passes(problem: Problem, code: string, language: 'javascript' | 'typescript') {
  const cases = [...problem.examples, ...problem.tests];
  const out = await pool.run({
    code,
    language,
    kind: problem.kind,
    entry: problem.entry,
    cases: cases.map((c) => JSON.stringify(c.args)),
    testMs: problem.timeLimitMs,
    runMs: 60_000,
  });
  const failures: string[] = [];
  if (out.setupError) return { passed: 0, total: cases.length, failures: [`setup: ${out.setupError.message}`] };
  cases.forEach((c, i) => {
    const o = out.reports[i]!.outcome;
    const ok = isThrows(c.expected)
      ? o.kind === 'error' && o.message.includes(c.expected.throws)
      : o.kind === 'value' && matches(c.expected, JSON.parse(o.json), problem.compare);
    if (!ok) failures.push(`${c.name}: ${JSON.stringify(o).slice(0, 200)}`);
  });
  return { passed: cases.length - failures.length, total: cases.length, failures };
}

describe('the built-in problem bank', () => {
  it('[BANK1] has at least 15 problems across the required topics, with two class problems', () => {
    expect(problems.length).toBeGreaterThanOrEqual(15);
    const tags = new Set(problems.flatMap((p) => p.tags));
    for (const tag of [
      'array',
      'string',
      'hash-map',
      'two-pointers',
      'stack',
      'intervals',
      'tree',
      'graph',
      'dynamic-programming',
    ]) {
      expect(tags, tag).toContain(tag);
    }
    expect(problems.filter((p) => p.kind === 'class').length).toBeGreaterThanOrEqual(2);
    expect(new Set(problems.map((p) => p.difficulty))).toEqual(new Set(['easy', 'medium', 'hard']));
  });

  it('[BANK2] every problem has starters in both languages, examples, 10+ hidden tests, 3+ hints and a solution', () => {
    for (const p of problems) {
      expect(p.starter.javascript.length, p.id).toBeGreaterThan(10);
      expect(p.starter.typescript.length, p.id).toBeGreaterThan(10);
      expect(p.examples.length, p.id).toBeGreaterThanOrEqual(1);
      expect(p.tests.length, p.id).toBeGreaterThanOrEqual(10);
      expect(p.hints.length, p.id).toBeGreaterThanOrEqual(3);
      expect(p.solution?.javascript, p.id).toBeTruthy();
    }
  });

  for (const problem of problems) {
    it(`[BANK3] ${problem.id}: the reference solution passes every test in the sandbox, in JavaScript and TypeScript`, async () => {
      const js = await passes(problem, problem.solution!.javascript!, 'javascript');
      expect(js.failures, `${problem.id} (javascript)`).toEqual([]);
      if (problem.solution?.typescript) {
        const ts = await passes(problem, problem.solution.typescript, 'typescript');
        expect(ts.failures, `${problem.id} (typescript)`).toEqual([]);
      }
    });

    it(`[BANK4] ${problem.id}: the starters do not pass every test`, async () => {
      for (const language of ['javascript', 'typescript'] as const) {
        const result = await passes(problem, problem.starter[language], language);
        expect(result.passed, `${problem.id} ${language} starter`).toBeLessThan(result.total);
      }
    });
  }
});
