import {
  problemCaseIssues,
  problemSchema,
  toPublicProblem,
  toSummary,
  validate,
  type InterviewerProblem,
  type Problem,
  type ProblemSummary,
  type PublicProblem,
  type Validated,
} from '@duet/shared';
import { AppError, validationError } from '../errors.js';
import type { ProblemStore } from '../store/problem-store.js';
import { hashToken, newToken, tokenMatches } from '../rooms/tokens.js';

export interface StoredProblem {
  problem: Problem;
  source: 'builtin' | 'custom';
}

/** A problem document parsed, or every bad field of it. */
export function checkProblem(input: unknown): Validated<Problem> {
  const result = validate(problemSchema, input);
  if (result.ok) return result;
  // The kind-dependent checks only run on a document that parsed; add them so one answer names every field.
  const fields = [...result.fields];
  for (const issue of problemCaseIssues(input)) {
    if (!fields.some((f) => f.path === issue.path)) fields.push(issue);
  }
  return { ok: false, fields };
}

/** Throw 400 naming every bad field of a problem document, or return it parsed. */
export function parseProblem(input: unknown): Problem {
  const result = checkProblem(input);
  if (!result.ok) throw validationError('The problem', result.fields);
  return result.value;
}

/** The built-in bank plus problems created through the API (persisted in SQLite). */
export class ProblemService {
  private readonly builtin = new Map<string, Problem>();
  private readonly custom = new Map<string, Problem>();

  constructor(
    builtins: readonly Problem[],
    private readonly store: ProblemStore,
  ) {
    for (const problem of builtins) {
      if (this.builtin.has(problem.id)) throw new Error(`duplicate built-in problem ${problem.id}`);
      this.builtin.set(problem.id, problem);
    }
    for (const json of store.all()) {
      const parsed = problemSchema.safeParse(JSON.parse(json));
      if (parsed.success && !this.builtin.has(parsed.data.id)) this.custom.set(parsed.data.id, parsed.data);
    }
  }

  list(): ProblemSummary[] {
    return [
      ...[...this.builtin.values()].map((p) => toSummary(p, 'builtin')),
      ...[...this.custom.values()].map((p) => toSummary(p, 'custom')),
    ];
  }

  get(id: string): StoredProblem | undefined {
    const builtin = this.builtin.get(id);
    if (builtin) return { problem: builtin, source: 'builtin' };
    const custom = this.custom.get(id);
    return custom ? { problem: custom, source: 'custom' } : undefined;
  }

  /** The problem, or AppError 404 with a sentence. */
  require(id: string): StoredProblem {
    const found = this.get(id);
    if (!found) throw new AppError('not_found', `There is no problem "${id}". GET /api/problems lists them.`);
    return found;
  }

  publicView({ problem, source }: StoredProblem): PublicProblem {
    return toPublicProblem(problem, source);
  }

  interviewerView({ problem, source }: StoredProblem): InterviewerProblem {
    return {
      ...toPublicProblem(problem, source),
      tests: problem.tests,
      hints: problem.hints,
      ...(problem.solution ? { solution: problem.solution } : {}),
    };
  }

  /** Create a custom problem; returns it with a token that lets its owner export it. */
  create(input: unknown): { problem: Problem; ownerToken: string } {
    const problem = parseProblem(input);
    if (this.get(problem.id)) {
      throw new AppError('conflict', `A problem with id "${problem.id}" already exists. Choose another id.`);
    }
    const ownerToken = newToken();
    this.store.insert(problem.id, JSON.stringify(problem), hashToken(ownerToken), Date.now());
    this.custom.set(problem.id, problem);
    return { problem, ownerToken };
  }

  /** Is `token` the owner token of custom problem `id`? */
  isOwner(id: string, token: string): boolean {
    const row = this.store.get(id);
    return !!row && tokenMatches(token, row.ownerHash);
  }
}
