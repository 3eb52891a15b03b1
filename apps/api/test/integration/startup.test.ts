import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { testConfig } from '../support/test-app.ts';

/*
 * Issue #9, bug 10: `DATABASE_URL=… JWT_SECRET=… NSP_DEMO_DATA=true npm run start:api` loaded the
 * demo data, then crashed writing demo-credentials.json into a data folder nobody had created.
 */
const parent = mkdtempSync(path.join(tmpdir(), 'nsp-startup-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('a start on PostgreSQL with the demo data', () => {
  it('creates the data folder for the demo credentials, and a second start prints the same ones', async () => {
    const testDatabase = await createTestDatabase();
    const dataDir = path.join(parent, 'not-yet', 'created');
    const config = testConfig({ databaseUrl: testDatabase.url, dataDir, demoData: true });
    const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir });
    const log = createLogger('silent');
    try {
      const first = await prepareDatabase(config, database, log);
      expect(existsSync(path.join(dataDir, 'demo-credentials.json'))).toBe(true);
      expect(first.demoCredentials.map((credential) => credential.role).sort()).toEqual([
        'admin',
        'analyst',
        'lieutenant',
        'staff',
        'supervisor',
      ]);
      const second = await prepareDatabase(config, database, log);
      expect(second.demoCredentials).toEqual(first.demoCredentials);
    } finally {
      await database.close();
      await testDatabase.drop();
    }
  }, 120_000);
});
