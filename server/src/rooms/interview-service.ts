import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import {
  PAD,
  PRACTICE_HINT_COST,
  STATE,
  timerFromMap,
  timerReading,
  type HintEntry,
  type HintRequest,
  type SessionSummary,
  type SignalEntry,
  type SignalRequest,
  type TimerRequest,
  type TimerState,
} from '@duet/shared';
import { AppError } from '../errors.js';
import type { RoomRecord, RoomStore } from '../store/room-store.js';
import type { EventStore } from '../store/event-store.js';
import type { RunStore } from '../store/run-store.js';
import type { DocHub } from '../sync/doc-hub.js';
import type { ProblemService } from '../problems/problem-service.js';
import { roomForAction, type Caller } from './room-service.js';

/** Signals a room may record (a candidate cannot fill the database through this endpoint). */
const MAX_SIGNALS_PER_ROOM = 2000;
/** Signals kept in the state document (all of them stay in room_events). */
const SIGNALS_IN_STATE = 500;

export function readTimer(doc: Y.Doc): TimerState {
  return timerFromMap(doc.getMap<unknown>(STATE.timer));
}

/** Timer, phases, hints and nudges, integrity signals, and the session summary. */
export class InterviewService {
  constructor(
    private readonly store: RoomStore,
    private readonly hub: DocHub,
    private readonly events: EventStore,
    private readonly problems: ProblemService,
    private readonly runs: RunStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Start, pause, resume or extend the clock. The server's clock is the only one that counts. */
  timer(caller: Caller, request: TimerRequest): { timer: TimerState; now: number } {
    const room = roomForAction(this.store, caller, 'controlRoom', 'control the timer');
    const now = this.now();
    const timer = this.hub.read(room, 'state', readTimer);
    let next: Partial<TimerState>;
    switch (request.action) {
      case 'start':
        if (timer.startedAt !== null)
          throw new AppError('conflict', 'The clock is already running (pause or resume it instead).');
        next = { startedAt: now, pausedAt: null, pausedMs: 0 };
        break;
      case 'pause':
        if (timer.startedAt === null) throw new AppError('conflict', 'The clock has not started yet.');
        if (timer.pausedAt !== null) throw new AppError('conflict', 'The clock is already paused.');
        next = { pausedAt: now };
        break;
      case 'resume':
        if (timer.pausedAt === null) throw new AppError('conflict', 'The clock is not paused.');
        next = { pausedAt: null, pausedMs: timer.pausedMs + (now - timer.pausedAt) };
        break;
      case 'extend':
        next = { durationMs: timer.durationMs + request.minutes * 60_000 };
        break;
    }
    let started: RoomRecord = room;
    if (request.action === 'start') {
      this.store.setPhase(room.id, 'in_progress', now);
      started = { ...room, phase: 'in_progress', startedAt: now };
      this.hub.roomChanged(started);
    }
    this.hub.change(started, 'state', 'timer', (doc) => {
      const m = doc.getMap<unknown>(STATE.timer);
      for (const [key, value] of Object.entries(next)) m.set(key, value);
      if (request.action === 'start') doc.getMap(STATE.room).set('phase', 'in_progress');
    });
    this.events.add(room.id, 'timer', {
      ts: now,
      role: caller.role,
      data: { action: request.action, ...(request.action === 'extend' ? { minutes: request.minutes } : {}) },
    });
    return { timer: this.hub.read(started, 'state', readTimer), now };
  }

  /** Reveal the next step of the hint ladder, or send a nudge; everyone in the room sees it at once. */
  hint(caller: Caller, request: HintRequest): { hint: HintEntry; remaining: number } {
    const room = roomForAction(this.store, caller, 'revealHints', 'reveal hints or send nudges');
    const problem = room.problemId ? this.problems.get(room.problemId)?.problem : undefined;
    const revealed = this.hub.read(
      room,
      'state',
      (doc) =>
        doc
          .getArray<HintEntry>(STATE.hints)
          .toArray()
          .filter((h) => h.kind === 'hint' && h.problemId === room.problemId).length,
    );
    const total = problem?.hints.length ?? 0;
    let hint: HintEntry;
    if ('next' in request) {
      if (!problem)
        throw new AppError(
          'conflict',
          'This room has no problem, so there is no hint ladder. Send a nudge in your own words instead.',
        );
      if (revealed >= total)
        throw new AppError(
          'conflict',
          `All ${total} hints are already revealed. Send a nudge in your own words instead.`,
        );
      hint = {
        id: randomBytes(5).toString('base64url'),
        kind: 'hint',
        index: revealed,
        of: total,
        text: problem.hints[revealed]!,
        at: this.now(),
        by: caller.role,
        problemId: problem.id,
      };
    } else {
      hint = {
        id: randomBytes(5).toString('base64url'),
        kind: 'nudge',
        text: request.text,
        at: this.now(),
        by: caller.role,
      };
    }
    this.hub.change(room, 'state', 'hint', (doc) => doc.getArray(STATE.hints).push([hint]));
    this.events.add(room.id, 'hint', {
      ts: hint.at,
      role: caller.role,
      data: { kind: hint.kind, index: hint.index ?? null },
    });
    return { hint, remaining: Math.max(0, total - revealed - (hint.kind === 'hint' ? 1 : 0)) };
  }

  /** Record a plain fact about the candidate's session (a large paste, the tab hidden for a while). */
  signal(caller: Caller, request: SignalRequest): { recorded: boolean } {
    const room = this.store.get(caller.room.id);
    if (!room) throw new AppError('room_not_found');
    // Only a candidate in an interview that is going on is observed.
    if (room.mode !== 'interview' || caller.role !== 'candidate' || room.phase !== 'in_progress')
      return { recorded: false };
    const count = this.events.count(room.id, 'signal');
    if (count >= MAX_SIGNALS_PER_ROOM) {
      throw new AppError('too_many_requests', 'This room has recorded as many signals as it keeps.', undefined, {
        'Retry-After': '60',
      });
    }
    const entry: SignalEntry = {
      type: request.type,
      at: this.now(),
      ...(request.type === 'paste' ? { chars: request.chars, lines: request.lines } : { ms: request.ms }),
    };
    this.events.add(room.id, 'signal', { ts: entry.at, role: caller.role, data: { ...entry } });
    this.hub.change(room, 'state', 'signal', (doc) => {
      const signals = doc.getArray<SignalEntry>(STATE.signals);
      signals.push([entry]);
      if (signals.length > SIGNALS_IN_STATE) signals.delete(0, signals.length - SIGNALS_IN_STATE);
    });
    return { recorded: true };
  }

  /** What a session came to: time, hints, runs, pass rate, notes (practice holder or interviewer). */
  summary(caller: Caller): SessionSummary {
    const room = roomForAction(this.store, caller, 'controlRoom', 'see the summary', 'allow');
    const problem = room.problemId ? this.problems.get(room.problemId)?.problem : undefined;
    const { timer, hints, signals } = this.hub.read(room, 'state', (doc) => ({
      timer: readTimer(doc),
      hints: doc.getArray<HintEntry>(STATE.hints).toArray(),
      signals: doc.getArray<SignalEntry>(STATE.signals).toArray(),
    }));
    const notes = this.hub.read(room, 'pad', (doc) => doc.getText(PAD.notes).toString());
    const history = this.runs.list(room.id);
    const lastSubmit = [...history].reverse().find((r) => r.kind === 'submit');
    const decisive = lastSubmit ?? history[history.length - 1];
    const passRate = decisive && decisive.total > 0 ? decisive.passed / decisive.total : null;
    // Hints of the room's current problem, like hintsAvailable (a problem changed mid-session has its own ladder).
    const hintsUsed = hints.filter((h) => h.kind === 'hint' && h.problemId === room.problemId).length;
    const reading = timerReading(timer, room.endedAt ?? this.now());
    return {
      roomId: room.id,
      problemId: room.problemId,
      problemTitle: problem?.title ?? null,
      timeUsedMs: reading.elapsedMs,
      plannedMs: timer.durationMs,
      hintsUsed,
      hintsAvailable: problem?.hints.length ?? 0,
      runs: history.filter((r) => r.kind === 'run').length,
      submits: history.filter((r) => r.kind === 'submit').length,
      passRate,
      score: passRate === null ? null : Math.max(0, Math.round(passRate * 100) - PRACTICE_HINT_COST * hintsUsed),
      notes,
      signals,
      endedAt: room.endedAt,
    };
  }
}
