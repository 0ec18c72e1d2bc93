import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** server/problems, seen from the bundle (server/dist) or from the source (server/src/problems). */
export function bankDir(): string {
  const candidates = [path.resolve(here, '../problems'), path.resolve(here, '../../problems')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'two-sum.json')));
  if (!found) throw new Error(`The problem bank is missing (looked in ${candidates.join(', ')}).`);
  return found;
}

/**
 * The built-in bank: every server/problems/*.json, in the format of docs/PROBLEMS.md. Parsed here,
 * validated by ProblemService when the server starts.
 */
export function loadBuiltinProblems(dir = bankDir()): unknown[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      try {
        return JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as unknown;
      } catch (error) {
        throw new Error(`server/problems/${name} is not valid JSON: ${(error as Error).message}`);
      }
    });
}
