import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';

/*
 * Issue #18: production runs the API compiled to JavaScript (npm run build → dist/server.js), not the
 * TypeScript sources. This builds it, starts it as `npm start` and the image do (plain node, no tsx),
 * on PostgreSQL with the demo data, and talks to it over HTTP only: the compiled server finds its
 * migrations, loads the demo data and answers the main routes as the sources do.
 */
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'nsp-compiled-'));
let database: TestDatabase;
let server: ChildProcess;
let output = '';
let base: string;
let staffToken: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const json = (token?: string) => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: apiDir, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  database = await createTestDatabase();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['dist/server.js'], {
    cwd: apiDir,
    // Only what a deployment sets: no NODE_OPTIONS (vitest's loaders) reach the compiled server.
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      NSP_DATA_DIR: dataDir,
      NSP_DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the compiled server exited: ${output}`);
    const ready = await fetch(`${base}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the compiled server did not become ready: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const credentials = JSON.parse(readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as Array<{
    role: string;
    email: string;
    password: string;
  }>;
  const staff = credentials.find((credential) => credential.role === 'staff')!;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: json(),
    body: JSON.stringify({ email: staff.email, password: staff.password }),
  });
  expect(login.status).toBe(200);
  staffToken = ((await login.json()) as { accessToken: string }).accessToken;
}, 180_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled API (dist/server.js)', () => {
  it('runs as plain JavaScript and answers health and readiness', async () => {
    expect(server.spawnargs).toEqual([process.execPath, 'dist/server.js']);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ database: 'postgres' });
  });

  it('refuses the queue to anonymous callers and bad input with problem+json', async () => {
    const anonymous = await fetch(`${base}/api/v1/service-requests`);
    expect(anonymous.status).toBe(401);
    const bad = await fetch(`${base}/api/v1/service-requests?limit=lots`, { headers: json(staffToken) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await bad.json())).toContain('limit');
  });

  it('serves the queue with counts, the neighborhoods (ETag) and the categories of the demo data', async () => {
    const queue = await fetch(
      `${base}/api/v1/service-requests?status=new,triaged,assigned,in_progress&limit=5`,
      {
        headers: json(staffToken),
      },
    );
    expect(queue.status).toBe(200);
    const page = (await queue.json()) as { items: Array<{ id: string }>; counts: Record<string, number> };
    expect(page.items).toHaveLength(5);
    expect((page.counts.new ?? 0) + (page.counts.assigned ?? 0)).toBeGreaterThan(0);

    const neighborhoods = await fetch(`${base}/api/v1/neighborhoods`, { headers: json(staffToken) });
    expect(neighborhoods.status).toBe(200);
    expect(((await neighborhoods.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const etag = neighborhoods.headers.get('etag')!;
    const again = await fetch(`${base}/api/v1/neighborhoods`, {
      headers: { ...json(staffToken), 'if-none-match': etag },
    });
    expect(again.status).toBe(304);

    const types = await fetch(`${base}/api/v1/service-types`, { headers: json(staffToken) });
    expect(types.status).toBe(200);
    expect(((await types.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('creates a request that the public lookup and Open311 then show, without personal data', async () => {
    const types = (await (
      await fetch(`${base}/api/v1/service-types`, { headers: json(staffToken) })
    ).json()) as {
      items: Array<{ code: string; attributes: Array<{ required: boolean }> }>;
    };
    const category = types.items.find((type) => type.attributes.every((attribute) => !attribute.required))!;
    const queue = (await (
      await fetch(`${base}/api/v1/service-requests?limit=1&sort=-createdAt`, { headers: json(staffToken) })
    ).json()) as { items: Array<{ lat: number; lon: number }> };
    const { lat, lon } = queue.items[0]!;

    const created = await fetch(`${base}/api/v1/service-requests`, {
      method: 'POST',
      headers: json(staffToken),
      body: JSON.stringify({
        serviceCode: category.code,
        description: 'Shopping carts left on the sidewalk (compiled server check)',
        lat,
        lon,
        channel: 'phone',
        requester: { name: 'Compiled Caller', phone: '860-555-0123' },
      }),
    });
    expect(created.status).toBe(201);
    const request = (await created.json()) as { id: string; trackingNumber: string };

    const detail = await fetch(`${base}/api/v1/service-requests/${request.id}`, {
      headers: json(staffToken),
    });
    expect(detail.status).toBe(200);
    expect(((await detail.json()) as { requester: { name: string } }).requester.name).toBe('Compiled Caller');

    const lookup = await fetch(`${base}/api/v1/public/requests/${request.trackingNumber}`);
    expect(lookup.status).toBe(200);
    const publicText = await lookup.text();
    expect(publicText).toContain(request.trackingNumber);
    expect(publicText).not.toContain('Compiled Caller');
    expect(publicText).not.toContain('555-0123');

    const services = await fetch(`${base}/open311/v2/services.json`);
    expect(services.status).toBe(200);
    expect((await services.json()) as unknown[]).toContainEqual(
      expect.objectContaining({ service_code: category.code }),
    );
    const open311 = await fetch(`${base}/open311/v2/requests/${request.trackingNumber}.json`);
    expect(open311.status).toBe(200);
    const open311Text = await open311.text();
    expect(open311Text).toContain(request.trackingNumber);
    expect(open311Text).not.toContain('Compiled Caller');
  });
});
