import { writeFileSync } from 'node:fs';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { createLogger } from '../src/lib/logger.ts';

// Writes the generated OpenAPI document without a running database: the pg pool connects lazily
// and building the document queries nothing.
const output = process.argv[2] ?? 'openapi.json';
const config = {
  ...loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'x'.repeat(32),
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
  }),
  runJobs: false,
};
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: '' });
const app = await buildApp({ config, database, logger: createLogger('silent') });
await app.ready();
writeFileSync(output, JSON.stringify(app.swagger(), null, 2));
await app.close();
await database.close();
console.log(`OpenAPI document written to ${output}`);
