import type {
  ApiErrorBody,
  CreateRoomRequest,
  CreateRoomResponse,
  FieldError,
  HintEntry,
  HintRequest,
  InterviewerProblem,
  ProblemSummary,
  PublicProblem,
  RoomInfo,
  RunKind,
  RunResult,
  RunSummary,
  SessionSummary,
  SignalRequest,
  TimerRequest,
  TimerState,
} from '@duet/shared';

/** An error from the API (or the network), with the sentence to show. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

export async function apiFetch<T>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(
      res.status,
      'bad_response',
      `The server sent an unreadable answer (HTTP ${res.status}). Try again.`,
    );
  }
  if (!res.ok) {
    const error = (body as ApiErrorBody | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered HTTP ${res.status}. Try again.`,
      error?.fields ?? [],
    );
  }
  return body as T;
}

export const api = {
  createRoom: (body: Partial<CreateRoomRequest> & Pick<CreateRoomRequest, 'mode'>) =>
    apiFetch<CreateRoomResponse>('POST', '/api/rooms', { body }),
  room: (roomId: string, token: string, signal?: AbortSignal) =>
    apiFetch<RoomInfo>('GET', `/api/rooms/${encodeURIComponent(roomId)}`, { token, signal }),
  endRoom: (roomId: string, token: string) =>
    apiFetch<RoomInfo>('POST', `/api/rooms/${encodeURIComponent(roomId)}/end`, { token }),
  problems: (filter: { difficulty?: string; tag?: string } = {}) => {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
    return apiFetch<{ problems: ProblemSummary[] }>('GET', `/api/problems${query ? `?${query}` : ''}`);
  },
  /** The problem; with the room's interviewer token it includes hidden tests, hints and solution. */
  problem: (problemId: string, roomId: string, token: string, signal?: AbortSignal) =>
    apiFetch<PublicProblem | InterviewerProblem>(
      'GET',
      `/api/problems/${encodeURIComponent(problemId)}?room=${encodeURIComponent(roomId)}`,
      { token, signal },
    ),
  setProblem: (roomId: string, token: string, problemId: string | null, resetCode = true) =>
    apiFetch<RoomInfo>('PUT', `/api/rooms/${encodeURIComponent(roomId)}/problem`, {
      token,
      body: { problemId, resetCode },
    }),
  run: (roomId: string, token: string, kind: RunKind) =>
    apiFetch<RunResult>('POST', `/api/rooms/${encodeURIComponent(roomId)}/runs`, { token, body: { kind } }),
  runs: (roomId: string, token: string) =>
    apiFetch<{ runs: RunSummary[] }>('GET', `/api/rooms/${encodeURIComponent(roomId)}/runs`, { token }),
  timer: (roomId: string, token: string, body: TimerRequest) =>
    apiFetch<{ timer: TimerState; now: number }>('POST', `/api/rooms/${encodeURIComponent(roomId)}/timer`, {
      token,
      body,
    }),
  hint: (roomId: string, token: string, body: HintRequest) =>
    apiFetch<{ hint: HintEntry; remaining: number }>('POST', `/api/rooms/${encodeURIComponent(roomId)}/hints`, {
      token,
      body,
    }),
  signal: (roomId: string, token: string, body: SignalRequest) =>
    apiFetch<{ recorded: boolean }>('POST', `/api/rooms/${encodeURIComponent(roomId)}/signals`, { token, body }),
  summary: (roomId: string, token: string) =>
    apiFetch<SessionSummary>('GET', `/api/rooms/${encodeURIComponent(roomId)}/summary`, { token }),
};
