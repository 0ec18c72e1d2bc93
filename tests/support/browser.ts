import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../e2e/screenshots');

/** Debian's Chromium driven by playwright-core, with flags that work on a closed network. */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const executablePath = CANDIDATES.find((p) => p && existsSync(p));
  if (!executablePath)
    throw new Error('No Chromium found: run `node tests/e2e/ensure-chromium.mjs` or set CHROMIUM_PATH.');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  // Playwright gives every launch a fresh, temporary profile (the --user-data-dir of the notes).
  return { browser, close: () => browser.close() };
}

/** A fresh context (like a separate person's browser) that forwards page errors to the test output. */
export async function newPerson(browser: Browser, name: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.on('page', (page) => {
    page.on('pageerror', (err) => console.error(`[${name}] page error: ${err.message}`));
  });
  return context;
}
