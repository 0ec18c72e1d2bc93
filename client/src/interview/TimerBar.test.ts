import { describe, expect, it } from 'vitest';
import { dueWarning } from './TimerBar';

describe('timer warnings', () => {
  it('warns once when crossing 5 minutes, 1 minute and the end', () => {
    const fired = new Set<number>();
    expect(dueWarning(6 * 60_000, fired)).toBeNull();
    const five = dueWarning(5 * 60_000 - 300, fired);
    expect(five?.text).toBe('5 minutes left.');
    fired.add(five!.atMs);
    expect(dueWarning(5 * 60_000 - 800, fired)).toBeNull();
    expect(dueWarning(60_000 - 100, fired)?.text).toBe('1 minute left.');
    fired.add(60_000);
    expect(dueWarning(-500, fired)?.text).toBe('Time is up.');
  });

  it('does not announce thresholds that were already past when the page opened', () => {
    expect(dueWarning(3 * 60_000, new Set())).toBeNull();
    expect(dueWarning(-30_000, new Set())).toBeNull();
  });
});
