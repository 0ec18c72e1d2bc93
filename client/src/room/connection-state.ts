import { useEffect, useState } from 'react';
import { CLOSE_TEXT, type CloseReason } from '@duet/shared';
import type { DocConnection } from './session';

/** What the status pill says. */
export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting' }
  | { kind: 'offline' }
  | { kind: 'closed'; message: string };

/** After this long without the server we say "offline" rather than "reconnecting". */
const OFFLINE_AFTER_MS = 8000;

/** The worst state among the room's connections, re-evaluated on every provider event. */
export function useConnectionState(connections: DocConnection[]): ConnectionState {
  const [state, setState] = useState<ConnectionState>({ kind: 'connecting' });
  useEffect(() => {
    let everLive = false;
    let downSince: number | null = null;
    let closed: string | null = null;
    const evaluate = () => {
      const allLive = connections.every((c) => c.provider.wsconnected && c.provider.synced);
      if (closed) return setState({ kind: 'closed', message: closed });
      if (allLive) {
        everLive = true;
        downSince = null;
        return setState({ kind: 'live' });
      }
      downSince ??= Date.now();
      if (!everLive) return setState({ kind: 'connecting' });
      if (!navigator.onLine || Date.now() - downSince > OFFLINE_AFTER_MS) return setState({ kind: 'offline' });
      setState({ kind: 'reconnecting' });
    };
    const onClosed = ({ reason }: { code: number; reason: string }) => {
      closed = CLOSE_TEXT[reason as CloseReason] ?? 'The server closed the connection. Reload the page.';
      evaluate();
    };
    for (const c of connections) {
      c.provider.on('status', evaluate);
      c.provider.on('sync', evaluate);
      c.provider.on('closed', onClosed);
    }
    window.addEventListener('online', evaluate);
    window.addEventListener('offline', evaluate);
    const timer = setInterval(evaluate, 1000);
    evaluate();
    return () => {
      for (const c of connections) {
        c.provider.off('status', evaluate);
        c.provider.off('sync', evaluate);
        c.provider.off('closed', onClosed);
      }
      window.removeEventListener('online', evaluate);
      window.removeEventListener('offline', evaluate);
      clearInterval(timer);
    };
  }, [connections]);
  return state;
}

export const CONNECTION_TEXT: Record<ConnectionState['kind'], string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting… your edits are kept',
  offline: 'Offline — your edits are kept and will sync when you are back',
  closed: 'Disconnected',
};
