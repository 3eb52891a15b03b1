import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Role } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { buildApp } from '../../src/app.ts';
import { type AppConfig, loadConfig } from '../../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { systemActor } from '../../src/modules/audit/audit-log.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: AppConfig;
  http: ReturnType<typeof supertest>;
  /** Every log line the app wrote, as raw JSON text (for privacy assertions). */
  logLines: string[];
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
      LOG_LEVEL: 'info',
    }),
    demoData: false,
    runJobs: false,
    // Tests log in many times from one address; the rate limit has its own test.
    loginRateLimit: 10_000,
    // Never the working folder's ./.data: a throw-away folder per app (the attachment tests pass their own).
    attachmentStorage: {
      kind: 'local',
      directory: path.join(tmpdir(), `nsp-test-attachments-${randomBytes(6).toString('hex')}`),
    },
    ...overrides,
  };
}

/** An app on its own fresh PostgreSQL database (or on a given handle), listening on a random port. */
export async function startTestApp(
  options: { database?: DatabaseHandle; testDatabase?: TestDatabase; config?: Partial<AppConfig> } = {},
): Promise<TestApp> {
  const testDatabase = options.database ? undefined : (options.testDatabase ?? (await createTestDatabase()));
  const database =
    options.database ?? (await openDatabase({ databaseUrl: testDatabase!.url, dataDir: '', poolSize: 20 }));
  const config = testConfig({ databaseUrl: testDatabase?.url, ...options.config });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(chunk.toString());
      callback();
    },
  });
  const app = await buildApp({ config, database, logger: createLogger(config.logLevel, sink) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    database,
    config,
    http: supertest(app.server),
    logLines,
    async close() {
      await app.close();
      if (!options.database) await database.close();
      if (testDatabase && !options.testDatabase) await testDatabase.drop();
    },
  };
}

export const uniqueEmail = (prefix = 'user') =>
  `${prefix}-${randomBytes(4).toString('hex')}@test.example.org`;
export const strongPassword = () => `Tq-${randomBytes(9).toString('base64url')}-zv`;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

/** Creates a user with the given roles and logs in through the API. */
export async function userWithRoles(testApp: TestApp, roles: Role[]): Promise<TestUser> {
  const email = uniqueEmail(roles.join('-'));
  const password = strongPassword();
  const user = await createUser(
    { db: testApp.database.db, actor: systemActor },
    { email, name: `Test ${roles.join(' ')}`, password, roles },
  );
  const response = await testApp.http.post('/api/v1/auth/login').send({ email, password }).expect(200);
  return {
    id: user.id,
    email,
    password,
    token: response.body.accessToken,
    refreshToken: response.body.refreshToken,
  };
}

export const bearer = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });
