import { describe, expect, it } from 'vitest';
import { timerReading, type TimerState } from './interview.js';

const base: TimerState = { durationMs: 60_000, startedAt: null, pausedAt: null, pausedMs: 0, phases: [] };

describe('timerReading', () => {
  it('a clock that has not started shows the whole duration', () => {
    expect(timerReading(base, 5000)).toMatchObject({ elapsedMs: 0, remainingMs: 60_000, running: false, overtime: false });
  });

  it('counts from the start, minus pauses, and stands still while paused', () => {
    const running = { ...base, startedAt: 1000 };
    expect(timerReading(running, 11_000)).toMatchObject({ elapsedMs: 10_000, remainingMs: 50_000, running: true });
    const paused = { ...running, pausedAt: 21_000 };
    expect(timerReading(paused, 99_000)).toMatchObject({ elapsedMs: 20_000, remainingMs: 40_000, running: false });
    const resumed = { ...running, pausedMs: 78_000 };
    expect(timerReading(resumed, 99_000).elapsedMs).toBe(20_000);
  });

  it('goes into overtime past the end', () => {
    expect(timerReading({ ...base, startedAt: 0 }, 70_000)).toMatchObject({ remainingMs: -10_000, overtime: true });
  });

  it('knows the current practice phase and its time left', () => {
    const phased: TimerState = {
      ...base,
      startedAt: 0,
      phases: [
        { name: 'understand', ms: 10_000 },
        { name: 'plan', ms: 10_000 },
        { name: 'code', ms: 30_000 },
        { name: 'test', ms: 10_000 },
      ],
    };
    expect(timerReading(phased, 5000)).toMatchObject({ phase: 'understand', phaseRemainingMs: 5000 });
    expect(timerReading(phased, 25_000)).toMatchObject({ phase: 'code', phaseRemainingMs: 25_000 });
    expect(timerReading(phased, 65_000)).toMatchObject({ phase: null, phaseRemainingMs: null });
  });
});
