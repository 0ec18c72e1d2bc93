import { afterAll, beforeAll } from 'vitest';
import { startServer, type ServerOptions, type TestServer } from './server.js';
import { connectClient, type YClient } from './clients.js';

/** One integration file's real server and the y-websocket clients its tests open. */
export interface ServerEnv {
  /** Set before the first test; a test that restarts the server assigns the new one here. */
  server: TestServer;
  /** A real y-websocket client, destroyed after the file (or by `destroyClients`). */
  client: (...args: Parameters<typeof connectClient>) => YClient;
  /** Destroy every client opened so far (e.g. before a restart). */
  destroyClients: () => void;
  /** Something else to close after the file, before the server stops. */
  atEnd: (close: () => void) => void;
}

/** Registers the hooks: the server starts before the file's tests and stops, with its data removed, after. */
export function useServerEnv(options: ServerOptions = {}): ServerEnv {
  const clients: YClient[] = [];
  const closers: (() => void)[] = [];
  const env: ServerEnv = {
    server: undefined as unknown as TestServer,
    client: (...args) => {
      const c = connectClient(...args);
      clients.push(c);
      return c;
    },
    destroyClients: () => {
      for (const c of clients.splice(0)) c.destroy();
    },
    atEnd: (close) => closers.push(close),
  };
  beforeAll(async () => {
    env.server = await startServer(options);
  });
  afterAll(async () => {
    for (const close of closers.splice(0)) close();
    env.destroyClients();
    await env.server?.stop();
    env.server?.cleanup();
  });
  return env;
}
