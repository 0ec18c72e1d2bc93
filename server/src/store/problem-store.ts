import type { Db } from './db.js';

/** Custom problems, stored as their validated JSON document. */
export class ProblemStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO problems (id, json, owner_hash, created_at) VALUES (?, ?, ?, ?)');
    this.getStmt = db.prepare<[string], { json: string; owner_hash: Buffer }>('SELECT json, owner_hash FROM problems WHERE id = ?');
    this.listStmt = db.prepare<[], { json: string }>('SELECT json FROM problems ORDER BY created_at');
  }

  insert(id: string, json: string, ownerHash: Buffer, createdAt: number): void {
    this.insertStmt.run(id, json, ownerHash, createdAt);
  }

  get(id: string): { json: string; ownerHash: Buffer } | undefined {
    const row = this.getStmt.get(id);
    return row ? { json: row.json, ownerHash: row.owner_hash } : undefined;
  }

  all(): string[] {
    return this.listStmt.all().map((r) => r.json);
  }
}
