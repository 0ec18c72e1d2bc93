import type { RunSummary } from '@duet/shared';
import type { Db } from './db.js';

interface RunRow {
  id: string;
  ts: number;
  role: 'interviewer' | 'candidate';
  kind: 'run' | 'submit';
  status: 'passed' | 'failed' | 'error';
  passed: number;
  failed: number;
  total: number;
  duration_ms: number;
}

/** Run history per room. */
export class RunStore {
  private readonly insertStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO runs (id, room_id, ts, role, kind, language, status, passed, failed, total, duration_ms)
       VALUES (@id, @roomId, @ts, @role, @kind, @language, @status, @passed, @failed, @total, @durationMs)`,
    );
    this.listStmt = db.prepare<[string], RunRow>(
      'SELECT id, ts, role, kind, status, passed, failed, total, duration_ms FROM runs WHERE room_id = ? ORDER BY ts, id',
    );
  }

  add(roomId: string, run: RunSummary & { language: string }): void {
    this.insertStmt.run({
      id: run.runId,
      roomId,
      ts: run.at,
      role: run.by,
      kind: run.kind,
      language: run.language,
      status: run.status,
      passed: run.passed,
      failed: run.failed,
      total: run.total,
      durationMs: run.durationMs,
    });
  }

  list(roomId: string): RunSummary[] {
    return this.listStmt.all(roomId).map((r) => ({
      runId: r.id,
      kind: r.kind,
      status: r.status,
      passed: r.passed,
      failed: r.failed,
      total: r.total,
      durationMs: r.duration_ms,
      by: r.role,
      at: r.ts,
    }));
  }
}
