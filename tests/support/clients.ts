import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import type { DocName } from '@duet/shared';

/** A real y-websocket client in Node, as a browser tab would open it. */
export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  /** Resolves once the first sync with the server is done. */
  synced: Promise<void>;
  destroy(): void;
}

export function connectClient(
  wsUrl: string,
  roomId: string,
  doc: DocName,
  token: string,
  options: { doc?: Y.Doc; user?: { name: string; color: string; role?: string } } = {},
): YClient {
  const ydoc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, `${roomId}/${doc}`, ydoc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  if (options.user) provider.awareness.setLocalStateField('user', options.user);
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc: ydoc,
    provider,
    text: ydoc.getText('code'),
    synced,
    destroy() {
      provider.destroy();
      ydoc.destroy();
    },
  };
}

/** Poll until `check` returns true (or throw with `what` after `timeoutMs`). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
