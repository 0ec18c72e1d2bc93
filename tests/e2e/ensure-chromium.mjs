// Makes sure a Chromium for the end-to-end tests exists. Playwright's own browser download cannot
// work here (only the npm registry and Debian's packages are reachable), so the tests drive
// Debian's Chromium. As root with apt-get, it is installed; otherwise we say how to get it.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export function findChromium() {
  return CANDIDATES.find((p) => p && existsSync(p)) ?? null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let found = findChromium();
  if (!found) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    let hasApt = false;
    try {
      execSync('command -v apt-get', { stdio: 'ignore' });
      hasApt = true;
    } catch {
      hasApt = false;
    }
    if (isRoot && hasApt) {
      console.log('Installing Debian Chromium for the end-to-end tests (apt-get install chromium)…');
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null', {
        stdio: 'inherit',
        shell: '/bin/bash',
      });
      found = findChromium();
    }
  }
  if (!found) {
    console.error(
      'The end-to-end tests need Chromium and none was found.\n' +
        'Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or point CHROMIUM_PATH at a Chrome/Chromium binary.',
    );
    process.exit(1);
  }
  console.log(`Chromium for e2e tests: ${found}`);
}
