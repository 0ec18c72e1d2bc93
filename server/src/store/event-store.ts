import type { Db } from './db.js';

/** A timestamped fact about a room (join, leave, phase change, ...). */
export interface RoomEvent {
  id: number;
  ts: number;
  type: string;
  role: string | null;
  connId: string | null;
  data: Record<string, unknown>;
}

export class EventStore {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO room_events (room_id, ts, type, role, conn_id, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.listStmt = db.prepare<
      [string, number],
      { id: number; ts: number; type: string; role: string | null; conn_id: string | null; data: string }
    >('SELECT id, ts, type, role, conn_id, data FROM room_events WHERE room_id = ? AND id > ? ORDER BY id');
    this.countStmt = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM room_events WHERE room_id = ? AND type = ?');
  }

  count(roomId: string, type: string): number {
    return this.countStmt.get(roomId, type)?.n ?? 0;
  }

  add(
    roomId: string,
    type: string,
    fields: { ts?: number; role?: string | null; connId?: string | null; data?: Record<string, unknown> } = {},
  ): number {
    const info = this.insertStmt.run(
      roomId,
      fields.ts ?? Date.now(),
      type,
      fields.role ?? null,
      fields.connId ?? null,
      JSON.stringify(fields.data ?? {}),
    );
    return Number(info.lastInsertRowid);
  }

  list(roomId: string, afterId = 0): RoomEvent[] {
    return this.listStmt.all(roomId, afterId).map((r) => ({
      id: r.id,
      ts: r.ts,
      type: r.type,
      role: r.role,
      connId: r.conn_id,
      data: JSON.parse(r.data) as Record<string, unknown>,
    }));
  }
}
