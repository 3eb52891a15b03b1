import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const tileUrl = 'https://tiles.example.org/{z}/{x}/{y}.png';
const attribution = '© OpenStreetMap contributors';

/** The variables as an operator sets them, read the way server.ts reads them. */
function mapSettingsFrom(env: NodeJS.ProcessEnv) {
  const { mapTileUrl, mapTileAttribution } = loadConfig({
    NSP_DATA_DIR: '/tmp/nsp-client-config-test',
    ...env,
  });
  return { mapTileUrl, mapTileAttribution };
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    mapSettingsFrom(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

// Both apps share one database: the route reads no data, only the configuration.
let database: TestDatabase;
let withoutTiles: TestApp;
let withTiles: TestApp;
beforeAll(async () => {
  database = await createTestDatabase();
  withoutTiles = await startTestApp({ testDatabase: database, config: mapSettingsFrom({}) });
  withTiles = await startTestApp({
    testDatabase: database,
    config: mapSettingsFrom({ NSP_MAP_TILE_URL: tileUrl, NSP_MAP_TILE_ATTRIBUTION: attribution }),
  });
});
afterAll(async () => {
  await withoutTiles?.close();
  await withTiles?.close();
  await database?.drop();
});

describe('GET /api/v1/client-config', () => {
  it('answers without credentials, with no tile server when none is configured', async () => {
    const response = await withoutTiles.http.get('/api/v1/client-config').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ map: { tileUrl: null, attribution: null } });
  });

  it('hands the configured tile URL template and its attribution to the browser', async () => {
    const response = await withTiles.http.get('/api/v1/client-config').expect(200);
    expect(response.body).toEqual({ map: { tileUrl, attribution } });
    // Browsers may keep it a little while; it changes only when the API restarts.
    expect(response.headers['cache-control']).toBe('public, max-age=300');
  });

  it('ignores credentials: a bad token does not turn the public settings into a 401', async () => {
    const response = await withTiles.http
      .get('/api/v1/client-config')
      .set('Authorization', 'Bearer not-a-token')
      .expect(200);
    expect(response.body.map.tileUrl).toBe(tileUrl);
  });

  it('is described in the OpenAPI document as a public route', async () => {
    const document = (await withoutTiles.http.get('/openapi.json').expect(200)).body;
    const operation = document.paths['/api/v1/client-config'].get;
    expect(operation.tags).toEqual(['client-config']);
    expect(operation.security).toBeUndefined();
    expect(document.tags.map((tag: { name: string }) => tag.name)).toContain('client-config');
  });
});

describe('NSP_MAP_TILE_URL and NSP_MAP_TILE_ATTRIBUTION', () => {
  it('are optional, and an empty value counts as unset', () => {
    expect(mapSettingsFrom({})).toEqual({ mapTileUrl: undefined, mapTileAttribution: undefined });
    expect(mapSettingsFrom({ NSP_MAP_TILE_URL: '', NSP_MAP_TILE_ATTRIBUTION: '' })).toEqual({
      mapTileUrl: undefined,
      mapTileAttribution: undefined,
    });
  });

  it('accept the usual template forms, with subdomains and retina suffix', () => {
    for (const template of [
      tileUrl,
      'https://{s}.tile.example.org/{z}/{x}/{y}{r}.png?key=browser-key',
      'http://tiles.town.internal:8080/osm/{z}/{x}/{y}.png',
    ]) {
      expect(mapSettingsFrom({ NSP_MAP_TILE_URL: template }).mapTileUrl).toBe(template);
    }
  });

  it('stop the start with a message naming the variable when the template is unusable', () => {
    for (const template of [
      'tiles.example.org/{z}/{x}/{y}.png',
      'ftp://tiles.example.org/{z}/{x}/{y}.png',
      'javascript:alert(1)//{z}/{x}/{y}',
      'https://tiles.example.org/{z}/{x}.png',
      `https://tiles.example.org/${'a'.repeat(2048)}/{z}/{x}/{y}.png`,
    ]) {
      const problems = problemsOf({ NSP_MAP_TILE_URL: template });
      expect(problems, template).toHaveLength(1);
      expect(problems[0], template).toMatch(/^NSP_MAP_TILE_URL: /);
    }
    expect(problemsOf({ NSP_MAP_TILE_ATTRIBUTION: 'x'.repeat(501) })).toEqual([
      'NSP_MAP_TILE_ATTRIBUTION: must be at most 500 characters',
    ]);
  });
});
