import { useEffect, useRef, useState } from 'react';
import type { RoomInfo, TimerRequest } from '@duet/shared';
import { api, ApiError } from '../api/client';
import { formatClock, type TimerView } from './clock';

const PHASE_TEXT = { understand: 'Understand', plan: 'Plan', code: 'Code', test: 'Test' } as const;
export const WARNINGS = [
  { atMs: 5 * 60_000, text: '5 minutes left.' },
  { atMs: 60_000, text: '1 minute left.' },
  { atMs: 0, text: 'Time is up.' },
] as const;

/**
 * The warning to show now, if the clock has just crossed one of the thresholds (within the last
 * 2 s) and it was not shown yet: someone who opens the page with 3 minutes left is not told "5
 * minutes left", and each warning comes once.
 */
export function dueWarning(remainingMs: number, fired: ReadonlySet<number>): (typeof WARNINGS)[number] | null {
  for (const w of WARNINGS) {
    if (remainingMs <= w.atMs && remainingMs > w.atMs - 2000 && !fired.has(w.atMs)) return w;
  }
  return null;
}

export interface TimerBarProps {
  view: TimerView;
  info: RoomInfo;
  token: string;
  ended: boolean;
  onError: (message: string) => void;
}

/** The room's clock for everyone, its controls for whoever runs the room, and warnings at 5 and 1 minutes. */
export function TimerBar({ view, info, token, ended, onError }: TimerBarProps) {
  const [warning, setWarning] = useState<string | null>(null);
  const fired = useRef<Set<number>>(new Set());
  const started = view.timer.startedAt !== null;

  useEffect(() => {
    if (!started || ended) return;
    const w = dueWarning(view.remainingMs, fired.current);
    if (!w) return;
    fired.current.add(w.atMs);
    setWarning(w.text);
    const timer = setTimeout(
      () => setWarning((current) => (current === w.text ? null : current)),
      w.atMs === 0 ? 15_000 : 8000,
    );
    return () => clearTimeout(timer);
  }, [view.remainingMs, started, ended]);

  const act = async (request: TimerRequest) => {
    try {
      await api.timer(info.roomId, token, request);
    } catch (e) {
      onError(e instanceof ApiError ? e.message : 'The clock could not be changed. Try again.');
    }
  };

  let text: string;
  if (!started) text = `${formatClock(view.timer.durationMs)} · not started`;
  else if (view.overtime) text = `Time is up · +${formatClock(-view.remainingMs)}`;
  else text = formatClock(view.remainingMs);
  const paused = started && !view.running && !ended;
  const control = info.permissions.controlRoom && !ended;
  return (
    <div className="timer-bar">
      <span
        className={`timer ${view.overtime ? 'timer-over' : view.remainingMs < 5 * 60_000 && started ? 'timer-low' : ''}`}
        data-testid="timer"
        data-remaining-s={Math.ceil(view.remainingMs / 1000)}
        data-started={started}
        role="timer"
        aria-label="Time left"
      >
        {text}
        {paused && <span className="muted"> · paused</span>}
      </span>
      {view.phase && !ended && (
        <span className="phase" data-testid="phase">
          {PHASE_TEXT[view.phase]} · {formatClock(view.phaseRemainingMs ?? 0)} left in this phase
        </span>
      )}
      {control && !started && (
        <button
          type="button"
          className="button small primary"
          onClick={() => void act({ action: 'start' })}
          data-testid="timer-start"
        >
          {info.mode === 'practice' ? 'Start the clock' : 'Start interview'}
        </button>
      )}
      {control && started && view.running && (
        <button
          type="button"
          className="button small secondary"
          onClick={() => void act({ action: 'pause' })}
          data-testid="timer-pause"
        >
          Pause
        </button>
      )}
      {control && paused && (
        <button
          type="button"
          className="button small secondary"
          onClick={() => void act({ action: 'resume' })}
          data-testid="timer-resume"
        >
          Resume
        </button>
      )}
      {control && started && (
        <button
          type="button"
          className="button small secondary"
          onClick={() => void act({ action: 'extend', minutes: 5 })}
          title="Add 5 minutes"
        >
          +5 min
        </button>
      )}
      {warning && (
        <span className="timer-warning" role="alert" data-testid="timer-warning">
          {warning}
        </span>
      )}
    </div>
  );
}
