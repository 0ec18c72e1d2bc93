import { z } from 'zod';

/** Body of `POST /api/rooms/:roomId/timer`. */
export const timerRequestSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('start') }),
    z.strictObject({ action: z.literal('pause') }),
    z.strictObject({ action: z.literal('resume') }),
    z.strictObject({
      action: z.literal('extend'),
      minutes: z
        .number({ error: 'minutes must be a number of minutes to add.' })
        .int({ error: 'minutes must be a whole number.' })
        .min(1, { error: 'minutes must be at least 1.' })
        .max(120, { error: 'minutes must be at most 120.' }),
    }),
  ],
  { error: 'action must be "start", "pause", "resume" or "extend" (with "minutes").' },
);
export type TimerRequest = z.output<typeof timerRequestSchema>;

/** Body of `POST /api/rooms/:roomId/hints`: the next hint of the ladder, or a nudge in your own words. */
export const hintRequestSchema = z.union(
  [
    z.strictObject({ next: z.literal(true, { error: 'next must be true.' }) }),
    z.strictObject({
      text: z
        .string({ error: 'text must be a string.' })
        .trim()
        .min(1, { error: 'text must not be empty.' })
        .max(1000, { error: 'text must be at most 1000 characters.' }),
    }),
  ],
  { error: 'Send { "next": true } to reveal the next hint, or { "text": "..." } for a nudge.' },
);
export type HintRequest = z.output<typeof hintRequestSchema>;

/** Body of `POST /api/rooms/:roomId/signals`: facts about the candidate's session, recorded openly. */
export const signalRequestSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('paste'),
      chars: z.number({ error: 'chars must be a number.' }).int().min(1).max(10_000_000),
      lines: z.number({ error: 'lines must be a number.' }).int().min(1).max(1_000_000),
    }),
    z.strictObject({
      type: z.literal('hidden'),
      ms: z.number({ error: 'ms must be a number of milliseconds.' }).int().min(1).max(24 * 3600 * 1000),
    }),
  ],
  { error: 'type must be "paste" (with chars and lines) or "hidden" (with ms).' },
);
export type SignalRequest = z.output<typeof signalRequestSchema>;

/** A paste at least this long is recorded. */
export const LARGE_PASTE_CHARS = 200;
/** A hidden tab is recorded once it has been hidden at least this long. */
export const HIDDEN_TAB_MIN_MS = 2000;

/** The practice phases, in order, and their default share of the session. */
export const PRACTICE_PHASES = ['understand', 'plan', 'code', 'test'] as const;
export type PracticePhase = (typeof PRACTICE_PHASES)[number];
export const DEFAULT_PHASE_SHARES: Record<PracticePhase, number> = { understand: 0.1, plan: 0.15, code: 0.55, test: 0.2 };

/** `state.timer`. Remaining = durationMs - (elapsed - pausedMs), elapsed measured on the server clock. */
export interface TimerState {
  /** Planned length including extensions. */
  durationMs: number;
  /** Server time the clock started; null while waiting. */
  startedAt: number | null;
  /** Server time of the current pause, or null. */
  pausedAt: number | null;
  /** Total paused time before the current pause. */
  pausedMs: number;
  /** Practice phases with their lengths, in order; empty when not used. */
  phases: { name: PracticePhase; ms: number }[];
}

/** A TimerState from `state.timer` (any map-like with `get`, so shared/ needs no Yjs). */
export function timerFromMap(map: { get(key: string): unknown }): TimerState {
  return {
    durationMs: Number(map.get('durationMs') ?? 0),
    startedAt: (map.get('startedAt') as number | null | undefined) ?? null,
    pausedAt: (map.get('pausedAt') as number | null | undefined) ?? null,
    pausedMs: Number(map.get('pausedMs') ?? 0),
    phases: (map.get('phases') as TimerState['phases'] | undefined) ?? [],
  };
}

/** The clock's reading at server time `now`. */
export function timerReading(timer: TimerState, now: number): {
  elapsedMs: number;
  remainingMs: number;
  running: boolean;
  overtime: boolean;
  phase: PracticePhase | null;
  phaseRemainingMs: number | null;
} {
  if (timer.startedAt === null) {
    return { elapsedMs: 0, remainingMs: timer.durationMs, running: false, overtime: false, phase: null, phaseRemainingMs: null };
  }
  const until = timer.pausedAt ?? now;
  const elapsedMs = Math.max(0, until - timer.startedAt - timer.pausedMs);
  const remainingMs = timer.durationMs - elapsedMs;
  let phase: PracticePhase | null = null;
  let phaseRemainingMs: number | null = null;
  let acc = 0;
  for (const p of timer.phases) {
    acc += p.ms;
    if (elapsedMs < acc) {
      phase = p.name;
      phaseRemainingMs = acc - elapsedMs;
      break;
    }
  }
  return { elapsedMs, remainingMs, running: timer.pausedAt === null, overtime: remainingMs < 0, phase, phaseRemainingMs };
}

/** One revealed hint or nudge in `state.hints`. */
export interface HintEntry {
  id: string;
  /** hint: a step of the problem's ladder; nudge: the interviewer's own words. */
  kind: 'hint' | 'nudge';
  /** Position in the ladder (0-based) for a hint. */
  index?: number;
  /** How many hints the ladder has, for "hint 2 of 3". */
  of?: number;
  /** The problem whose ladder it came from (hints of an earlier problem stay in the feed). */
  problemId?: string;
  text: string;
  /** Server time it was revealed. */
  at: number;
  by: 'interviewer' | 'candidate';
}

/** One integrity signal in `state.signals`: a plain fact, no verdict. */
export interface SignalEntry {
  type: 'paste' | 'hidden';
  at: number;
  chars?: number;
  lines?: number;
  ms?: number;
}

/** Scorecard areas (in `private.scorecard`), each 1-4 with a comment. */
export const SCORECARD_AREAS = ['problemSolving', 'coding', 'communication', 'testing'] as const;
export type ScorecardArea = (typeof SCORECARD_AREAS)[number];
export const SCORECARD_LABELS: Record<ScorecardArea, string> = {
  problemSolving: 'Problem solving',
  coding: 'Coding',
  communication: 'Communication',
  testing: 'Testing',
};
export const RECOMMENDATIONS = ['strong-no', 'no', 'yes', 'strong-yes'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** A practice hint's cost in the summary's score, in points out of 100. */
export const PRACTICE_HINT_COST = 10;

/** `GET /api/rooms/:roomId/summary`: the end of a practice session (or an interview, for its interviewer). */
export interface SessionSummary {
  roomId: string;
  problemId: string | null;
  problemTitle: string | null;
  /** Time on the clock (pauses excluded), ms. */
  timeUsedMs: number;
  plannedMs: number;
  hintsUsed: number;
  hintsAvailable: number;
  runs: number;
  submits: number;
  /** Of the last submit (or, without one, the last run): passed / total, 0-1; null if nothing ran. */
  passRate: number | null;
  /** 100 x passRate minus PRACTICE_HINT_COST per hint (never below 0); null if nothing ran. */
  score: number | null;
  /** The think-out-loud notes as written. */
  notes: string;
  signals: SignalEntry[];
  endedAt: number | null;
}

/** The think-out-loud notes start with this structure: what interviewers listen for. */
export const NOTES_TEMPLATE = `## Clarifying questions
- 

## Examples
- 

## Approach
- 

## Complexity
- Time: 
- Space: 

## Edge cases
- 

## Tests
- 

## Log
`;
