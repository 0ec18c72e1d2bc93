import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bankDir, loadBuiltinProblems } from './bank.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A bank directory holding two-sum.json as shipped plus `extra` files. */
function bankWith(extra: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-bank-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'two-sum.json'), readFileSync(path.join(bankDir(), 'two-sum.json')));
  for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('loadBuiltinProblems', () => {
  it('loads every shipped problem', () => {
    const problems = loadBuiltinProblems();
    expect(problems.map((p) => p.id)).toContain('two-sum');
    expect(new Set(problems.map((p) => p.id)).size).toBe(problems.length);
  });

  it('names the file and each bad field of a problem that does not fit the format', () => {
    const twoSum = JSON.parse(readFileSync(path.join(bankDir(), 'two-sum.json'), 'utf8')) as Record<string, unknown>;
    const broken = { ...twoSum, id: 'broken', difficulty: 'impossible', entry: undefined };
    const dir = bankWith({ 'broken.json': JSON.stringify(broken) });
    expect(() => loadBuiltinProblems(dir)).toThrow(
      /^server\/problems\/broken\.json is not a valid problem .*difficulty: .*entry: /,
    );
  });

  it('names the file that is not JSON', () => {
    const dir = bankWith({ 'bad.json': '{ "id": ' });
    expect(() => loadBuiltinProblems(dir)).toThrow(/^server\/problems\/bad\.json is not valid JSON: /);
  });
});
