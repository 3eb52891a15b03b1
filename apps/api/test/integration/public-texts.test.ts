import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicTexts } from '../../src/db/schema/index.ts';
import { eventually } from '../support/eventually.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

// Translations as data, and the plumbing every public route shares: language negotiation,
// Content-Language, ETag/304, localized problems, the per-address limit, and two API instances on one
// database agreeing on the texts.
let database: TestDatabase;
let first: TestApp;
let second: TestApp;
let admin: TestUser;
let staff: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  first = await startTestApp({ testDatabase: database });
  second = await startTestApp({ testDatabase: database });
  admin = await userWithRoles(first, ['admin']);
  staff = await userWithRoles(first, ['supervisor', 'staff', 'lieutenant', 'analyst']);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.drop();
});

const textsPath = '/api/v1/public/texts';

describe('the language of public replies', () => {
  it('answers in the language of ?lang=, and says so in Content-Language', async () => {
    const reply = await first.http.get(textsPath).query({ lang: 'es' }).expect(200);
    expect(reply.headers['content-language']).toBe('es');
    expect(reply.headers.vary).toMatch(/Accept-Language/i);
    expect(reply.body.language).toBe('es');
    expect(reply.body.texts['page.track.heading']).toBe('Seguir mi solicitud');
    expect(reply.body.languages.map((language: { code: string }) => language.code)).toEqual([
      'en',
      'es',
      'pt',
      'pl',
    ]);
  });

  it('follows Accept-Language with quality values, and falls back to English', async () => {
    const polish = await first.http.get(textsPath).set('Accept-Language', 'pl;q=0.9, en;q=0.5').expect(200);
    expect(polish.headers['content-language']).toBe('pl');
    expect(polish.body.texts['status.in_progress']).toBe('W realizacji');

    const portuguese = await first.http.get(textsPath).query({ lang: 'pt-BR' }).expect(200);
    expect(portuguese.headers['content-language']).toBe('pt');

    const french = await first.http.get(textsPath).set('Accept-Language', 'fr-FR, de;q=0.8').expect(200);
    expect(french.headers['content-language']).toBe('en');
    expect(french.body.texts['status.in_progress']).toBe('In progress');
  });

  it('refuses a malformed language with a problem naming the field, in the language it can tell', async () => {
    const reply = await first.http
      .get(textsPath)
      .query({ lang: 'x!' })
      .set('Accept-Language', 'es')
      .expect(400);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.headers['content-language']).toBe('es');
    expect(reply.body.title).toBe('La solicitud no es válida');
    expect(reply.body.detail).toBe('Revise estos campos: lang.');
    expect(reply.body.errors).toEqual([expect.objectContaining({ path: 'lang', in: 'querystring' })]);
  });

  it('answers an unknown public path with a localized 404 problem', async () => {
    const reply = await first.http.get('/api/v1/public/nothing-here').query({ lang: 'pl' }).expect(404);
    expect(reply.headers['content-language']).toBe('pl');
    expect(reply.body).toMatchObject({ status: 404, title: 'Nie znaleziono' });
  });
});

describe('public caching', () => {
  it('carries a strong ETag and Cache-Control, and answers 304 to a matching If-None-Match', async () => {
    const reply = await first.http.get(textsPath).query({ lang: 'pt' }).expect(200);
    expect(reply.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(reply.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    const again = await first.http
      .get(textsPath)
      .query({ lang: 'pt' })
      .set('If-None-Match', reply.headers.etag!)
      .expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(reply.headers.etag);
    expect(again.headers['content-language']).toBe('pt');
    // Another language is other bytes, with another tag.
    const english = await first.http.get(textsPath).set('If-None-Match', reply.headers.etag!).expect(200);
    expect(english.headers.etag).not.toBe(reply.headers.etag);
  });
});

describe('editing the texts', () => {
  it('changes the wording on every instance, and the ETag with it', async () => {
    const before = await second.http.get(textsPath).query({ lang: 'es' }).expect(200);
    const catalog = await first.http.get('/api/v1/public-texts').set(bearer(admin)).expect(200);
    const entry = catalog.body.items.find((item: { key: string }) => item.key === 'page.find.heading');
    expect(entry.texts.es).toMatchObject({ text: '¿Quién es mi teniente?', edited: false });

    const updated = await first.http
      .put('/api/v1/public-texts/page.find.heading/es')
      .set(bearer(admin))
      .set('If-Match', `W/"${entry.texts.es.version}"`)
      .send({ text: '¿Quién es el teniente de mi barrio?' })
      .expect(200);
    expect(updated.body).toMatchObject({ text: '¿Quién es el teniente de mi barrio?', edited: true });

    // The instance that made the change answers with it at once…
    const local = await first.http.get(textsPath).query({ lang: 'es' }).expect(200);
    expect(local.body.texts['page.find.heading']).toBe('¿Quién es el teniente de mi barrio?');
    // …and the other one as soon as the database's notification arrives.
    const remote = await eventually(
      async () => {
        const reply = await second.http
          .get(textsPath)
          .query({ lang: 'es' })
          .set('If-None-Match', before.headers.etag!);
        return reply.status === 200 && reply.body.texts['page.find.heading'] !== '¿Quién es mi teniente?'
          ? reply
          : null;
      },
      3000,
      'the second instance to see the new wording',
    );
    expect(remote.body.texts['page.find.heading']).toBe('¿Quién es el teniente de mi barrio?');
    expect(remote.headers.etag).not.toBe(before.headers.etag);

    // A stale version is refused.
    await first.http
      .put('/api/v1/public-texts/page.find.heading/es')
      .set(bearer(admin))
      .send({ text: 'Otra', version: entry.texts.es.version })
      .expect(412);
  });

  it('keeps an edited text when the shipped catalog is seeded again (a restart)', async () => {
    await first.app.publicTexts.seed();
    const reply = await first.http.get(textsPath).query({ lang: 'es' }).expect(200);
    expect(reply.body.texts['page.find.heading']).toBe('¿Quién es el teniente de mi barrio?');
  });

  it('drops the cached texts when a script changes the table directly (the trigger announces it)', async () => {
    await first.http.get(textsPath).query({ lang: 'pl' }).expect(200);
    await first.database.db
      .update(publicTexts)
      .set({ text: 'Śledź zgłoszenie' })
      .where(and(eq(publicTexts.key, 'page.track.heading'), eq(publicTexts.language, 'pl')));
    await eventually(
      async () =>
        (await first.http.get(textsPath).query({ lang: 'pl' })).body.texts['page.track.heading'] ===
        'Śledź zgłoszenie',
      3000,
      'the direct change to be seen',
    );
  });

  it('refuses a placeholder the text never fills in, naming the field', async () => {
    const reply = await first.http
      .put('/api/v1/public-texts/problem.request-not-found.detail/pt')
      .set(bearer(admin))
      .send({ text: 'Nenhum pedido {numero}.' })
      .expect(422);
    expect(reply.body.errors).toEqual([expect.objectContaining({ path: 'text' })]);
    await first.http
      .put('/api/v1/public-texts/problem.request-not-found.detail/pt')
      .set(bearer(admin))
      .send({ text: 'O pedido {trackingNumber} não existe.' })
      .expect(200);
  });

  it('refuses unknown keys and languages, bad input, other roles and anonymous callers', async () => {
    await first.http
      .put('/api/v1/public-texts/no.such.key/es')
      .set(bearer(admin))
      .send({ text: 'x' })
      .expect(404);
    await first.http
      .put('/api/v1/public-texts/status.new/xx')
      .set(bearer(admin))
      .send({ text: 'x' })
      .expect(404);
    const bad = await first.http
      .put('/api/v1/public-texts/status.new/es')
      .set(bearer(admin))
      .send({ text: '   ' })
      .expect(400);
    expect(bad.body.errors[0].path).toBe('text');
    const badKey = await first.http
      .put('/api/v1/public-texts/Not%20A%20Key/es')
      .set(bearer(admin))
      .send({ text: 'x' })
      .expect(400);
    expect(badKey.body.errors[0].path).toBe('key');
    await first.http.get('/api/v1/public-texts').set(bearer(staff)).expect(403);
    await first.http.get('/api/v1/public-texts').expect(401);
    await first.http.put('/api/v1/public-texts/status.new/es').send({ text: 'x' }).expect(401);
    await first.http.post('/api/v1/public-languages').set(bearer(staff)).send({}).expect(403);
    await first.http.patch('/api/v1/public-languages/es').send({ enabled: false }).expect(401);
  });
});

describe('a fifth language, added as data', () => {
  it('is offered once enabled, with its own texts and English where it has none', async () => {
    const created = await first.http
      .post('/api/v1/public-languages')
      .set(bearer(admin))
      .send({ code: 'fr', name: 'Français', englishName: 'French' })
      .expect(201);
    expect(created.body).toMatchObject({ code: 'fr', enabled: false });
    // Not offered while disabled.
    expect(
      (await first.http.get(textsPath).query({ lang: 'fr' }).expect(200)).headers['content-language'],
    ).toBe('en');

    await first.http
      .put('/api/v1/public-texts/page.track.heading/fr')
      .set(bearer(admin))
      .send({ text: 'Suivre ma demande' })
      .expect(200);
    await first.http
      .patch('/api/v1/public-languages/fr')
      .set(bearer(admin))
      .send({ enabled: true, version: created.body.version })
      .expect(200);

    const reply = await first.http.get(textsPath).set('Accept-Language', 'fr-CA, en;q=0.4').expect(200);
    expect(reply.headers['content-language']).toBe('fr');
    expect(reply.body.texts['page.track.heading']).toBe('Suivre ma demande');
    expect(reply.body.texts['page.find.submit']).toBe('Find');
    expect(reply.body.languages).toContainEqual({ code: 'fr', name: 'Français' });

    await first.http
      .post('/api/v1/public-languages')
      .set(bearer(admin))
      .send({ code: 'fr', name: 'Français', englishName: 'French' })
      .expect(409);
    const badCode = await first.http
      .post('/api/v1/public-languages')
      .set(bearer(admin))
      .send({ code: 'French', name: 'Français', englishName: 'French' })
      .expect(400);
    expect(badCode.body.errors[0].path).toBe('code');
  });

  it('never switches English off', async () => {
    await first.http
      .patch('/api/v1/public-languages/en')
      .set(bearer(admin))
      .send({ enabled: false })
      .expect(409);
  });
});

describe('the per-address limit', () => {
  it('answers 429 with Retry-After and a localized problem once the budget is spent', async () => {
    const limited = await startTestApp({ testDatabase: database, config: { publicRateLimit: 3 } });
    try {
      for (let i = 0; i < 3; i++) await limited.http.get(textsPath).expect(200);
      const refused = await limited.http.get(textsPath).query({ lang: 'es' }).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['content-language']).toBe('es');
      expect(refused.body).toMatchObject({ status: 429, title: 'Demasiadas solicitudes' });
      expect(refused.body.detail).toContain(refused.headers['retry-after']);
      // Staff routes are not part of the public budget.
      await limited.http.get('/healthz').expect(200);
    } finally {
      await limited.close();
    }
  });
});
