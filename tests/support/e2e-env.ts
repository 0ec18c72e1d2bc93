import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { startServer, type TestServer } from './server.js';
import { launchBrowser, SCREENSHOT_DIR } from './browser.js';

/** The real server serving the built client, and a headless Chromium, for one e2e file. */
export interface E2eEnv {
  server: TestServer;
  browser: Browser;
}

/** Registers the hooks; read `env.server` / `env.browser` inside tests (a test may replace the server). */
export function useE2eEnv(): E2eEnv {
  const env = {} as E2eEnv;
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    env.server = await startServer({ serveClient: true });
    const launched = await launchBrowser();
    env.browser = launched.browser;
    closeBrowser = launched.close;
  });
  afterAll(async () => {
    await closeBrowser?.();
    await env.server?.stop();
    env.server?.cleanup();
  });
  return env;
}
