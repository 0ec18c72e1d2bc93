import { describe, expect, it } from 'vitest';
import { diffLines, pretty } from './json-diff';

describe('diffLines', () => {
  it('marks only the lines that differ', () => {
    const d = diffLines({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [1, 3], c: 'x' });
    expect(d.expected.filter((l) => l.changed).map((l) => l.text.trim())).toEqual(['"b": [1, 2],']);
    expect(d.actual.filter((l) => l.changed).map((l) => l.text.trim())).toEqual(['"b": [1, 3],']);
  });

  it('equal values have no changed lines; short arrays stay on one line', () => {
    expect(diffLines([0, 1], [0, 1]).actual.some((l) => l.changed)).toBe(false);
    expect(pretty([0, 1])).toBe('[0, 1]');
    expect(pretty(undefined)).toBe('undefined');
  });
});
