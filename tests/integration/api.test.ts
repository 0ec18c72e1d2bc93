import { describe, expect, it } from 'vitest';
import type { ApiErrorBody, CreateRoomResponse, RoomInfo } from '@duet/shared';
import { useServerEnv } from '../support/server-env.js';
import { createRoom, request, roomInfo } from '../support/api.js';

const env = useServerEnv();

describe('HTTP API', () => {
  it('GET /api/health answers ok', async () => {
    const res = await request(env.server.url, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('[API1] an interview room has both roles, links carry the token in the fragment', async () => {
    const res = await request<CreateRoomResponse>(env.server.url, 'POST', '/api/rooms', {
      body: { mode: 'interview', title: 'Backend round', durationMinutes: 60, language: 'typescript' },
    });
    expect(res.status).toBe(201);
    const { roomId, tokens, links } = res.body;
    expect(tokens.interviewer).toBeTruthy();
    expect(tokens.candidate).toBeTruthy();
    expect(tokens.interviewer).not.toBe(tokens.candidate);
    expect(links.interviewer).toBe(`${env.server.url}/room/${roomId}#token=${tokens.interviewer}`);
    expect(links.candidate).toBe(`${env.server.url}/room/${roomId}#token=${tokens.candidate}`);

    const asInterviewer = await roomInfo(env.server.url, roomId, tokens.interviewer!);
    expect(asInterviewer.status).toBe(200);
    expect(asInterviewer.body).toMatchObject({
      roomId,
      mode: 'interview',
      title: 'Backend round',
      durationMinutes: 60,
      language: 'typescript',
      phase: 'waiting',
      role: 'interviewer',
      permissions: { controlRoom: true, readPrivate: true },
    });
    const asCandidate = await roomInfo(env.server.url, roomId, tokens.candidate);
    expect(asCandidate.body.role).toBe('candidate');
    expect(asCandidate.body.permissions).toMatchObject({ controlRoom: false, readPrivate: false });
  });

  it('[API2] a practice room has one token whose holder controls the room', async () => {
    const room = await createRoom(env.server.url, { mode: 'practice' });
    expect(Object.keys(room.tokens)).toEqual(['candidate']);
    expect(Object.keys(room.links)).toEqual(['candidate']);
    const info = await roomInfo(env.server.url, room.roomId, room.tokens.candidate);
    expect(info.body).toMatchObject({
      role: 'candidate',
      mode: 'practice',
      permissions: { controlRoom: true, revealHints: true, readPrivate: false },
    });
  });

  it('[API3] unknown room is 404, missing or wrong token is 401, with a sentence', async () => {
    const room = await createRoom(env.server.url);
    const unknown = await roomInfo(env.server.url, 'AAAAAAAAAAAA', room.tokens.candidate);
    expect(unknown.status).toBe(404);
    expect((unknown.body as unknown as ApiErrorBody).error.code).toBe('room_not_found');
    const badId = await roomInfo(env.server.url, 'not a room', room.tokens.candidate);
    expect(badId.status).toBe(404);
    const missing = await request<ApiErrorBody>(env.server.url, 'GET', `/api/rooms/${room.roomId}`);
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toMatch(/token/);
    const wrong = await roomInfo(env.server.url, room.roomId, room.tokens.candidate + 'x');
    expect(wrong.status).toBe(401);
    const other = await createRoom(env.server.url);
    const crossRoom = await roomInfo(env.server.url, room.roomId, other.tokens.interviewer!);
    expect(crossRoom.status).toBe(401);
  });

  it('[API4] a bad body gets 400 naming each bad field; nothing is created', async () => {
    const res = await request<ApiErrorBody>(env.server.url, 'POST', '/api/rooms', {
      body: { mode: 'pairing', durationMinutes: 0, title: 42, problemId: 'Two Sum!', color: 'red' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.fields!.map((f) => f.path).sort();
    expect(paths).toEqual(['color', 'durationMinutes', 'mode', 'problemId', 'title']);
    for (const field of res.body.error.fields!) expect(field.message.length).toBeGreaterThan(10);

    const missingMode = await request<ApiErrorBody>(env.server.url, 'POST', '/api/rooms', { body: {} });
    expect(missingMode.status).toBe(400);
    expect(missingMode.body.error.fields!.map((f) => f.path)).toEqual(['mode']);
  });

  it('[API5] invalid JSON is 400, a non-JSON type is 415, a huge body is 413', async () => {
    const invalid = await request<ApiErrorBody>(env.server.url, 'POST', '/api/rooms', { rawBody: '{"mode":' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_json');
    const wrongType = await request<ApiErrorBody>(env.server.url, 'POST', '/api/rooms', {
      rawBody: 'mode=interview',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(wrongType.status).toBe(415);
    const huge = await request<ApiErrorBody>(env.server.url, 'POST', '/api/rooms', {
      body: { mode: 'interview', title: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const array = await request<ApiErrorBody>(env.server.url, 'POST', '/api/rooms', { body: [1, 2] });
    expect(array.status).toBe(400);
  });

  it('unknown routes are 404 and wrong methods 405, as JSON', async () => {
    const nothing = await request<ApiErrorBody>(env.server.url, 'GET', '/api/nothing');
    expect(nothing.status).toBe(404);
    expect(nothing.body.error.code).toBe('not_found');
    const method = await request<ApiErrorBody>(env.server.url, 'DELETE', '/api/health');
    expect(method.status).toBe(405);
  });

  it('[API6] only a room controller can end it; ending is idempotent', async () => {
    const room = await createRoom(env.server.url);
    const byCandidate = await request<ApiErrorBody>(env.server.url, 'POST', `/api/rooms/${room.roomId}/end`, {
      token: room.tokens.candidate,
    });
    expect(byCandidate.status).toBe(403);
    expect((await roomInfo(env.server.url, room.roomId, room.tokens.candidate)).body.phase).toBe('waiting');
    const ended = await request<RoomInfo>(env.server.url, 'POST', `/api/rooms/${room.roomId}/end`, {
      token: room.tokens.interviewer!,
    });
    expect(ended.status).toBe(200);
    expect(ended.body.phase).toBe('ended');
    const again = await request<RoomInfo>(env.server.url, 'POST', `/api/rooms/${room.roomId}/end`, {
      token: room.tokens.interviewer!,
    });
    expect(again.status).toBe(200);
    const practice = await createRoom(env.server.url, { mode: 'practice' });
    const self = await request<RoomInfo>(env.server.url, 'POST', `/api/rooms/${practice.roomId}/end`, {
      token: practice.tokens.candidate,
    });
    expect(self.status).toBe(200);
  });
});
