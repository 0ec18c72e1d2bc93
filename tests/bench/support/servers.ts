import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinToCpu } from './proc.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface BenchServer {
  name: string;
  proc: ChildProcess;
  httpUrl: string;
  wsBase: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function waitExit(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
}

/** Our server (server/dist/main.js) with persistence on, in a temp DATA_DIR. */
export async function startDuet(env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duet-bench-'));
  const proc = fork(path.join(repo, 'server/dist/main.js'), [], {
    // e.g. BENCH_SERVER_EXEC_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server.
    execArgv: process.env.BENCH_SERVER_EXEC_ARGV?.split(' ').filter(Boolean) ?? [],
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: 'none', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  pinToCpu(proc.pid!, 0);
  const port = await new Promise<number>((resolve, reject) => {
    proc.on('message', (m: { type?: string; port?: number }) => m.type === 'listening' && resolve(m.port!));
    proc.once('exit', (code) => reject(new Error(`duet exited with ${code}`)));
  });
  return {
    name: 'duet (SQLite on)',
    proc,
    httpUrl: `http://127.0.0.1:${port}`,
    wsBase: `ws://127.0.0.1:${port}/yjs`,
    async stop() {
      proc.kill('SIGTERM');
      await waitExit(proc);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The reference: @y/websocket-server 0.1.1's own server.js, in memory. */
export async function startReference(): Promise<BenchServer> {
  const require = createRequire(path.join(repo, 'tests/package.json'));
  const pkgDir = path.dirname(require.resolve('@y/websocket-server/package.json'));
  const port = await freePort();
  const proc = fork(path.join(pkgDir, 'src/server.js'), [], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  pinToCpu(proc.pid!, 0);
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => d.toString().includes('running') && resolve());
    proc.once('exit', (code) => reject(new Error(`reference exited with ${code}`)));
  });
  return {
    name: '@y/websocket-server 0.1.1 (memory)',
    proc,
    httpUrl: `http://127.0.0.1:${port}`,
    wsBase: `ws://127.0.0.1:${port}/yjs`,
    async stop() {
      proc.kill('SIGTERM');
      await waitExit(proc);
    },
  };
}
