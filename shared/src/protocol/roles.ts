/** Who holds a token. In a practice room the single token is a candidate's. */
export type Role = 'interviewer' | 'candidate';
export const ROLES: readonly Role[] = ['interviewer', 'candidate'];

/** interview: an interviewer and a candidate; practice: one person on their own. */
export type RoomMode = 'interview' | 'practice';
export const ROOM_MODES: readonly RoomMode[] = ['interview', 'practice'];

/** waiting: lobby until the interviewer starts; in_progress: the clock runs; ended: read-only. */
export type RoomPhase = 'waiting' | 'in_progress' | 'ended';

/** What the holder of a token may do beyond editing the pad. */
export interface Permissions {
  /** Start, pause, resume and extend the timer; end the room. */
  controlRoom: boolean;
  /** Reveal hints and send nudges. */
  revealHints: boolean;
  /** Open the `private` document (interviewer notes, scorecard, hidden test details). */
  readPrivate: boolean;
  /** See hidden tests, the hint ladder and the reference solution. */
  seeProblemSecrets: boolean;
  /** Change the room's problem. */
  changeProblem: boolean;
}

/**
 * The permissions of a role in a room. A practice room's only token is a candidate's, and its holder
 * controls their own room (timer, hints, end) but still never sees hidden tests or the solution.
 */
export function permissionsFor(mode: RoomMode, role: Role): Permissions {
  if (role === 'interviewer') {
    return {
      controlRoom: true,
      revealHints: true,
      readPrivate: true,
      seeProblemSecrets: true,
      changeProblem: true,
    };
  }
  const self = mode === 'practice';
  return {
    controlRoom: self,
    revealHints: self,
    readPrivate: false,
    seeProblemSecrets: false,
    changeProblem: self,
  };
}
