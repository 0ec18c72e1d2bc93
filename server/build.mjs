// Bundles the server (and later the runner's worker) with esbuild. Dependencies stay external and
// are loaded from node_modules; only @duet/shared, which is TypeScript source, is bundled in.
import * as esbuild from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {}).filter((name) => !name.startsWith('@duet/'));

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: here,
  entryPoints: {
    main: 'src/main.ts',
    'checkpoint-worker': 'src/store/checkpoint-worker.ts',
    'runner-worker': 'src/runner/worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  banner: { js: "import { createRequire as __duetRequire } from 'node:module'; const require = __duetRequire(import.meta.url);" },
  logLevel: 'warning',
};

rmSync(path.join(here, 'dist'), { recursive: true, force: true });
if (process.argv.includes('--watch')) {
  const ctx = await esbuild.context({ ...options, logLevel: 'info' });
  await ctx.watch();
} else {
  await esbuild.build(options);
}
