import { ConfigError, loadConfig } from './config.ts';

// The only file that listens. Everything else is built by buildApp() so tests use the same app.
// The configuration is checked before the application's modules load, so a wrong variable is
// reported at once rather than after seconds of loading the database driver, image and S3 code.
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`NSP cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const [{ buildApp }, { openDatabase }, { createLogger }, { prepareDatabase }, { isDatabaseUnavailable }] =
    await Promise.all([
      import('./app.ts'),
      import('./db/client.ts'),
      import('./lib/logger.ts'),
      import('./startup.ts'),
      import('./lib/database-availability.ts'),
    ]);
  const log = createLogger(config.logLevel);
  // pg-boss 10 completes or fails a job without awaiting the call (manager.js onFetch), so a
  // database that is briefly unreachable (a cut, or every connection busy past the wait under load)
  // turned into an unhandled rejection that ended the process: seen in the 200/s soak. The job stays
  // active until it expires and is retried. Any other unhandled rejection still ends the process.
  process.on('unhandledRejection', (reason) => {
    if (isDatabaseUnavailable(reason)) {
      log.error({ err: reason }, 'a background database call failed while the database was unavailable');
      return;
    }
    throw reason;
  });
  log.info(
    {
      database: config.databaseUrl ? 'postgres' : `embedded (${config.dataDir})`,
      reporting: config.databaseReplicaUrl ? 'replica' : 'primary',
    },
    'opening database',
  );
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    replicaUrl: config.databaseReplicaUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    onBackgroundError: (error) => log.warn({ err: error }, 'database connection error'),
  });
  const { demoCredentials } = await prepareDatabase(config, database, log);
  const app = await buildApp({ config, database, logger: log });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const forceExit = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await database.close();
    } finally {
      clearTimeout(forceExit);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  if (demoCredentials.length > 0) {
    const lines = demoCredentials.map((c) => `  ${c.role.padEnd(11)} ${c.email.padEnd(32)} ${c.password}`);
    process.stdout.write(
      `\nNSP is running at ${url}  (API docs: ${url}/docs)\nDemo users (role, e-mail, password):\n${lines.join('\n')}\n\n`,
    );
  } else {
    process.stdout.write(`\nNSP is running at ${url}\n\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`NSP failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
