import {
  DEFAULT_DURATION_MINUTES,
  DEFAULT_PHASE_SHARES,
  NOTES_TEMPLATE,
  PRACTICE_PHASES,
  PAD,
  PROTOCOL_VERSION,
  STATE,
  isRoomId,
  permissionsFor,
  type CreateRoomRequest,
  type CreateRoomResponse,
  type Permissions,
  type Role,
  type RoomInfo,
} from '@duet/shared';
import { AppError } from '../errors.js';
import type { RoomRecord, RoomStore } from '../store/room-store.js';
import type { EventStore } from '../store/event-store.js';
import type { DocHub } from '../sync/doc-hub.js';
import type { ProblemService } from '../problems/problem-service.js';
import { hashToken, newRoomId, newToken, roleForToken } from './tokens.js';

/** A caller whose token was checked: the room and the role the token grants. */
export interface Caller {
  room: RoomRecord;
  role: Role;
}

/**
 * The caller's room as stored now, if the caller's role may `permission` (403 "Only the interviewer
 * can `what`." otherwise). Unless `whenEnded` is 'allow', an ended room answers 409 room_ended.
 */
export function roomForAction(
  store: RoomStore,
  caller: Caller,
  permission: keyof Permissions,
  what: string,
  whenEnded: 'refuse' | 'allow' = 'refuse',
): RoomRecord {
  if (!permissionsFor(caller.room.mode, caller.role)[permission]) {
    throw new AppError('forbidden', `Only the interviewer can ${what}.`);
  }
  const room = store.get(caller.room.id);
  if (!room) throw new AppError('room_not_found');
  if (room.phase === 'ended' && whenEnded === 'refuse') throw new AppError('room_ended');
  return room;
}

/** Room lifecycle: creation, authentication, phase changes. */
export class RoomService {
  constructor(
    private readonly store: RoomStore,
    private readonly hub: DocHub,
    private readonly events: EventStore,
    private readonly problems: ProblemService,
    private readonly now: () => number = Date.now,
  ) {}

  create(input: CreateRoomRequest, baseUrl: string): CreateRoomResponse {
    const problem = input.problemId ? this.problems.get(input.problemId)?.problem : undefined;
    if (input.problemId && !problem) {
      throw new AppError(
        'validation_failed',
        `There is no problem "${input.problemId}". GET /api/problems lists them.`,
        [{ path: 'problemId', message: `There is no problem "${input.problemId}".` }],
      );
    }
    const room: RoomRecord = {
      id: newRoomId(),
      mode: input.mode,
      title: input.title ?? '',
      problemId: input.problemId ?? null,
      language: input.language ?? 'javascript',
      durationMinutes: input.durationMinutes ?? DEFAULT_DURATION_MINUTES,
      phase: 'waiting',
      createdAt: this.now(),
      startedAt: null,
      endedAt: null,
    };
    const candidate = newToken();
    const interviewer = room.mode === 'interview' ? newToken() : undefined;
    this.store.create(room, {
      candidate: hashToken(candidate),
      ...(interviewer ? { interviewer: hashToken(interviewer) } : {}),
    });
    this.hub.change(room, 'pad', 'setup', (doc) => {
      doc.getMap(PAD.meta).set('language', room.language);
      if (problem) doc.getText(PAD.code).insert(0, problem.starter[room.language]);
      doc.getText(PAD.notes).insert(0, NOTES_TEMPLATE);
    });
    this.hub.change(room, 'state', 'setup', (doc) => {
      const state = doc.getMap(STATE.room);
      state.set('phase', room.phase);
      state.set('mode', room.mode);
      state.set('title', room.title);
      state.set('problemId', room.problemId);
      const timer = doc.getMap(STATE.timer);
      const durationMs = room.durationMinutes * 60_000;
      timer.set('durationMs', durationMs);
      timer.set('startedAt', null);
      timer.set('pausedAt', null);
      timer.set('pausedMs', 0);
      timer.set(
        'phases',
        room.mode === 'practice' && input.phases
          ? PRACTICE_PHASES.map((name) => ({ name, ms: Math.round(durationMs * DEFAULT_PHASE_SHARES[name]) }))
          : [],
      );
    });
    this.events.add(room.id, 'room_created', { ts: room.createdAt, data: { mode: room.mode } });
    const link = (token: string) => `${baseUrl}/room/${room.id}#token=${token}`;
    return {
      roomId: room.id,
      tokens: { ...(interviewer ? { interviewer } : {}), candidate },
      links: { ...(interviewer ? { interviewer: link(interviewer) } : {}), candidate: link(candidate) },
    };
  }

  /** The room and role for a token; AppError 404 for an unknown room, 401 for a wrong token. */
  authenticate(roomId: string, token: string | null): Caller {
    const room = isRoomId(roomId) ? this.store.get(roomId) : undefined;
    if (!room) throw new AppError('room_not_found');
    if (!token) {
      throw new AppError('unauthorized', 'This room needs a token: open it with the link you were given.');
    }
    const role = roleForToken(token, this.store.tokenHashes(roomId));
    if (!role) throw new AppError('unauthorized');
    return { room, role };
  }

  info({ room, role }: Caller): RoomInfo {
    return {
      roomId: room.id,
      mode: room.mode,
      title: room.title,
      problemId: room.problemId,
      phase: room.phase,
      durationMinutes: room.durationMinutes,
      language: room.language,
      createdAt: room.createdAt,
      role,
      permissions: permissionsFor(room.mode, role),
      protocolVersion: PROTOCOL_VERSION,
    };
  }

  /**
   * Change the room's problem (or clear it). With `resetCode` the pad's code becomes the new
   * problem's starter in the pad's language; the old code stays in the update log.
   */
  setProblem(caller: Caller, problemId: string | null, resetCode: boolean): RoomRecord {
    const current = roomForAction(this.store, caller, 'changeProblem', 'change the problem');
    const problem = problemId ? this.problems.require(problemId).problem : null;
    this.store.setProblem(current.id, problemId);
    const updated: RoomRecord = { ...current, problemId };
    this.hub.roomChanged(updated);
    this.hub.change(updated, 'state', 'problem', (doc) => doc.getMap(STATE.room).set('problemId', problemId));
    if (resetCode) {
      this.hub.change(updated, 'pad', 'problem', (doc) => {
        const language = doc.getMap(PAD.meta).get('language');
        const code = doc.getText(PAD.code);
        code.delete(0, code.length);
        if (problem) code.insert(0, problem.starter[language === 'typescript' ? 'typescript' : 'javascript']);
        const custom = doc.getArray(PAD.customTests);
        custom.delete(0, custom.length);
      });
    }
    this.events.add(current.id, 'problem', { role: caller.role, data: { problemId } });
    return updated;
  }

  /** End the room: the pad becomes read-only for everyone at once (SYNC5). Idempotent. */
  end(caller: Caller): RoomRecord {
    const current = roomForAction(this.store, caller, 'controlRoom', 'end the interview', 'allow');
    if (current.phase === 'ended') return current;
    const at = this.now();
    this.store.setPhase(current.id, 'ended', at);
    const ended: RoomRecord = { ...current, phase: 'ended', endedAt: at };
    this.hub.roomChanged(ended);
    this.hub.change(ended, 'state', 'end', (doc) => {
      const state = doc.getMap(STATE.room);
      state.set('phase', 'ended');
      state.set('endedAt', at);
      // The clock stops where the session ended.
      const timer = doc.getMap(STATE.timer);
      if (timer.get('startedAt') != null && timer.get('pausedAt') == null) timer.set('pausedAt', at);
    });
    this.events.add(current.id, 'phase', { ts: at, role: caller.role, data: { phase: 'ended' } });
    return ended;
  }
}
