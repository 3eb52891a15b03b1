import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({ NSP_DATA_DIR: '/tmp/nsp-config-test' });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      demoData: true,
      timeZone: 'America/New_York',
      logLevel: 'info',
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', JWT_SECRET: 'x'.repeat(32) }).demoData,
    ).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ NSP_DATABASE_REPLICA_URL: 'postgres://replica/db' }, 'NSP_DATABASE_REPLICA_URL'],
    [
      { DATABASE_URL: 'postgres://primary/db', NSP_DATABASE_REPLICA_URL: 'mysql://replica/db' },
      'NSP_DATABASE_REPLICA_URL',
    ],
    [{ NSP_DEMO_DATA: 'maybe' }, 'NSP_DEMO_DATA'],
    [{ NSP_TIMEZONE: 'Mars/Olympus_Mons' }, 'NSP_TIMEZONE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NSP_ADMIN_EMAIL: 'not-an-email', NSP_ADMIN_PASSWORD: 'long-enough-password' }, 'NSP_ADMIN_EMAIL'],
    [{ NSP_ADMIN_EMAIL: 'a@b.co' }, 'NSP_ADMIN_PASSWORD'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(31) }, 'JWT_SECRET'],
    [{ NSP_SMTP_URL: 'http://mail.town.gov' }, 'NSP_SMTP_URL'],
    [{ NSP_SMTP_URL: 'smtp://' }, 'NSP_SMTP_URL'],
    [{ NSP_MAIL_FROM: 'not an address' }, 'NSP_MAIL_FROM'],
    [{ NSP_MAIL_FROM: 'NSP <a@b.co>\nBcc: x@y.z' }, 'NSP_MAIL_FROM'],
    [{ NSP_PUBLIC_BASE_URL: 'nsp.town.gov' }, 'NSP_PUBLIC_BASE_URL'],
    [{ NSP_REDIS_URL: 'http://127.0.0.1:6379' }, 'NSP_REDIS_URL'],
    [{ NSP_API_CLIENT_RATE_LIMIT: '0' }, 'NSP_API_CLIENT_RATE_LIMIT'],
    [{ NSP_OPEN311_JURISDICTION: 'east hartford' }, 'NSP_OPEN311_JURISDICTION'],
    [{ NSP_PUBLIC_BASE_URL: 'https://nsp.town.gov/?x=1' }, 'NSP_PUBLIC_BASE_URL'],
    [{ NSP_ATTACHMENT_MAX_BYTES: '10MB' }, 'NSP_ATTACHMENT_MAX_BYTES'],
    [{ NSP_S3_BUCKET: 'Not_A_Bucket' }, 'NSP_S3_BUCKET'],
    [{ NSP_S3_ENDPOINT: 'http://127.0.0.1:9000' }, 'NSP_S3_BUCKET'],
    [{ NSP_S3_BUCKET: 'nsp-files', NSP_S3_ACCESS_KEY_ID: 'AKIA' }, 'NSP_S3_SECRET_ACCESS_KEY'],
    [{ NSP_S3_BUCKET: 'nsp-files', NSP_S3_ENDPOINT: 'ftp://files' }, 'NSP_S3_ENDPOINT'],
  ])('refuses %j naming %s', (env, variable) => {
    const problems = problemsOf({ NSP_DATA_DIR: '/tmp/nsp-config-test', ...env });
    expect(problems.join('\n')).toContain(variable);
  });

  it('sends mail to the folder by default and builds links from HOST and PORT unless told otherwise', () => {
    const defaults = loadConfig({ NSP_DATA_DIR: '/tmp/nsp-config-test', HOST: '0.0.0.0', PORT: '8080' });
    expect(defaults).toMatchObject({
      smtpUrl: undefined,
      mailFrom: 'Neighborhood Service Platform <nsp@localhost>',
      publicBaseUrl: 'http://0.0.0.0:8080',
    });
    const set = loadConfig({
      NSP_DATA_DIR: '/tmp/nsp-config-test',
      NSP_SMTP_URL: 'smtps://user:p%40ss@mail.town.gov:465',
      NSP_MAIL_FROM: 'East Hartford PD <no-reply@town.gov>',
      NSP_PUBLIC_BASE_URL: 'https://nsp.town.gov/',
    });
    expect(set).toMatchObject({
      smtpUrl: 'smtps://user:p%40ss@mail.town.gov:465',
      mailFrom: 'East Hartford PD <no-reply@town.gov>',
      publicBaseUrl: 'https://nsp.town.gov',
    });
  });

  it('stores attachments in the data folder unless an S3 bucket is named', () => {
    expect(loadConfig({ NSP_DATA_DIR: '/tmp/nsp-config-test' })).toMatchObject({
      attachmentStorage: { kind: 'local', directory: '/tmp/nsp-config-test/attachments' },
      attachmentMaxBytes: 10 * 1024 * 1024,
    });
    expect(
      loadConfig({
        NSP_DATA_DIR: '/tmp/nsp-config-test',
        NSP_S3_BUCKET: 'nsp-files',
        NSP_S3_ENDPOINT: 'http://127.0.0.1:9000',
        NSP_S3_ACCESS_KEY_ID: 'key',
        NSP_S3_SECRET_ACCESS_KEY: 'secret',
        NSP_ATTACHMENT_MAX_BYTES: '2048',
      }),
    ).toMatchObject({
      attachmentStorage: {
        kind: 's3',
        bucket: 'nsp-files',
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9000',
        credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
        forcePathStyle: true,
      },
      attachmentMaxBytes: 2048,
    });
  });

  it('accepts production with a 32-byte JWT_SECRET', () => {
    expect(
      problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://x@h/db' }),
    ).toEqual([]);
  });

  it('stops the server process with a message that names the variable', () => {
    for (const [env, variable] of [
      [{ PORT: 'eighty' }, 'PORT'],
      [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    ] as const) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: apiRoot,
        env: { PATH: process.env.PATH, NSP_DATA_DIR: '/tmp/nsp-config-test', ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(variable);
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    }
  });
});
