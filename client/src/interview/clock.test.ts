import { describe, expect, it } from 'vitest';
import { formatClock } from './clock';

describe('formatClock', () => {
  it('shows minutes and seconds, hours when needed', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(59_999)).toBe('0:59');
    expect(formatClock(3_725_000)).toBe('1:02:05');
    expect(formatClock(-61_000)).toBe('1:01');
  });
});
