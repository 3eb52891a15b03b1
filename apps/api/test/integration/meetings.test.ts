import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personnel } from '../../src/db/schema/index.ts';
import { queueOverdueActionItemNotices } from '../../src/modules/meetings/overdue-notices.ts';
import { extendMeetingSchedules } from '../../src/modules/meetings/schedules.ts';
import {
  createNeighborhood,
  createPerson,
  insertServiceRequest,
  insertServiceType,
  type TestNeighborhood,
  unique,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/*
 * Community meetings (#11): planning, holding and cancelling; rescheduling history; action items carried
 * forward to the next meeting of the neighborhood; problems raised; recurring plans; who may do what;
 * the public JSON and iCalendar feed (parsed by ical.js) without personal data or internal notes.
 */

let t: TestApp;
let users: Users;
let area: TestNeighborhood;
let other: TestNeighborhood;
/** The coordination lieutenant of `area`, signed in. */
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

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

async function plan(user: TestUser, body: Record<string, unknown>) {
  const reply = await t.http
    .post('/api/v1/meetings')
    .set(bearer(user))
    .send({ neighborhoodId: area.id, kind: 'community_meeting', title: `Meeting ${unique()}`, ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

describe('planning, holding, cancelling', () => {
  it('plans with at least neighborhood, kind, title and start; the host defaults to the lieutenant', async () => {
    const meeting = await plan(areaLieutenant, { startsAt: days(7) });
    expect(meeting).toMatchObject({
      status: 'planned',
      lieutenant: { id: area.lieutenant!.id },
      timeZone: 'America/New_York',
      carriedForward: [],
    });
    expect(new Date(meeting.endsAt).getTime() - new Date(meeting.startsAt).getTime()).toBe(90 * 60_000);
  });

  it("refuses a lieutenant another neighborhood's meeting, and analysts any change", async () => {
    const refused = await t.http
      .post('/api/v1/meetings')
      .set(bearer(otherLieutenant))
      .send({ neighborhoodId: area.id, kind: 'community_meeting', title: 'Not mine', startsAt: days(3) });
    expect(refused.status).toBe(403);
    const meeting = await plan(areaLieutenant, { startsAt: days(3) });
    await t.http
      .patch(`/api/v1/meetings/${meeting.id}`)
      .set(bearer(otherLieutenant))
      .send({ minutes: 'x' })
      .expect(403);
    await t.http
      .patch(`/api/v1/meetings/${meeting.id}`)
      .set(bearer(users.analyst))
      .send({ minutes: 'x' })
      .expect(403);
    await t.http.get(`/api/v1/meetings/${meeting.id}`).set(bearer(users.analyst)).expect(200);
    await t.http
      .post(`/api/v1/meetings/${meeting.id}/action-items`)
      .set(bearer(users.analyst))
      .send({ title: 'x' })
      .expect(403);
  });

  it('lets staff record minutes and attendance but not change the plan', async () => {
    const meeting = await plan(areaLieutenant, { startsAt: days(-1) });
    const replan = await t.http
      .patch(`/api/v1/meetings/${meeting.id}`)
      .set(bearer(users.staff))
      .send({ startsAt: days(2) });
    expect(replan.status).toBe(403);
    const held = await t.http.patch(`/api/v1/meetings/${meeting.id}`).set(bearer(users.staff)).send({
      status: 'held',
      attendanceCount: 23,
      residentCount: 19,
      minutes: 'Speeding on Main discussed.',
    });
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect(held.body).toMatchObject({ status: 'held', attendanceCount: 23, residentCount: 19 });
  });

  it('needs attendance to hold, a reason to cancel, and a start in the past to hold', async () => {
    const past = await plan(areaLieutenant, { startsAt: days(-2) });
    const noCount = await t.http
      .patch(`/api/v1/meetings/${past.id}`)
      .set(bearer(areaLieutenant))
      .send({ status: 'held' });
    expect(noCount.status).toBe(400);
    expect(noCount.body.errors[0].path).toBe('attendanceCount');
    const future = await plan(areaLieutenant, { startsAt: days(5) });
    await t.http
      .patch(`/api/v1/meetings/${future.id}`)
      .set(bearer(areaLieutenant))
      .send({ status: 'held', attendanceCount: 3 })
      .expect(409);
    const noReason = await t.http
      .patch(`/api/v1/meetings/${future.id}`)
      .set(bearer(areaLieutenant))
      .send({ status: 'cancelled' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('cancelReason');
    const cancelled = await t.http
      .patch(`/api/v1/meetings/${future.id}`)
      .set(bearer(areaLieutenant))
      .send({ status: 'cancelled', cancelReason: 'Snow emergency' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Snow emergency' });
  });

  it('keeps the history when a meeting is rescheduled', async () => {
    const meeting = await plan(areaLieutenant, { startsAt: '2027-02-09T23:30:00.000Z' });
    const moved = await t.http
      .patch(`/api/v1/meetings/${meeting.id}`)
      .set(bearer(areaLieutenant))
      .set('if-match', `W/"${meeting.version}"`)
      .send({ startsAt: '2027-02-16T23:30:00.000Z', rescheduleReason: 'Library closed' })
      .expect(200);
    expect(moved.body.startsAt).toBe('2027-02-16T23:30:00.000Z');
    expect(moved.body.endsAt).toBe('2027-02-17T01:00:00.000Z');
    expect(moved.body.reschedules).toEqual([
      expect.objectContaining({
        previousStartsAt: '2027-02-09T23:30:00.000Z',
        startsAt: '2027-02-16T23:30:00.000Z',
        reason: 'Library closed',
      }),
    ]);
    // A stale version is refused.
    await t.http
      .patch(`/api/v1/meetings/${meeting.id}`)
      .set(bearer(areaLieutenant))
      .set('if-match', `W/"${meeting.version}"`)
      .send({ locationName: 'Library' })
      .expect(412);
  });
});

describe('action items carried forward', () => {
  it('shows earlier open items on the next meeting with their progress; closing there closes everywhere', async () => {
    const owner = await createPerson(t, users.admin, { kind: 'nro', title: 'NRO' });
    const first = await plan(areaLieutenant, { startsAt: days(-30) });
    const item = await t.http
      .post(`/api/v1/meetings/${first.id}/action-items`)
      .set(bearer(users.staff))
      .send({
        title: 'Ask Public Works about the Burnside Ave streetlight',
        ownerId: owner.id,
        dueDate: days(-3).slice(0, 10),
      })
      .expect(201);
    expect(item.body).toMatchObject({ status: 'open', overdue: true, owner: { id: owner.id } });
    await t.http
      .patch(`/api/v1/action-items/${item.body.id}`)
      .set(bearer(users.staff))
      .send({ progressNote: 'Work order filed with Public Works' })
      .expect(200);

    // The lieutenant's overview: overdue items of their neighborhood.
    const overdue = await t.http
      .get('/api/v1/action-items')
      .query({ neighborhoodId: 'mine', overdue: 'true' })
      .set(bearer(areaLieutenant))
      .expect(200);
    expect(overdue.body.items.map((entry: { id: string }) => entry.id)).toContain(item.body.id);

    const next = await plan(areaLieutenant, { startsAt: days(-1) });
    const shown = await t.http.get(`/api/v1/meetings/${next.id}`).set(bearer(users.analyst)).expect(200);
    const carried = shown.body.carriedForward.find((entry: { id: string }) => entry.id === item.body.id);
    expect(carried).toMatchObject({
      meetingId: first.id,
      status: 'open',
      notes: [expect.objectContaining({ body: 'Work order filed with Public Works', meetingId: null })],
    });

    // Another neighborhood's meeting does not carry it.
    const elsewhere = await t.http
      .post('/api/v1/meetings')
      .set(bearer(otherLieutenant))
      .send({ neighborhoodId: other.id, kind: 'community_meeting', title: 'Elsewhere', startsAt: days(-1) })
      .expect(201);
    expect(elsewhere.body.carriedForward.map((entry: { id: string }) => entry.id)).not.toContain(
      item.body.id,
    );

    const closed = await t.http
      .patch(`/api/v1/action-items/${item.body.id}`)
      .set(bearer(users.staff))
      .send({ status: 'done', progressNote: 'Light repaired', reportedAtMeetingId: next.id })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'done', overdue: false, closedBy: { id: users.staff.id } });
    expect(closed.body.closedAt).toEqual(expect.any(String));

    const firstAgain = await t.http.get(`/api/v1/meetings/${first.id}`).set(bearer(users.staff)).expect(200);
    expect(firstAgain.body.actionItems[0]).toMatchObject({ id: item.body.id, status: 'done' });
    const nextAgain = await t.http.get(`/api/v1/meetings/${next.id}`).set(bearer(users.staff)).expect(200);
    expect(
      nextAgain.body.carriedForward.find((entry: { id: string }) => entry.id === item.body.id),
    ).toMatchObject({
      status: 'done',
      notes: [expect.anything(), expect.objectContaining({ body: 'Light repaired', meetingId: next.id })],
    });
    const later = await plan(areaLieutenant, { startsAt: days(40) });
    expect(later.carriedForward.map((entry: { id: string }) => entry.id)).not.toContain(item.body.id);
    const stillOverdue = await t.http
      .get('/api/v1/action-items')
      .query({ neighborhoodId: 'mine', overdue: 'true' })
      .set(bearer(areaLieutenant))
      .expect(200);
    expect(stillOverdue.body.items.map((entry: { id: string }) => entry.id)).not.toContain(item.body.id);
  });

  it('refuses progress reported at a meeting of another neighborhood', async () => {
    const meeting = await plan(areaLieutenant, { startsAt: days(-4) });
    const item = await t.http
      .post(`/api/v1/meetings/${meeting.id}/action-items`)
      .set(bearer(areaLieutenant))
      .send({ title: 'Check the park gate' })
      .expect(201);
    const foreign = await t.http
      .post('/api/v1/meetings')
      .set(bearer(otherLieutenant))
      .send({ neighborhoodId: other.id, kind: 'partner_meeting', title: 'Partners', startsAt: days(-1) })
      .expect(201);
    const reply = await t.http
      .patch(`/api/v1/action-items/${item.body.id}`)
      .set(bearer(users.staff))
      .send({ progressNote: 'x', reportedAtMeetingId: foreign.body.id });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('reportedAtMeetingId');
  });
});

describe('problems raised', () => {
  it('records a problem linked to the service request it became', async () => {
    const meeting = await plan(areaLieutenant, { startsAt: days(-1) });
    const serviceCode = await insertServiceType(t.database.db);
    const requestId = (await insertServiceRequest(t.database.db, { neighborhoodId: area.id, serviceCode }))
      .id;
    const problem = await t.http
      .post(`/api/v1/meetings/${meeting.id}/problems`)
      .set(bearer(users.staff))
      .send({ description: 'Cars racing on Main St after 10 pm', serviceRequestId: requestId })
      .expect(201);
    expect(problem.body).toMatchObject({ serviceRequestId: requestId, saraCaseId: null });
    const shown = await t.http.get(`/api/v1/meetings/${meeting.id}`).set(bearer(users.staff)).expect(200);
    expect(shown.body.problems).toEqual([expect.objectContaining({ id: problem.body.id })]);
    const unknownRequest = await t.http
      .post(`/api/v1/meetings/${meeting.id}/problems`)
      .set(bearer(users.staff))
      .send({ description: 'x', serviceRequestId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownRequest.status).toBe(400);
    expect(unknownRequest.body.errors[0].path).toBe('serviceRequestId');
  });
  it('starts a SARA case in Scanning with the meeting as its evidence, or joins one of the same neighborhood', async () => {
    const meeting = await plan(areaLieutenant, { startsAt: days(-1) });
    const started = await t.http
      .post(`/api/v1/meetings/${meeting.id}/problems`)
      .set(bearer(areaLieutenant))
      .send({ description: 'Loitering and litter behind the plaza every evening', startSaraCase: true })
      .expect(201);
    const caseId = started.body.saraCaseId as string;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    const saraCase = await t.http.get(`/api/v1/sara-cases/${caseId}`).set(bearer(areaLieutenant)).expect(200);
    expect(saraCase.body).toMatchObject({ stage: 'scanning', neighborhoodId: area.id });
    expect(saraCase.body.history).toContainEqual(
      expect.objectContaining({
        kind: 'created',
        detail: expect.objectContaining({ meetingId: meeting.id }),
      }),
    );
    // The case's page finds the meeting that raised it.
    const meetings = await t.http
      .get(`/api/v1/meetings?saraCaseId=${caseId}`)
      .set(bearer(areaLieutenant))
      .expect(200);
    expect(meetings.body.items.map((item: { id: string }) => item.id)).toEqual([meeting.id]);

    const later = await plan(areaLieutenant, { startsAt: days(-1) });
    const joined = await t.http
      .post(`/api/v1/meetings/${later.id}/problems`)
      .set(bearer(users.staff))
      .send({ description: 'Still litter behind the plaza', saraCaseId: caseId })
      .expect(201);
    expect(joined.body.saraCaseId).toBe(caseId);
    const elsewhere = await t.http
      .post('/api/v1/meetings')
      .set(bearer(otherLieutenant))
      .send({ neighborhoodId: other.id, kind: 'community_meeting', title: 'Elsewhere', startsAt: days(-1) })
      .expect(201);
    const refused = await t.http
      .post(`/api/v1/meetings/${elsewhere.body.id}/problems`)
      .set(bearer(otherLieutenant))
      .send({ description: 'x', saraCaseId: caseId });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('saraCaseId');
  });
});

describe('recurring plans', () => {
  it('creates the meetings ahead at the same wall-clock time, each edited alone', async () => {
    const created = await t.http.post('/api/v1/meeting-schedules').set(bearer(areaLieutenant)).send({
      neighborhoodId: area.id,
      kind: 'community_meeting',
      title: 'Monthly community meeting',
      frequency: 'monthly',
      weekday: 2,
      weekOfMonth: 2,
      localTime: '18:30',
      address: '740 Main St, East Hartford, CT 06108',
      monthsAhead: 12,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.description).toBe('Second Tuesday of each month, 18:30');
    expect(created.body.created).toBeGreaterThanOrEqual(11);
    const list = await t.http
      .get('/api/v1/meetings')
      .query({ neighborhoodId: area.id, limit: 500 })
      .set(bearer(users.staff))
      .expect(200);
    const generated = list.body.items.filter(
      (item: { scheduleId: string | null }) => item.scheduleId === created.body.id,
    );
    expect(generated.length).toBe(created.body.created);
    for (const meeting of generated) {
      const local = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        day: 'numeric',
      }).formatToParts(new Date(meeting.startsAt));
      const part = (type: string) => local.find((entry) => entry.type === type)?.value;
      expect(`${part('weekday')} ${part('hour')}:${part('minute')}`).toBe('Tue 18:30');
      expect(Number(part('day'))).toBeGreaterThanOrEqual(8);
      expect(Number(part('day'))).toBeLessThanOrEqual(14);
    }
    // Editing one leaves the others as they were.
    const [firstMeeting, secondMeeting] = generated;
    await t.http
      .patch(`/api/v1/meetings/${firstMeeting.id}`)
      .set(bearer(areaLieutenant))
      .send({ locationName: 'Senior Center' })
      .expect(200);
    const second = await t.http
      .get(`/api/v1/meetings/${secondMeeting.id}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(second.body.locationName).toBeNull();
    // The daily job adds nothing twice.
    const again = await extendMeetingSchedules(t.database.db);
    const after = await t.http
      .get('/api/v1/meetings')
      .query({ neighborhoodId: area.id, limit: 500 })
      .set(bearer(users.staff))
      .expect(200);
    expect(
      after.body.items.filter((item: { scheduleId: string | null }) => item.scheduleId === created.body.id)
        .length,
    ).toBe(generated.length);
    expect(again.created).toBe(0);
  });

  it('needs weekOfMonth for a monthly plan and a place', async () => {
    const reply = await t.http.post('/api/v1/meeting-schedules').set(bearer(areaLieutenant)).send({
      neighborhoodId: area.id,
      kind: 'community_meeting',
      title: 'x',
      frequency: 'monthly',
      weekday: 2,
      localTime: '18:30',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((error: { path: string }) => error.path)).toEqual(
      expect.arrayContaining(['weekOfMonth', 'address']),
    );
  });
});

describe('the public calendar', () => {
  const secrets = {
    staffName: `Zebediah Quillfeather ${unique()}`,
    internalNote: `INTERNAL-NOTE-${unique()}`,
    minutes: `MINUTES-SECRET-${unique()}`,
    privateAgenda: `PRIVATE-AGENDA-${unique()}`,
    presenter: `PRESENTER-${unique()}`,
    cancelReason: `CANCEL-REASON-${unique()}`,
    actionItem: `ACTION-ITEM-${unique()}`,
    problem: `PROBLEM-${unique()}`,
    progress: `PROGRESS-${unique()}`,
  };
  let neighborhood: TestNeighborhood;
  let lieutenant: TestUser;
  let cancelled: { id: string };
  let held: { id: string };

  beforeAll(async () => {
    neighborhood = await createNeighborhood(t, users.admin, { lat: 41.8, lon: -72.8 });
    lieutenant = await signInAs(neighborhood.lieutenant!);
    await t.database.db
      .update(personnel)
      .set({ name: `Lt. ${secrets.staffName}-host` })
      .where(eq(personnel.id, neighborhood.lieutenant!.id));
    const attendee = await createPerson(t, users.admin, {
      kind: 'cso',
      title: 'CSO',
      name: secrets.staffName,
    });
    const base = {
      neighborhoodId: neighborhood.id,
      kind: 'community_meeting',
      staffIds: [attendee.id],
      internalNotes: secrets.internalNote,
      agenda: [
        { title: { en: 'Welcome and introductions', es: 'Bienvenida y presentaciones' }, public: true },
        { title: { en: secrets.privateAgenda }, public: false, presenter: secrets.presenter },
      ],
      interpretation: ['es', 'pt'],
    };
    // A winter meeting (EST) and a summer one (EDT), both at 18:30 local; the second is cancelled.
    await t.http
      .post('/api/v1/meetings')
      .set(bearer(lieutenant))
      .send({
        ...base,
        title: { en: 'Burnside; Main, St meeting', es: 'Reunión de Burnside' },
        startsAt: '2027-11-09T23:30:00Z',
        address: '12 Burnside Ave, East Hartford, CT',
        publicDescription: { en: `A long public description ${'that goes on and on '.repeat(8)}end.` },
      })
      .expect(201);
    const summer = await t.http
      .post('/api/v1/meetings')
      .set(bearer(lieutenant))
      .send({
        ...base,
        title: 'Summer meeting',
        startsAt: '2027-03-16T22:30:00Z',
        onlineUrl: 'https://meet.example.org/x',
      })
      .expect(201);
    cancelled = summer.body;
    await t.http
      .patch(`/api/v1/meetings/${cancelled.id}`)
      .set(bearer(lieutenant))
      .send({ status: 'cancelled', cancelReason: secrets.cancelReason })
      .expect(200);
    const past = await t.http
      .post('/api/v1/meetings')
      .set(bearer(lieutenant))
      .send({ ...base, title: 'Past meeting', startsAt: days(-3), address: '1 Main St' })
      .expect(201);
    held = past.body;
    await t.http
      .patch(`/api/v1/meetings/${held.id}`)
      .set(bearer(lieutenant))
      .send({
        status: 'held',
        attendanceCount: 31,
        minutes: secrets.minutes,
        publicSummary: { en: 'We met.' },
      })
      .expect(200);
    const item = await t.http
      .post(`/api/v1/meetings/${held.id}/action-items`)
      .set(bearer(lieutenant))
      .send({ title: secrets.actionItem, ownerId: attendee.id })
      .expect(201);
    await t.http
      .patch(`/api/v1/action-items/${item.body.id}`)
      .set(bearer(lieutenant))
      .send({ progressNote: secrets.progress })
      .expect(200);
    await t.http
      .post(`/api/v1/meetings/${held.id}/problems`)
      .set(bearer(lieutenant))
      .send({ description: secrets.problem })
      .expect(201);
  });

  it('never shows attendee names or internal notes, on any public meetings route or language', async () => {
    const paths = ['/api/v1/public/meetings', '/api/v1/public/meetings.ics'];
    let checked = 0;
    for (const path of paths)
      for (const lang of ['en', 'es', 'pt', 'pl'])
        for (const query of [{ lang }, { lang, neighborhood: neighborhood.code }]) {
          const reply = await t.http.get(path).query(query).expect(200);
          const body = reply.text;
          expect(body).toContain(held.id);
          for (const [name, secret] of Object.entries(secrets))
            expect(
              body.includes(secret) || body.includes(secret.slice(0, 20)),
              `${name} in ${path} ${lang}`,
            ).toBe(false);
          checked++;
        }
    expect(checked).toBe(16);
    const logs = t.logLines.join('\n');
    expect(logs).not.toContain(secrets.staffName);
  });

  it('lists public agenda points and the public summary, localized', async () => {
    const reply = await t.http
      .get('/api/v1/public/meetings')
      .query({ lang: 'es', neighborhood: neighborhood.code })
      .expect(200);
    const winter = reply.body.items.find((item: { title: string }) => item.title === 'Reunión de Burnside');
    expect(winter).toMatchObject({
      agenda: ['Bienvenida y presentaciones'],
      kindLabel: 'Reunión comunitaria',
    });
    expect(reply.body.items.find((item: { id: string }) => item.id === held.id)).toMatchObject({
      status: 'held',
      summary: 'We met.',
    });
    await t.http.get('/api/v1/public/meetings').query({ neighborhood: 'NOPE' }).expect(404);
  });

  it('is an iCalendar feed ical.js parses, right across daylight saving, with cancelled meetings kept', async () => {
    const reply = await t.http
      .get('/api/v1/public/meetings.ics')
      .query({ neighborhood: neighborhood.code })
      .expect(200);
    expect(reply.headers['content-type']).toMatch(/^text\/calendar/);
    const raw = reply.text;
    for (const line of raw.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(raw).toContain('Burnside\\; Main\\, St meeting');
    expect(raw).toMatch(/BEGIN:VTIMEZONE\r\nTZID:America\/New_York/);

    const calendar = new ICAL.Component(ICAL.parse(raw));
    for (const zone of calendar.getAllSubcomponents('vtimezone'))
      ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    const byUid = new Map(events.map((event) => [event.uid, event]));

    const winter = byUid.get(
      events.find((event) => event.summary.startsWith('Burnside; Main, St meeting'))!.uid,
    )!;
    expect(winter.startDate.zone.tzid).toBe('America/New_York');
    expect(raw).toContain('DTSTART;TZID=America/New_York:20271109T183000');
    expect([winter.startDate.hour, winter.startDate.minute]).toEqual([18, 30]);
    expect(winter.startDate.toJSDate().toISOString()).toBe('2027-11-09T23:30:00.000Z');
    expect(winter.endDate.toJSDate().toISOString()).toBe('2027-11-10T01:00:00.000Z');
    expect(winter.component.getFirstPropertyValue('dtstamp')).toBeTruthy();

    const summer = byUid.get(cancelled.id)!;
    expect(summer).toBeDefined();
    expect([summer.startDate.hour, summer.startDate.minute]).toEqual([18, 30]);
    expect(summer.startDate.toJSDate().toISOString()).toBe('2027-03-16T22:30:00.000Z');
    expect(summer.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(summer.sequence).toBeGreaterThanOrEqual(1);

    // An edit keeps the UID and raises the SEQUENCE.
    const before = byUid.get(held.id)!.sequence;
    await t.http
      .patch(`/api/v1/meetings/${held.id}`)
      .set(bearer(lieutenant))
      .send({ title: 'Past meeting (renamed)' })
      .expect(200);
    const again = await t.http
      .get('/api/v1/public/meetings.ics')
      .query({ neighborhood: neighborhood.code })
      .expect(200);
    const renamed = new ICAL.Component(ICAL.parse(again.text))
      .getAllSubcomponents('vevent')
      .map((component) => new ICAL.Event(component))
      .find((event) => event.uid === held.id)!;
    expect(renamed.summary).toContain('Past meeting (renamed)');
    expect(renamed.sequence).toBe(before + 1);
  });

  it('schedules across the March and November changes at 18:30 local every time', async () => {
    const created = await t.http
      .post('/api/v1/meeting-schedules')
      .set(bearer(lieutenant))
      .send({
        neighborhoodId: neighborhood.id,
        kind: 'education_session',
        title: 'Second Tuesday session',
        frequency: 'monthly',
        weekday: 2,
        weekOfMonth: 2,
        localTime: '18:30',
        onlineUrl: 'https://meet.example.org/session',
        monthsAhead: 12,
      })
      .expect(201);
    const ics = await t.http
      .get('/api/v1/public/meetings.ics')
      .query({ neighborhood: neighborhood.code })
      .expect(200);
    const events = new ICAL.Component(ICAL.parse(ics.text))
      .getAllSubcomponents('vevent')
      .map((component) => new ICAL.Event(component))
      .filter((event) => event.summary.startsWith('Second Tuesday session'));
    expect(events.length).toBe(created.body.created);
    const utc = new Map(
      events.map((event) => [event.startDate.toJSDate().toISOString().slice(0, 10), event]),
    );
    // 2027: daylight saving from 14 March to 7 November.
    expect(utc.get('2027-03-09')?.startDate.toJSDate().toISOString()).toBe('2027-03-09T23:30:00.000Z');
    expect(utc.get('2027-04-13')?.startDate.toJSDate().toISOString()).toBe('2027-04-13T22:30:00.000Z');
    expect(utc.get('2027-10-12')?.startDate.toJSDate().toISOString()).toBe('2027-10-12T22:30:00.000Z');
    expect(utc.get('2027-11-09')?.startDate.toJSDate().toISOString()).toBe('2027-11-09T23:30:00.000Z');
    for (const event of events) expect([event.startDate.hour, event.startDate.minute]).toEqual([18, 30]);
  });
});

describe('meeting figures', () => {
  it('counts meetings held, attendance and action items closed on time per neighborhood', async () => {
    const reply = await t.http
      .get('/api/v1/stats/meetings')
      .query({ from: days(-60), to: days(1) })
      .set(bearer(users.analyst))
      .expect(200);
    const row = reply.body.neighborhoods.find(
      (entry: { neighborhoodId: string }) => entry.neighborhoodId === area.id,
    );
    expect(row.held).toBeGreaterThanOrEqual(1);
    expect(row.attendance).toBeGreaterThanOrEqual(23);
    expect(row.actionItemsDue).toBeGreaterThanOrEqual(1);
    expect(row.closedOnTime + row.closedLate).toBeGreaterThanOrEqual(1);
    await t.http.get('/api/v1/stats/meetings').set(bearer(users.staff)).expect(403);
  });
});

describe('overdue action item notices', () => {
  it("tells the owner and the neighborhood's lieutenant once per due date", async () => {
    const ownerUser = await userWithRoles(t, ['staff']);
    const owner = await createPerson(t, users.admin, { kind: 'cso', title: 'CSO' });
    await t.database.db.update(personnel).set({ userId: ownerUser.id }).where(eq(personnel.id, owner.id));
    const meeting = await plan(areaLieutenant, { startsAt: days(-10) });
    const item = await t.http
      .post(`/api/v1/meetings/${meeting.id}/action-items`)
      .set(bearer(areaLieutenant))
      .send({
        title: `Trim the hedges at the bus stop ${unique()}`,
        ownerId: owner.id,
        dueDate: days(-2).slice(0, 10),
      })
      .expect(201);
    await queueOverdueActionItemNotices(t.database.db, 'America/New_York');
    await queueOverdueActionItemNotices(t.database.db, 'America/New_York');
    for (const recipient of [ownerUser, areaLieutenant]) {
      const inbox = await t.http.get('/api/v1/notifications').set(bearer(recipient)).expect(200);
      const notices = inbox.body.items.filter(
        (entry: { kind: string; title: string }) =>
          entry.kind === 'action_item_overdue' && entry.title.includes(item.body.title),
      );
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ entityType: 'meeting', entityId: meeting.id });
    }
  });
});
