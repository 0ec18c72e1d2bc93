import { z } from 'zod';
import type { Language } from '../protocol/documents.js';
import type { Permissions, Role, RoomMode, RoomPhase } from '../protocol/roles.js';

export const MAX_TITLE_LENGTH = 120;
export const MIN_DURATION_MINUTES = 1;
export const MAX_DURATION_MINUTES = 480;
export const DEFAULT_DURATION_MINUTES = 45;

/** Problem ids: lowercase words joined by dashes, e.g. `two-sum`. */
export const PROBLEM_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const problemIdSchema = z
  .string({ error: 'problemId must be a string such as "two-sum".' })
  .max(64, { error: 'problemId must be at most 64 characters.' })
  .regex(PROBLEM_ID_PATTERN, {
    error: 'problemId must be lowercase letters, digits and single dashes, e.g. "two-sum".',
  });

/** Body of `POST /api/rooms`. */
export const createRoomRequestSchema = z.strictObject({
  mode: z.enum(['interview', 'practice'], {
    error: 'mode must be "interview" or "practice".',
  }),
  title: z
    .string({ error: 'title must be a string.' })
    .trim()
    .max(MAX_TITLE_LENGTH, { error: `title must be at most ${MAX_TITLE_LENGTH} characters.` })
    .optional(),
  problemId: problemIdSchema.optional(),
  durationMinutes: z
    .number({ error: 'durationMinutes must be a number of minutes.' })
    .int({ error: 'durationMinutes must be a whole number of minutes.' })
    .min(MIN_DURATION_MINUTES, {
      error: `durationMinutes must be at least ${MIN_DURATION_MINUTES}.`,
    })
    .max(MAX_DURATION_MINUTES, {
      error: `durationMinutes must be at most ${MAX_DURATION_MINUTES} (8 hours).`,
    })
    .optional(),
  language: z
    .enum(['javascript', 'typescript'], {
      error: 'language must be "javascript" or "typescript".',
    })
    .optional(),
  /** Practice only: split the session into timed phases (understand, plan, code, test). */
  phases: z.boolean({ error: 'phases must be true or false.' }).optional(),
});
export type CreateRoomRequest = z.output<typeof createRoomRequestSchema>;

/** Response of `POST /api/rooms` (201). */
export interface CreateRoomResponse {
  /** The new room's id. */
  roomId: string;
  /** Bearer tokens; shown once, stored on the server only as hashes. Practice rooms have no interviewer. */
  tokens: { interviewer?: string; candidate: string };
  /** Links to open the room; the token travels in the fragment so it never reaches server logs. */
  links: { interviewer?: string; candidate: string };
}

/** Response of `GET /api/rooms/:roomId`. */
export interface RoomInfo {
  /** The room's id. */
  roomId: string;
  /** interview or practice. */
  mode: RoomMode;
  /** Free title, may be empty. */
  title: string;
  /** The room's problem, if any. */
  problemId: string | null;
  /** waiting, in_progress or ended. */
  phase: RoomPhase;
  /** Planned length of the session. */
  durationMinutes: number;
  /** Language the room started with. */
  language: Language;
  /** Creation time, ms since the epoch. */
  createdAt: number;
  /** The caller's role, from their token. */
  role: Role;
  /** What the caller may do. */
  permissions: Permissions;
  /** The wire protocol version the server speaks. */
  protocolVersion: number;
}

/** Body of `PUT /api/rooms/:roomId/problem`. */
export const setProblemRequestSchema = z.strictObject({
  problemId: z.union([problemIdSchema, z.null()], { error: 'problemId must be a problem id such as "two-sum", or null for no problem.' }),
  resetCode: z.boolean({ error: 'resetCode must be true or false.' }).default(true),
});
export type SetProblemRequest = z.output<typeof setProblemRequestSchema>;
