import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateRoomResponse, RunResult } from '@duet/shared';
import type { TestServer } from './server.js';
import { createRoom, request } from './api.js';
import { connectClient, waitFor, type YClient } from './clients.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

export function fixtureProblem(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES, 'problems', `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** A room with two real y-websocket clients on its pad: one writes code, one confirms the server has it. */
export interface CodingRoom {
  room: CreateRoomResponse;
  writer: YClient;
  observer: YClient;
  /** Replace the pad's code and wait until the server has relayed it (so a run sees it). */
  setCode(code: string): Promise<void>;
  run(kind?: 'run' | 'submit', as?: 'candidate' | 'interviewer'): Promise<{ status: number; body: RunResult; ms: number; headers: Headers }>;
  destroy(): void;
}

export async function openCodingRoom(server: TestServer, body: Record<string, unknown>): Promise<CodingRoom> {
  const room = await createRoom(server.url, body);
  const writer = connectClient(server.wsUrl, room.roomId, 'pad', room.tokens.interviewer ?? room.tokens.candidate);
  const observer = connectClient(server.wsUrl, room.roomId, 'pad', room.tokens.candidate);
  await Promise.all([writer.synced, observer.synced]);
  return {
    room,
    writer,
    observer,
    async setCode(code) {
      writer.doc.transact(() => {
        writer.text.delete(0, writer.text.length);
        writer.text.insert(0, code);
      });
      await waitFor(() => observer.text.toString() === code, 'the server relays the new code');
    },
    async run(kind = 'run', as = 'candidate') {
      const token = as === 'candidate' ? room.tokens.candidate : room.tokens.interviewer!;
      const started = performance.now();
      const res = await request<RunResult>(server.url, 'POST', `/api/rooms/${room.roomId}/runs`, { token, body: { kind } });
      return { status: res.status, body: res.body, ms: performance.now() - started, headers: res.headers };
    },
    destroy() {
      writer.destroy();
      observer.destroy();
    },
  };
}
