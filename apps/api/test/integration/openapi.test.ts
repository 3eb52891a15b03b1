import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes every route of the API', async () => {
    const reply = await t.http.get('/openapi.json').expect(200);
    const document = reply.body;
    expect(document.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    )) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    // Every route Fastify knows, in OpenAPI's {param} spelling; the docs UI, the document itself and
    // Open311's catch-all (a 404 in the specification's format for unknown paths) are the only ones
    // left out on purpose.
    const expected = t.app.registeredRoutes
      .map((route) => route.replace(/:([A-Za-z0-9_]+)/g, '{$1}'))
      .filter(
        (route) =>
          !route.includes(' /docs') &&
          !route.endsWith(' /openapi.json') &&
          !route.startsWith('HEAD ') &&
          !route.endsWith(' /open311/v2/*'),
      );
    expect(expected.length).toBeGreaterThan(10);
    const missing = expected.filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
    // Open311 is a documented tag, and each of its endpoints is there in both formats.
    expect(document.tags.map((tag: { name: string }) => tag.name)).toContain('open311');
    for (const path of ['/open311/v2/services/{service_code}.xml', '/open311/v2/requests.json']) {
      expect(documented).toContain(`GET ${path}`);
    }
    expect(documented).toContain('POST /open311/v2/requests.xml');
    expect(document.paths['/open311/v2/requests.xml'].post.tags).toEqual(['open311']);
  });

  it('serves the browsable documentation at /docs', async () => {
    const reply = await t.http.get('/docs/').redirects(2);
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/swagger/i);
  });
});
