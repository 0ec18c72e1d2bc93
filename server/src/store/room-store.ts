import type { Language, Role, RoomMode, RoomPhase } from '@duet/shared';
import type { Db } from './db.js';

/** A room as stored. */
export interface RoomRecord {
  id: string;
  mode: RoomMode;
  title: string;
  problemId: string | null;
  language: Language;
  durationMinutes: number;
  phase: RoomPhase;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

interface RoomRow {
  id: string;
  mode: RoomMode;
  title: string;
  problem_id: string | null;
  language: Language;
  duration_minutes: number;
  phase: RoomPhase;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

function fromRow(row: RoomRow): RoomRecord {
  return {
    id: row.id,
    mode: row.mode,
    title: row.title,
    problemId: row.problem_id,
    language: row.language,
    durationMinutes: row.duration_minutes,
    phase: row.phase,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

/** Rooms and their token hashes. */
export class RoomStore {
  private readonly insertRoom;
  private readonly insertToken;
  private readonly selectRoom;
  private readonly selectTokens;
  private readonly updatePhaseStmt;
  private readonly updateProblemStmt;

  constructor(private readonly db: Db) {
    this.insertRoom = db.prepare(
      `INSERT INTO rooms (id, mode, title, problem_id, language, duration_minutes, phase, created_at)
       VALUES (@id, @mode, @title, @problemId, @language, @durationMinutes, @phase, @createdAt)`,
    );
    this.insertToken = db.prepare(
      'INSERT INTO room_tokens (room_id, role, token_hash, created_at) VALUES (?, ?, ?, ?)',
    );
    this.selectRoom = db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE id = ?');
    this.selectTokens = db.prepare<[string], { role: Role; token_hash: Buffer }>(
      'SELECT role, token_hash FROM room_tokens WHERE room_id = ? ORDER BY role',
    );
    this.updatePhaseStmt = db.prepare(
      'UPDATE rooms SET phase = ?, started_at = COALESCE(?, started_at), ended_at = COALESCE(?, ended_at) WHERE id = ?',
    );
    this.updateProblemStmt = db.prepare('UPDATE rooms SET problem_id = ? WHERE id = ?');
  }

  /** Insert a room and the hashes of its tokens in one transaction. */
  create(room: RoomRecord, tokenHashes: Partial<Record<Role, Buffer>>): void {
    this.db.transaction(() => {
      this.insertRoom.run({ ...room });
      for (const [role, hash] of Object.entries(tokenHashes)) {
        this.insertToken.run(room.id, role, hash, room.createdAt);
      }
    })();
  }

  get(roomId: string): RoomRecord | undefined {
    const row = this.selectRoom.get(roomId);
    return row ? fromRow(row) : undefined;
  }

  tokenHashes(roomId: string): { role: Role; hash: Buffer }[] {
    return this.selectTokens.all(roomId).map((r) => ({ role: r.role, hash: r.token_hash }));
  }

  setPhase(roomId: string, phase: RoomPhase, at: number): void {
    this.updatePhaseStmt.run(phase, phase === 'in_progress' ? at : null, phase === 'ended' ? at : null, roomId);
  }

  setProblem(roomId: string, problemId: string | null): void {
    this.updateProblemStmt.run(problemId, roomId);
  }
}
