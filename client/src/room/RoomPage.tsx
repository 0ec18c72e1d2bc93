import { useEffect, useState } from 'react';
import type { RoomInfo } from '@duet/shared';
import { api, ApiError } from '../api/client';
import { MessagePage } from '../app/MessagePage';
import { rememberedName } from '../app/identity';
import { NamePrompt } from './NamePrompt';
import { RoomView } from './RoomView';

const TOKENS_KEY = 'duet.roomTokens';

function storedTokens(): Record<string, string> {
  try {
    return JSON.parse(sessionStorage.getItem(TOKENS_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** The token from the link's fragment (`#token=...`), else the one that last worked in this tab. */
function tokenFor(roomId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return fromHash || (storedTokens()[roomId] ?? null);
}

/** Remember a token that opened the room, so a reload without the fragment keeps working. */
function rememberToken(roomId: string, token: string): void {
  try {
    sessionStorage.setItem(TOKENS_KEY, JSON.stringify({ ...storedTokens(), [roomId]: token }));
  } catch {
    // No storage: the fragment still works.
  }
}

type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; info: RoomInfo };

export function RoomPage({ roomId }: { roomId: string }) {
  const [token] = useState(() => tokenFor(roomId));
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [name, setName] = useState(() => rememberedName());
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    const abort = new AbortController();
    api.room(roomId, token, abort.signal).then(
      (info) => {
        rememberToken(roomId, token);
        setLoad({ kind: 'ready', info });
      },
      (error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        setLoad({
          kind: 'error',
          error: error instanceof ApiError ? error : new ApiError(0, 'unknown', 'Could not open the room. Try again.'),
        });
      },
    );
    return () => abort.abort();
  }, [roomId, token, attempt]);

  if (!token) {
    return (
      <MessagePage
        title="This link is incomplete"
        message="Room links end with #token=… and that part is missing. Copy the whole link again, or ask the person who invited you for a new one."
      />
    );
  }
  if (load.kind === 'loading') return <div className="loading">Opening the room…</div>;
  if (load.kind === 'error') {
    const { error } = load;
    const title =
      error.status === 404
        ? 'Room not found'
        : error.status === 401
          ? 'This link does not work'
          : error.status === 0
            ? 'Cannot reach the server'
            : 'Could not open the room';
    return (
      <MessagePage title={title} message={error.message}>
        {(error.status === 0 || error.status >= 500) && (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setLoad({ kind: 'loading' });
              setAttempt((a) => a + 1);
            }}
          >
            Try again
          </button>
        )}
      </MessagePage>
    );
  }
  if (!name) return <NamePrompt info={load.info} onDone={setName} />;
  return <RoomView info={load.info} token={token} name={name} onRename={setName} />;
}
