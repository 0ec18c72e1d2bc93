import type { Role, RoomMode, RoomPhase } from './roles.js';

/**
 * The three Yjs documents of a room.
 * - pad: what the candidate works on (code, language, notes, own test cases); both roles write.
 * - private: interviewer notes and scorecard; interviewers only, never sent to a candidate.
 * - state: what only the server writes (phase, timer, hints, run results); read-only for clients.
 */
export type DocName = 'pad' | 'private' | 'state';
export const DOC_NAMES: readonly DocName[] = ['pad', 'private', 'state'];

export function isDocName(value: string): value is DocName {
  return (DOC_NAMES as readonly string[]).includes(value);
}

/** What a connection may do with a document. */
export type DocAccess = 'write' | 'read' | 'none';

/**
 * The access rule of the whole system, decided on the server from the token's role (SYNC1-SYNC4 in
 * docs/SPEC.md). It is evaluated again for every update, so ending a room takes effect at once.
 */
export function docAccess(doc: DocName, role: Role, mode: RoomMode, phase: RoomPhase): DocAccess {
  switch (doc) {
    case 'pad':
      return phase === 'ended' ? 'read' : 'write';
    case 'private':
      // Interviewers keep writing notes and the scorecard after the interview ends.
      return role === 'interviewer' && mode === 'interview' ? 'write' : 'none';
    case 'state':
      return 'read';
  }
}

/** Names of the shared types inside the `pad` document. */
export const PAD = {
  /** Y.Text: the candidate's code. */
  code: 'code',
  /** Y.Map: `language` (Language). */
  meta: 'meta',
  /** Y.Text: the candidate's think-out-loud notes. */
  notes: 'notes',
  /** Y.Array of JSON objects: the candidate's own test cases. */
  customTests: 'customTests',
} as const;

/** Names of the shared types inside the `private` document. */
export const PRIVATE = {
  /** Y.Text: the interviewer's free notes. */
  notes: 'notes',
  /** Y.Map: the scorecard: `<area>.score` (1-4), `<area>.comment`, `recommendation`, `summary`. */
  scorecard: 'scorecard',
  /** Y.Map runId -> full run result including hidden test details. */
  runDetails: 'runDetails',
} as const;

/** Names of the shared types inside the `state` document. */
export const STATE = {
  /** Y.Map: phase, problemId, mode, title. */
  room: 'room',
  /** Y.Map: the timer (TimerState). */
  timer: 'timer',
  /** Y.Array: revealed hints and nudges (HintEntry). Unrevealed hints never leave the server. */
  hints: 'hints',
  /** Y.Array: run results as the candidate may see them, newest last. */
  runs: 'runs',
  /** Y.Map: the current run (RunState). */
  runState: 'runState',
  /** Y.Array: integrity signals (SignalEntry), recorded openly. */
  signals: 'signals',
} as const;

/** Languages the editor and the runner support. */
export type Language = 'javascript' | 'typescript';
export const LANGUAGES: readonly Language[] = ['javascript', 'typescript'];
export function isLanguage(value: unknown): value is Language {
  return value === 'javascript' || value === 'typescript';
}

/** Everything in `state.room`. */
export interface RoomStateFields {
  phase: RoomPhase;
  mode: RoomMode;
  title: string;
  problemId: string | null;
}

/** The `user` field every client puts into awareness. The server overwrites `role`. */
export interface AwarenessUser {
  /** Display name, 1-40 characters. */
  name: string;
  /** `#rrggbb` colour of the cursor and badge. */
  color: string;
  /** Set by the server from the token, whatever the client claimed. */
  role: Role;
}
