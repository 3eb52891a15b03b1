import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';
import {
  createApiClient,
  createNeighborhood,
  createServiceType,
  newRequest,
  unique,
  type Users,
  usersByRole,
} from './service-requests-factories.ts';

/*
 * Issue #9, defect 3: note text went into the search text whatever its visibility, so an API client
 * could confirm a name or phone number typed into an internal note by searching for it. Decision:
 * staff search everything; analysts and integrations search the description, the address and public
 * updates only, and analysts see that an internal note exists but not its text.
 */
let t: TestApp;
let users: Users;
let clientKey: string;
let serviceCode: string;

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
  await createNeighborhood(t, users.admin, { lat: 41.75, lon: -72.5 });
  serviceCode = (await createServiceType(t, users.admin)).code;
  clientKey = await createApiClient(t, users.admin, ['requests:read']);
});
afterAll(async () => {
  await t.close();
});

async function found(headers: Record<string, string>, q: string, id: string): Promise<boolean> {
  const reply = await t.http.get('/api/v1/service-requests').query({ q }).set(headers).expect(200);
  return (reply.body.items as Array<{ id: string }>).some((item) => item.id === id);
}

describe('searching requests', () => {
  it('reaches internal notes for staff only, never for an integration or an analyst', async () => {
    const secretName = `Zebulon${unique()}`;
    const publicWord = `Lamppost${unique()}`;
    const request = await newRequest(t, users.staff, {
      serviceCode,
      lat: 41.75,
      lon: -72.5,
      description: `broken light ${unique()}`,
    });
    await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: `Caller ${secretName}, 860-555-0199, asked to stay anonymous`, visibility: 'internal' })
      .expect(201);
    await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: `${publicWord} repaired by public works`, visibility: 'public' })
      .expect(201);

    const integration = { 'x-api-key': clientKey };
    expect(await found(bearer(users.staff), secretName, request.id)).toBe(true);
    expect(await found(bearer(users.staff), '860-555-0199', request.id)).toBe(true);
    expect(await found(integration, secretName, request.id)).toBe(false);
    expect(await found(integration, '860-555-0199', request.id)).toBe(false);
    expect(await found(bearer(users.analyst), secretName, request.id)).toBe(false);

    // What they may read, they may search.
    expect(await found(integration, publicWord, request.id)).toBe(true);
    expect(await found(bearer(users.analyst), publicWord, request.id)).toBe(true);
  });

  it('keeps an edited description searchable without letting internal notes into the public text', async () => {
    const secretName = `Quillon${unique()}`;
    const newWord = `Hydrant${unique()}`;
    const request = await newRequest(t, users.staff, {
      serviceCode,
      lat: 41.75,
      lon: -72.5,
      description: `leak ${unique()}`,
    });
    await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: `Neighbour ${secretName} called`, visibility: 'internal' })
      .expect(201);
    await t.http
      .patch(`/api/v1/service-requests/${request.id}`)
      .set(bearer(users.staff))
      .send({ description: `${newWord} leaking onto the sidewalk` })
      .expect(200);
    const integration = { 'x-api-key': clientKey };
    expect(await found(integration, newWord, request.id)).toBe(true);
    expect(await found(integration, secretName, request.id)).toBe(false);
    expect(await found(bearer(users.staff), secretName, request.id)).toBe(true);
  });

  it('shows analysts that an internal note exists, but not its text', async () => {
    const request = await newRequest(t, users.staff, {
      serviceCode,
      lat: 41.75,
      lon: -72.5,
      description: `graffiti ${unique()}`,
    });
    await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: 'Caller Yolanda Pryce lives at number 12', visibility: 'internal' })
      .expect(201);
    const asAnalyst = await t.http
      .get(`/api/v1/service-requests/${request.id}`)
      .set(bearer(users.analyst))
      .expect(200);
    const note = (
      asAnalyst.body.timeline as Array<{ kind: string; visibility: string; body: string | null }>
    ).find((event) => event.kind === 'note');
    expect(note).toMatchObject({ visibility: 'internal', body: null });
    expect(JSON.stringify(asAnalyst.body)).not.toContain('Yolanda');
    const asStaff = await t.http
      .get(`/api/v1/service-requests/${request.id}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(JSON.stringify(asStaff.body)).toContain('Yolanda Pryce');
  });
});
