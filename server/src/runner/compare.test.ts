import { describe, expect, it } from 'vitest';
import { displayValue, matches } from './compare.js';

describe('matches', () => {
  it('exact: deep equality, key order ignored, order of arrays kept', () => {
    expect(matches([0, 1], [0, 1], 'exact')).toBe(true);
    expect(matches([0, 1], [1, 0], 'exact')).toBe(false);
    expect(matches({ a: 1, b: [2] }, { b: [2], a: 1 }, 'exact')).toBe(true);
    expect(matches({ a: 1 }, { a: 1, b: 2 }, 'exact')).toBe(false);
    expect(matches('1', 1, 'exact')).toBe(false);
    expect(matches(null, { $type: 'undefined' }, 'exact')).toBe(true);
    expect(matches([null, 1], [{ $type: 'undefined' }, 1], 'exact')).toBe(true);
    expect(matches(0, { $type: 'number', value: 'NaN' }, 'exact')).toBe(false);
    expect(matches([[1]], [[1], []], 'exact')).toBe(false);
  });

  it('unordered: arrays are multisets at every level', () => {
    expect(matches([[1, 2], [3]], [[3], [2, 1]], 'unordered')).toBe(true);
    expect(matches([1, 1, 2], [1, 2, 2], 'unordered')).toBe(false);
    expect(matches([1, 2], [1, 2, 2], 'unordered')).toBe(false);
  });

  it('float: numbers within an absolute or relative tolerance', () => {
    expect(matches(0.3, 0.1 + 0.2, { float: 1e-9 })).toBe(true);
    expect(matches([1.5, 2], [1.5000001, 2], { float: 1e-6 })).toBe(true);
    expect(matches(1e12, 1e12 + 1, { float: 1e-6 })).toBe(true);
    expect(matches(1, 1.01, { float: 1e-6 })).toBe(false);
  });
});

describe('displayValue', () => {
  it('makes tagged values readable', () => {
    expect(displayValue({ $type: 'undefined' })).toBe('undefined');
    expect(displayValue([{ $type: 'number', value: 'Infinity' }, { $type: 'bigint', value: '7' }])).toEqual(['Infinity', '7n']);
    expect(displayValue({ $type: 'Set', values: [1] })).toEqual({ Set: [1] });
  });
});
