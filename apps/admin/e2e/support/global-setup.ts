import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startApi } from './api-server.ts';
import { createE2eDatabase, dropAbandonedE2eDatabases } from './database.ts';
import type { DemoCredential } from './environment.ts';
import { chromiumPath, resultsDir, screenshotDir } from './paths.ts';

/**
 * One API for the whole run: a fresh database, the demo data, a known administrator. Journeys that
 * change data make their own (a new request, a reassignment) so they do not depend on each other.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium was not found at ${chromiumPath} (apt-get install chromium, or set NSP_E2E_CHROMIUM).`,
    );
  }
  mkdirSync(screenshotDir, { recursive: true });

  // While developing a journey: run against an API started by hand (with its demo data loaded),
  // e.g. NSP_E2E_BASE_URL=http://127.0.0.1:3200 NSP_E2E_DEMO_CREDENTIALS=.data/demo-credentials.json
  const external = process.env.NSP_E2E_BASE_URL;
  if (external) {
    const demoUsers: DemoCredential[] = JSON.parse(
      readFileSync(process.env.NSP_E2E_DEMO_CREDENTIALS ?? '', 'utf8'),
    );
    const demoAdmin = demoUsers.find((user) => user.role === 'admin');
    if (!demoAdmin) throw new Error('NSP_E2E_DEMO_CREDENTIALS lists no admin');
    project.provide('nsp', {
      baseUrl: external.replace(/\/$/, ''),
      admin: demoAdmin,
      demoUsers,
      screenshotDir,
    });
    return;
  }

  await dropAbandonedE2eDatabases();
  const database = await createE2eDatabase();
  const admin = { email: 'e2e-admin@example.org', password: `${randomBytes(12).toString('base64url')}-E2e` };
  let api: Awaited<ReturnType<typeof startApi>>;
  try {
    api = await startApi({
      databaseUrl: database.url,
      adminEmail: admin.email,
      adminPassword: admin.password,
      logFile: path.join(resultsDir, 'e2e-api.log'),
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  project.provide('nsp', { baseUrl: api.baseUrl, admin, demoUsers: api.demoUsers, screenshotDir });

  return async () => {
    await api.stop();
    await database.drop();
  };
}
