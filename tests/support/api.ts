import type { CreateRoomResponse, RoomInfo } from '@duet/shared';

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = unknown>(
  base: string,
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown; rawBody?: string; contentType?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const res = await fetch(base + pathname, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

export async function createRoom(
  base: string,
  body: Record<string, unknown> = { mode: 'interview' },
): Promise<CreateRoomResponse> {
  const res = await request<CreateRoomResponse>(base, 'POST', '/api/rooms', { body });
  if (res.status !== 201) throw new Error(`create room failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function roomInfo(base: string, roomId: string, token: string): Promise<JsonResponse<RoomInfo>> {
  return request<RoomInfo>(base, 'GET', `/api/rooms/${roomId}`, { token });
}
