import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '@duet/shared';
import { describeFields } from '../errors.js';
import { checkProblem } from './problem-service.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** server/problems, seen from the bundle (server/dist) or from the source (server/src/problems). */
export function bankDir(): string {
  const candidates = [path.resolve(here, '../problems'), path.resolve(here, '../../problems')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'two-sum.json')));
  if (!found) throw new Error(`The problem bank is missing (looked in ${candidates.join(', ')}).`);
  return found;
}

/**
 * The built-in bank: every server/problems/*.json, in the format of docs/PROBLEMS.md. A file that is
 * not a valid problem stops the server with a sentence naming the file and each bad field.
 */
export function loadBuiltinProblems(dir = bankDir()): Problem[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
      } catch (error) {
        throw new Error(`server/problems/${name} is not valid JSON: ${(error as Error).message}`);
      }
      const checked = checkProblem(doc);
      if (!checked.ok) {
        throw new Error(
          `server/problems/${name} is not a valid problem (docs/PROBLEMS.md). ${describeFields(checked.fields)}`,
        );
      }
      return checked.value;
    });
}
