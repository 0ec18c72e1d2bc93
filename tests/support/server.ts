import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_ENTRY = path.join(repo, 'server/dist/main.js');

export interface ServerOptions {
  /** Reuse a data folder (restart); a fresh temp folder by default. */
  dataDir?: string;
  /** 0 (default) picks a free port; pass the old port to restart in place. */
  port?: number;
  env?: Record<string, string>;
  /** Serve the built client (e2e); off by default. */
  serveClient?: boolean;
}

/** The real server (server/dist/main.js, built by `pnpm build:server`) in a child process. */
export interface TestServer {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown code runs at all. */
  kill9(): Promise<void>;
  /** Remove the data folder (after stop). */
  cleanup(): void;
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'duet-test-'));
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  let output = '';
  const proc = fork(SERVER_ENTRY, [], {
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_SERVER_LOG_LEVEL ?? 'warn',
      ...(options.serveClient ? {} : { CLIENT_DIR: 'none' }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => {
    output += d.toString();
    if (process.env.TEST_SERVER_ECHO) process.stderr.write(d);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${output}`)), 20_000);
    proc.on('message', (msg: { type?: string; port?: number }) => {
      if (msg.type === 'listening' && msg.port) {
        clearTimeout(timer);
        resolve(msg.port);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/yjs`,
    port,
    dataDir,
    proc,
    output: () => output,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      proc.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), 15_000)));
      const outcome = await Promise.race([exited, hung]);
      clearTimeout(timer);
      if (outcome === 'hung') {
        proc.kill('SIGKILL');
        throw new Error(`the server did not shut down within 15 s of SIGTERM; its output:\n${output}`);
      }
      return outcome;
    },
    async kill9() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
    cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
