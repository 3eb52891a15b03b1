import { expect } from 'vitest';
import { bearer, type TestApp, type TestUser } from '../test-app.ts';
import { unique } from './unique.ts';

/** An API client created through the API with the given scopes; returns its key. */
export async function createApiClient(t: TestApp, admin: TestUser, scopes: string[]): Promise<string> {
  const reply = await t.http
    .post('/api/v1/api-clients')
    .set(bearer(admin))
    .send({ name: `Client ${unique()}`, scopes });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.key as string;
}
