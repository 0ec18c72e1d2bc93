import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where `pnpm dev` runs the API server; Vite proxies /api and /yjs there. */
const apiPort = Number(process.env.API_PORT ?? 3000);

export default defineConfig({
  root: path.join(here, 'client'),
  plugins: [react()],
  resolve: {
    // y-monaco imports monaco-editor/esm/vs/..., which monaco 0.56+'s exports map does not resolve.
    alias: [
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' },
      // Monaco's CSS files are not in its exports map; client/src/editor/monaco.ts imports them by path.
      { find: /^monaco-editor-css\/(.*)$/, replacement: path.join(here, 'client/node_modules/monaco-editor/esm/vs/$1') },
    ],
  },
  build: {
    outDir: path.join(here, 'client/dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
  },
  worker: { format: 'es' },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    proxy: {
      // changeOrigin false: the API builds room links from the Host header, which must stay Vite's.
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
      '/yjs': { target: `ws://127.0.0.1:${apiPort}`, ws: true, changeOrigin: false },
    },
  },
  test: {
    root: here,
    // One test file at a time: several tests start their own servers and assert deadlines
    // (a verdict within deadline + 100 ms); on 2 cores parallel files would measure each other.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: here,
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'client/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          root: here,
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: here,
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
