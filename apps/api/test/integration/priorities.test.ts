import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personnel } from '../../src/db/schema/index.ts';
import {
  createNeighborhood,
  type TestNeighborhood,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/*
 * Neighborhood priorities (#20), done-when 1 and 2: a lieutenant sets a priority in English and
 * Spanish, records an action and marks it achieved with an outcome; the public reads it in Spanish with
 * ?lang=es and in English otherwise. Every write refuses anonymous callers (401), analysts and staff
 * (403) and the lieutenant of another neighborhood (403). Also: suggestions from the linked SARA case,
 * the supervisor's stale list, the monthly report as JSON, CSV and printable HTML, and the feed.
 */

let t: TestApp;
let users: Users;
let area: TestNeighborhood;
let other: TestNeighborhood;
let areaLieutenant: TestUser;
let otherLieutenant: TestUser;

async function signInAs(person: { id: string }): Promise<TestUser> {
  const user = await userWithRoles(t, ['lieutenant']);
  await t.database.db.update(personnel).set({ userId: user.id }).where(eq(personnel.id, person.id));
  return user;
}

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
  area = await createNeighborhood(t, users.admin, { lat: 41.7, lon: -72.8 });
  other = await createNeighborhood(t, users.admin, { lat: 41.75, lon: -72.8 });
  areaLieutenant = await signInAs(area.lieutenant!);
  otherLieutenant = await signInAs(other.lieutenant!);
});
afterAll(async () => {
  await t.close();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

const speeding = {
  title: { en: 'Speeding on Burnside Ave', es: 'Exceso de velocidad en Burnside Ave' },
  description: {
    en: 'Residents asked us to slow traffic near the school at drop-off.',
    es: 'Los vecinos pidieron reducir la velocidad cerca de la escuela a la hora de entrada.',
  },
};

async function setPriority(user: TestUser, neighborhoodId: string, body: Record<string, unknown>) {
  const reply = await t.http
    .post(`/api/v1/neighborhoods/${neighborhoodId}/priorities`)
    .set(bearer(user))
    .send(body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

describe('a priority from set to achieved, in public', () => {
  it('is set in English and Spanish, gets an action and an outcome, and the public reads it in either', async () => {
    const priority = await setPriority(areaLieutenant, area.id, speeding);
    expect(priority).toMatchObject({
      neighborhoodId: area.id,
      status: 'active',
      source: 'staff',
      title: speeding.title,
      outcome: null,
      actions: [],
      lastActionAt: null,
      ageDays: 0,
      stale: false,
    });

    const takenAt = daysAgo(2);
    const acted = await t.http
      .post(`/api/v1/priorities/${priority.id}/actions`)
      .set(bearer(areaLieutenant))
      .send({
        body: { en: 'Speed trailer placed; 14 stops made', es: 'Se colocó un radar móvil; 14 paradas' },
        takenAt,
      });
    expect(acted.status, JSON.stringify(acted.body)).toBe(201);
    expect(acted.body.actions).toHaveLength(1);
    expect(acted.body.lastActionAt).toBe(takenAt);

    const achieved = await t.http
      .patch(`/api/v1/priorities/${priority.id}`)
      .set(bearer(areaLieutenant))
      .set('If-Match', String(acted.headers.etag))
      .send({
        status: 'achieved',
        outcome: {
          en: 'Median speed at drop-off fell from 34 to 24 mph.',
          es: 'La velocidad mediana a la hora de entrada bajó de 34 a 24 mph.',
        },
      });
    expect(achieved.status, JSON.stringify(achieved.body)).toBe(200);
    expect(achieved.body.status).toBe('achieved');
    expect(achieved.body.closedAt).not.toBeNull();

    const inSpanish = await t.http
      .get(`/api/v1/public/neighborhoods/${area.code}/priorities?lang=es`)
      .expect(200);
    expect(inSpanish.headers['content-language']).toBe('es');
    const shownEs = inSpanish.body.items.find((item: { id: string }) => item.id === priority.id);
    expect(shownEs).toMatchObject({
      status: 'achieved',
      title: 'Exceso de velocidad en Burnside Ave',
      outcome: 'La velocidad mediana a la hora de entrada bajó de 34 a 24 mph.',
      actions: [{ text: 'Se colocó un radar móvil; 14 paradas', takenAt }],
    });
    expect(shownEs.closedAt).toBe(achieved.body.closedAt);

    const inEnglish = await t.http
      .get(`/api/v1/public/neighborhoods/${area.code.toLowerCase()}/priorities`)
      .expect(200);
    expect(inEnglish.headers['content-language']).toBe('en');
    expect(inEnglish.body.items.find((item: { id: string }) => item.id === priority.id)).toMatchObject({
      title: 'Speeding on Burnside Ave',
      outcome: 'Median speed at drop-off fell from 34 to 24 mph.',
      actions: [{ text: 'Speed trailer placed; 14 stops made' }],
    });
    // Polish was not written: English stands in.
    const inPolish = await t.http
      .get(`/api/v1/public/neighborhoods/${area.code}/priorities`)
      .set('Accept-Language', 'pl')
      .expect(200);
    expect(inPolish.body.items.find((item: { id: string }) => item.id === priority.id).title).toBe(
      'Speeding on Burnside Ave',
    );
    const byHeader = await t.http
      .get(`/api/v1/public/neighborhoods/${area.code}/priorities`)
      .set('Accept-Language', 'es-US,es;q=0.9,en;q=0.5')
      .expect(200);
    expect(byHeader.body.items.find((item: { id: string }) => item.id === priority.id).title).toBe(
      'Exceso de velocidad en Burnside Ave',
    );

    // The feed announces it was set and achieved.
    const feed = await t.http.get(`/api/v1/public/feed.json?neighborhood=${area.code}&lang=es`).expect(200);
    const ids = feed.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(`priority-set:${priority.id}`);
    expect(ids).toContain(`priority-achieved:${priority.id}`);
    const achievedItem = feed.body.items.find(
      (item: { id: string }) => item.id === `priority-achieved:${priority.id}`,
    );
    expect(achievedItem.content_text).toBe('La velocidad mediana a la hora de entrada bajó de 34 a 24 mph.');
    const xml = await t.http.get(`/api/v1/public/feed.xml?neighborhood=${area.code}`).expect(200);
    expect(xml.text).toContain('Speeding on Burnside Ave');
  });

  it('takes plain text as English, and shows an unknown neighborhood code as 404', async () => {
    const priority = await setPriority(users.supervisor, area.id, {
      title: 'Litter behind the plaza',
      description: 'Dumping behind the plaza on weekends.',
    });
    expect(priority.title).toEqual({ en: 'Litter behind the plaza' });
    const shown = await t.http
      .get(`/api/v1/public/neighborhoods/${area.code}/priorities?lang=es`)
      .expect(200);
    expect(shown.body.items.find((item: { id: string }) => item.id === priority.id).title).toBe(
      'Litter behind the plaza',
    );
    await t.http.get('/api/v1/public/neighborhoods/NOPE999/priorities').expect(404);
    await t.http.get('/api/v1/public/neighborhoods/bad%20code/priorities').expect(400);
  });

  it('keeps closed priorities public for 12 months, active ones first', async () => {
    const retired = await setPriority(areaLieutenant, area.id, {
      ...speeding,
      title: { en: 'Old priority' },
      setAt: daysAgo(500),
    });
    const closed = await t.http
      .patch(`/api/v1/priorities/${retired.id}`)
      .set(bearer(areaLieutenant))
      .send({ status: 'retired', outcome: 'Handed to Public Works.' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    // Closed more than a year ago (written straight into the row: no route back-dates a close).
    const { neighborhoodPriorities } = await import('../../src/db/schema/index.ts');
    await t.database.db
      .update(neighborhoodPriorities)
      .set({ closedAt: new Date(daysAgo(400)) })
      .where(eq(neighborhoodPriorities.id, retired.id));
    await t.app.publicCache.announce('priorities');
    const shown = await t.http.get(`/api/v1/public/neighborhoods/${area.code}/priorities`).expect(200);
    expect(shown.body.items.map((item: { id: string }) => item.id)).not.toContain(retired.id);
    const statuses = shown.body.items.map((item: { status: string }) => item.status);
    expect(
      statuses.indexOf('achieved') === -1 || statuses.lastIndexOf('active') < statuses.indexOf('achieved'),
    ).toBe(true);
  });
});

describe('who may set and work priorities', () => {
  let priorityId: string;
  beforeAll(async () => {
    priorityId = (await setPriority(areaLieutenant, area.id, speeding)).id;
  });

  const writes = () => [
    {
      name: 'set',
      send: (r: TestApp['http']) => r.post(`/api/v1/neighborhoods/${area.id}/priorities`).send(speeding),
    },
    {
      name: 'close',
      send: (r: TestApp['http']) =>
        r.patch(`/api/v1/priorities/${priorityId}`).send({ status: 'achieved', outcome: 'Done.' }),
    },
    {
      name: 'add an action',
      send: (r: TestApp['http']) =>
        r
          .post(`/api/v1/priorities/${priorityId}/actions`)
          .send({ body: 'Patrols added', takenAt: daysAgo(1) }),
    },
  ];

  it('answers 401 to anonymous callers on every write', async () => {
    for (const write of writes()) {
      const reply = await write.send(t.http);
      expect(reply.status, write.name).toBe(401);
      expect(reply.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers 403 to analysts and staff on every write', async () => {
    for (const user of [users.analyst, users.staff])
      for (const write of writes()) {
        const reply = await write.send(t.http).set(bearer(user));
        expect(reply.status, write.name).toBe(403);
      }
  });

  it("answers 403 to another neighborhood's lieutenant on every write, and a lieutenant without a neighborhood", async () => {
    for (const user of [otherLieutenant, users.lieutenant])
      for (const write of writes()) {
        const reply = await write.send(t.http).set(bearer(user));
        expect(reply.status, write.name).toBe(403);
      }
    // Their own neighborhood is fine.
    await setPriority(otherLieutenant, other.id, speeding);
  });

  it('lets analysts read, and keeps the stale list for supervisors and admins', async () => {
    await t.http.get(`/api/v1/neighborhoods/${area.id}/priorities`).set(bearer(users.analyst)).expect(200);
    await t.http.get(`/api/v1/priorities/${priorityId}`).set(bearer(users.analyst)).expect(200);
    await t.http.get('/api/v1/priorities/stale').set(bearer(areaLieutenant)).expect(403);
    await t.http.get('/api/v1/priorities/stale').set(bearer(users.analyst)).expect(403);
    await t.http.get('/api/v1/priorities/stale').expect(401);
  });
});

describe('bad input is a 4xx naming the field', () => {
  let priorityId: string;
  beforeAll(async () => {
    priorityId = (await setPriority(areaLieutenant, area.id, speeding)).id;
  });

  it('refuses a missing English title, an unknown language, and a closing without an outcome', async () => {
    const noEnglish = await t.http
      .post(`/api/v1/neighborhoods/${area.id}/priorities`)
      .set(bearer(areaLieutenant))
      .send({ title: { es: 'Solo español' }, description: 'x' });
    expect(noEnglish.status).toBe(400);
    expect(JSON.stringify(noEnglish.body.errors)).toContain('title');
    const klingon = await t.http
      .post(`/api/v1/neighborhoods/${area.id}/priorities`)
      .set(bearer(areaLieutenant))
      .send({ title: { en: 'x', tlh: 'y' }, description: 'x' });
    expect(klingon.status).toBe(400);
    const noOutcome = await t.http
      .patch(`/api/v1/priorities/${priorityId}`)
      .set(bearer(areaLieutenant))
      .send({ status: 'achieved' });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.errors).toEqual([expect.objectContaining({ path: 'outcome' })]);
  });

  it('refuses a future action, a case or meeting of another neighborhood, unknown ids, stale versions', async () => {
    const future = await t.http
      .post(`/api/v1/priorities/${priorityId}/actions`)
      .set(bearer(areaLieutenant))
      .send({ body: 'Will do', takenAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ path: 'takenAt' })]);
    const otherCase = await t.http
      .post('/api/v1/sara-cases')
      .set(bearer(users.admin))
      .send({ title: 'Elsewhere', neighborhoodId: other.id });
    expect(otherCase.status, JSON.stringify(otherCase.body)).toBe(201);
    const wrongCase = await t.http
      .post(`/api/v1/neighborhoods/${area.id}/priorities`)
      .set(bearer(areaLieutenant))
      .send({ ...speeding, saraCaseId: otherCase.body.id });
    expect(wrongCase.status).toBe(400);
    expect(wrongCase.body.errors).toEqual([expect.objectContaining({ path: 'saraCaseId' })]);
    const otherMeeting = await t.http
      .post('/api/v1/meetings')
      .set(bearer(otherLieutenant))
      .send({
        neighborhoodId: other.id,
        kind: 'community_meeting',
        title: 'Elsewhere',
        startsAt: daysAgo(3),
      });
    expect(otherMeeting.status).toBe(201);
    const wrongMeeting = await t.http
      .post(`/api/v1/neighborhoods/${area.id}/priorities`)
      .set(bearer(areaLieutenant))
      .send({ ...speeding, meetingId: otherMeeting.body.id });
    expect(wrongMeeting.status).toBe(400);
    expect(wrongMeeting.body.errors).toEqual([expect.objectContaining({ path: 'meetingId' })]);
    await t.http
      .post('/api/v1/neighborhoods/00000000-0000-4000-8000-000000000000/priorities')
      .set(bearer(users.admin))
      .send(speeding)
      .expect(404);
    await t.http
      .patch('/api/v1/priorities/00000000-0000-4000-8000-000000000000')
      .set(bearer(users.admin))
      .send({ status: 'retired', outcome: 'x' })
      .expect(404);
    await t.http.get('/api/v1/priorities/not-a-uuid').set(bearer(users.admin)).expect(400);
    await t.http
      .patch(`/api/v1/priorities/${priorityId}`)
      .set(bearer(areaLieutenant))
      .send({ title: 'New title', version: 999 })
      .expect(412);
  });
});

describe('from a meeting and a SARA case', () => {
  it('sets a priority from a problem raised at a meeting and offers its done action items', async () => {
    const meeting = await t.http
      .post('/api/v1/meetings')
      .set(bearer(areaLieutenant))
      .send({
        neighborhoodId: area.id,
        kind: 'community_meeting',
        title: 'Spring meeting',
        startsAt: daysAgo(10),
      });
    expect(meeting.status).toBe(201);
    const problem = await t.http
      .post(`/api/v1/meetings/${meeting.body.id}/problems`)
      .set(bearer(areaLieutenant))
      .send({ description: 'Cars race down Burnside Ave at night' });
    expect(problem.status).toBe(201);
    const item = await t.http
      .post(`/api/v1/meetings/${meeting.body.id}/action-items`)
      .set(bearer(areaLieutenant))
      .send({ title: 'Ask traffic unit for a speed survey' });
    await t.http
      .patch(`/api/v1/action-items/${item.body.id}`)
      .set(bearer(areaLieutenant))
      .send({ status: 'done' })
      .expect(200);
    const priority = await setPriority(areaLieutenant, area.id, {
      ...speeding,
      meetingProblemId: problem.body.id,
    });
    expect(priority).toMatchObject({
      source: 'meeting',
      meetingId: meeting.body.id,
      meetingProblemId: problem.body.id,
    });
    expect(priority.suggestions).toEqual([
      expect.objectContaining({
        kind: 'action_item',
        sourceId: item.body.id,
        body: 'Ask traffic unit for a speed survey',
      }),
    ]);
    const added = await t.http
      .post(`/api/v1/priorities/${priority.id}/actions`)
      .set(bearer(areaLieutenant))
      .send({
        body: 'Traffic unit surveyed speeds',
        takenAt: priority.suggestions[0].takenAt,
        actionItemId: item.body.id,
      });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.suggestions).toEqual([]);
    await t.http
      .post(`/api/v1/priorities/${priority.id}/actions`)
      .set(bearer(areaLieutenant))
      .send({ body: 'again', takenAt: daysAgo(1), actionItemId: item.body.id })
      .expect(409);
    // The public sees the meeting's date, never the problem's words.
    const shown = await t.http.get(`/api/v1/public/neighborhoods/${area.code}/priorities`).expect(200);
    const publicItem = shown.body.items.find((entry: { id: string }) => entry.id === priority.id);
    expect(publicItem.setAtMeeting).toEqual({ id: meeting.body.id, startsAt: meeting.body.startsAt });
    expect(JSON.stringify(shown.body)).not.toContain('Cars race down');
  });

  it("offers the linked SARA case's started and done responses, and nothing is published by itself", async () => {
    const saraCase = await t.http
      .post('/api/v1/sara-cases')
      .set(bearer(areaLieutenant))
      .send({ title: 'Speeding near the school', neighborhoodId: area.id });
    expect(saraCase.status, JSON.stringify(saraCase.body)).toBe(201);
    const response = await t.http
      .post(`/api/v1/sara-cases/${saraCase.body.id}/responses`)
      .set(bearer(areaLieutenant))
      .send({ title: 'Speed trailer at drop-off', partner: 'Public Works' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const responseId = response.body.id;
    const priority = await setPriority(areaLieutenant, area.id, {
      ...speeding,
      saraCaseId: saraCase.body.id,
    });
    expect(priority.source).toBe('sara_case');
    expect(priority.suggestions).toEqual([]); // planned, not yet done
    await t.http
      .patch(`/api/v1/sara-cases/${saraCase.body.id}/responses/${responseId}`)
      .set(bearer(areaLieutenant))
      .send({ status: 'done' })
      .expect(200);
    const listed = await t.http
      .get(`/api/v1/neighborhoods/${area.id}/priorities`)
      .set(bearer(users.analyst))
      .expect(200);
    const withSuggestion = listed.body.items.find((entry: { id: string }) => entry.id === priority.id);
    expect(withSuggestion.suggestions).toEqual([
      expect.objectContaining({
        kind: 'sara_response',
        sourceId: responseId,
        body: 'Speed trailer at drop-off (with Public Works)',
      }),
    ]);
    expect(withSuggestion.actions).toEqual([]);
    const shown = await t.http.get(`/api/v1/public/neighborhoods/${area.code}/priorities`).expect(200);
    expect(shown.body.items.find((entry: { id: string }) => entry.id === priority.id).actions).toEqual([]);
    const clicked = await t.http
      .post(`/api/v1/priorities/${priority.id}/actions`)
      .set(bearer(areaLieutenant))
      .send({
        body: withSuggestion.suggestions[0].body,
        takenAt: withSuggestion.suggestions[0].takenAt,
        saraResponseActionId: responseId,
      });
    expect(clicked.status, JSON.stringify(clicked.body)).toBe(201);
    expect(clicked.body.actions[0].saraResponseActionId).toBe(responseId);
  });
});

describe('staff views: stale list and monthly report', () => {
  it('lists active priorities with no action in 30 days for supervisors', async () => {
    const old = await setPriority(areaLieutenant, area.id, {
      ...speeding,
      title: 'Stale one',
      setAt: daysAgo(45),
    });
    const recent = await setPriority(areaLieutenant, area.id, {
      ...speeding,
      title: 'Acted on',
      setAt: daysAgo(45),
    });
    await t.http
      .post(`/api/v1/priorities/${recent.id}/actions`)
      .set(bearer(areaLieutenant))
      .send({ body: 'Extra patrols', takenAt: daysAgo(3) })
      .expect(201);
    const stale = await t.http.get('/api/v1/priorities/stale').set(bearer(users.supervisor)).expect(200);
    const ids = stale.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(old.id);
    expect(ids).not.toContain(recent.id);
    expect(stale.body.items.find((item: { id: string }) => item.id === old.id)).toMatchObject({
      stale: true,
      ageDays: 45,
      lastActionAt: null,
    });
    const listed = await t.http
      .get(`/api/v1/neighborhoods/${area.id}/priorities?status=active`)
      .set(bearer(areaLieutenant))
      .expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === recent.id)).toMatchObject({
      stale: false,
      ageDays: 45,
    });
  });

  it('reports per neighborhood the priorities set, actions taken and achieved, as JSON, CSV and HTML', async () => {
    const priority = await setPriority(areaLieutenant, area.id, {
      title: { en: 'Report: "lights", out' },
      description: 'Streetlights out on the block.',
    });
    await t.http
      .post(`/api/v1/priorities/${priority.id}/actions`)
      .set(bearer(areaLieutenant))
      .send({ body: '=Public Works fixed 6 lights', takenAt: new Date().toISOString() })
      .expect(201);
    await t.http
      .patch(`/api/v1/priorities/${priority.id}`)
      .set(bearer(areaLieutenant))
      .send({ status: 'achieved', outcome: 'All lights on <b>again</b>.' })
      .expect(200);
    const json = await t.http
      .get(`/api/v1/priorities/report?neighborhoodId=${area.id}`)
      .set(bearer(users.analyst))
      .expect(200);
    const own = json.body.neighborhoods.find(
      (entry: { neighborhoodId: string }) => entry.neighborhoodId === area.id,
    );
    expect(own.set.map((entry: { id: string }) => entry.id)).toContain(priority.id);
    expect(own.actions.map((entry: { body: string }) => entry.body)).toContain(
      '=Public Works fixed 6 lights',
    );
    expect(own.achieved).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: priority.id, outcome: 'All lights on <b>again</b>.' }),
      ]),
    );

    const csv = await t.http.get('/api/v1/priorities/report.csv').set(bearer(users.supervisor)).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('neighborhood_code,neighborhood,kind,date,priority,text');
    expect(lines).toContainEqual(expect.stringContaining(`${area.code},${area.name},set,`));
    // Quotes doubled, a formula defused.
    expect(csv.text).toContain('"Report: ""lights"", out",\'=Public Works fixed 6 lights');
    expect(
      lines.some((line) => line.includes(',achieved,') && line.includes('All lights on <b>again</b>.')),
    ).toBe(true);

    const html = await t.http
      .get(`/api/v1/priorities/report.html?month=${json.body.month}`)
      .set(bearer(areaLieutenant))
      .expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain(`<h2>${area.name} (${area.code})</h2>`);
    expect(html.text).toContain('All lights on &#60;b&#62;again&#60;/b&#62;.');
    expect(html.text).not.toContain('<b>again');
    expect(html.text).not.toContain('<script');

    const empty = await t.http
      .get('/api/v1/priorities/report?month=2001-02')
      .set(bearer(users.admin))
      .expect(200);
    expect(empty.body.neighborhoods.every((entry: { set: unknown[] }) => entry.set.length === 0)).toBe(true);
    const bad = await t.http.get('/api/v1/priorities/report.csv?month=2026-13').set(bearer(users.admin));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'month' })]);
    await t.http.get('/api/v1/priorities/report.csv').expect(401);
  });
});

describe('"you said, we did" on the next meeting', () => {
  it("opens a meeting with the neighborhood's priorities and the actions since the previous meeting", async () => {
    const place = await createNeighborhood(t, users.admin, { lat: 41.8, lon: -72.8 });
    const plan = async (startsAt: string) => {
      const reply = await t.http
        .post('/api/v1/meetings')
        .set(bearer(users.supervisor))
        .send({
          neighborhoodId: place.id,
          kind: 'community_meeting',
          title: { en: 'Community meeting', es: 'Reunión comunitaria' },
          startsAt,
        });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      return reply.body;
    };
    const earlier = await plan(daysAgo(40));
    const last = await plan(daysAgo(20));
    const next = await plan(new Date(Date.now() + 7 * 86_400_000).toISOString());
    const priority = await setPriority(users.supervisor, place.id, {
      ...speeding,
      meetingId: earlier.id,
      setAt: daysAgo(39),
    });
    const act = (body: string, takenAt: string) =>
      t.http
        .post(`/api/v1/priorities/${priority.id}/actions`)
        .set(bearer(users.supervisor))
        .send({ body, takenAt })
        .expect(201);
    await act('Before the last meeting', daysAgo(30));
    await act('Speed trailer placed; 14 stops made', daysAgo(10));
    const done = await setPriority(users.supervisor, place.id, {
      title: 'Achieved in between',
      description: 'x',
      setAt: daysAgo(35),
    });
    await t.http
      .patch(`/api/v1/priorities/${done.id}`)
      .set(bearer(users.supervisor))
      .send({ status: 'achieved', outcome: 'Fixed.' })
      .expect(200);
    const longClosed = await setPriority(users.supervisor, place.id, {
      title: 'Closed before the last meeting',
      description: 'x',
      setAt: daysAgo(38),
    });
    await t.http
      .patch(`/api/v1/priorities/${longClosed.id}`)
      .set(bearer(users.supervisor))
      .send({ status: 'retired', outcome: 'Handed over.' })
      .expect(200);
    const { neighborhoodPriorities } = await import('../../src/db/schema/index.ts');
    await t.database.db
      .update(neighborhoodPriorities)
      .set({ closedAt: new Date(daysAgo(25)) })
      .where(eq(neighborhoodPriorities.id, longClosed.id));

    const shown = await t.http.get(`/api/v1/meetings/${next.id}`).set(bearer(users.analyst)).expect(200);
    expect(shown.body.prioritiesReport.since).toBe(last.startsAt);
    const items = shown.body.prioritiesReport.items;
    expect(items.map((item: { priorityId: string }) => item.priorityId)).toEqual([priority.id, done.id]);
    expect(items[0]).toMatchObject({
      status: 'active',
      title: speeding.title,
      actions: [{ body: { en: 'Speed trailer placed; 14 stops made' } }],
    });
    expect(items[1]).toMatchObject({ status: 'achieved', outcome: { en: 'Fixed.' } });

    // The first meeting comes before anything was set; the middle one reports what happened before it.
    const first = await t.http.get(`/api/v1/meetings/${earlier.id}`).set(bearer(users.analyst)).expect(200);
    expect(first.body.prioritiesReport).toEqual({ since: null, items: [] });
    const middle = await t.http.get(`/api/v1/meetings/${last.id}`).set(bearer(users.analyst)).expect(200);
    expect(middle.body.prioritiesReport.since).toBe(earlier.startsAt);
    const middleItem = middle.body.prioritiesReport.items.find(
      (item: { priorityId: string }) => item.priorityId === priority.id,
    );
    expect(middleItem.actions.map((action: { body: { en: string } }) => action.body.en)).toEqual([
      'Before the last meeting',
    ]);
  });
});
