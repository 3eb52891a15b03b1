import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DemoCredential } from './environment.ts';
import { adminDist, apiDir } from './paths.ts';

export interface RunningApi {
  baseUrl: string;
  demoUsers: DemoCredential[];
  stop(): Promise<void>;
}

interface StartOptions {
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
  /** Where the API's output goes (kept with the test results for when a journey fails). */
  logFile: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts the real API exactly as `npm run start:api` does (node + tsx on src/server.ts), on a free
 * port, against the given database, with the demo data and the built admin app. Resolves once
 * /readyz answers; the demo data is loaded before the server listens, so it is there by then.
 */
export async function startApi({
  databaseUrl,
  adminEmail,
  adminPassword,
  logFile,
}: StartOptions): Promise<RunningApi> {
  if (!existsSync(path.join(adminDist, 'index.html'))) {
    throw new Error(`The admin app is not built (${adminDist}); run \`npx vite build\` in apps/admin first.`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nsp-e2e-'));
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NSP_DATA_DIR: dataDir,
      NSP_DEMO_DATA: 'true',
      NSP_ADMIN_EMAIL: adminEmail,
      NSP_ADMIN_PASSWORD: adminPassword,
      NSP_ADMIN_DIST: adminDist,
      // Every journey signs in from the same address; the production limit would lock them out.
      NSP_LOGIN_RATE_LIMIT: '10000',
      LOG_LEVEL: process.env.NSP_E2E_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;

  async function stop() {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    }
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + 180_000;
  while (true) {
    if (exited) {
      await stop();
      const output = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`The API exited during start (${JSON.stringify(exited)}). Its last output:\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The API did not become ready within 3 minutes; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const credentialsFile = path.join(dataDir, 'demo-credentials.json');
  const demoUsers: DemoCredential[] = existsSync(credentialsFile)
    ? JSON.parse(readFileSync(credentialsFile, 'utf8'))
    : [];
  return { baseUrl, demoUsers, stop };
}
