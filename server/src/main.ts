import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { startApp } from './app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log);
  log.info(`Duet is listening on ${app.url}`, {
    data: config.dataDir,
    client: config.clientDir ?? 'not served',
  });
  // For tests and scripts that start the server with PORT=0.
  if (process.send) process.send({ type: 'listening', port: app.port, url: app.url });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    app.close().then(
      () => {
        log.info('shut down cleanly; every update is on disk');
        process.exit(0);
      },
      (error: unknown) => {
        log.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Duet failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write('Another program uses that port: set PORT to a free one, e.g. PORT=3001.\n');
  }
  process.exit(1);
});
