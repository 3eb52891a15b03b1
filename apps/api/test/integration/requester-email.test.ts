import type { AddressInfo } from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notificationOutbox, requestEvents } from '../../src/db/schema/index.ts';
import { retryDelayMs } from '../../src/modules/notifications/delivery.ts';
import { recordSlaBreaches } from '../../src/modules/service-requests/jobs/sla-breach-sweep.ts';
import {
  createServiceType,
  insertPerson,
  insertServiceRequest,
  newRequest,
  unique,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/**
 * Issue #14, "Done when": a real SMTP server (smtp-server from npm, on localhost) receives what NSP
 * sends, and the mails are read back with mailparser, as a mail client would.
 */
interface Received {
  to: string[];
  mail: ParsedMail;
}

let smtp: SMTPServer;
let received: Received[];
/** How many of the next messages the server refuses with a temporary error (451). */
let refuseNext = 0;
let refusedCount = 0;
let t: TestApp;
let users: Users;
let serviceCode: string;
let categoryEs: string;
const publicBase = 'https://nsp.example.test';

beforeAll(async () => {
  received = [];
  smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if (refuseNext > 0) {
          refuseNext -= 1;
          refusedCount += 1;
          const error = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        const mail = await simpleParser(Buffer.concat(chunks));
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await startTestApp({
    config: {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: 'East Hartford PD <no-reply@pd.example.test>',
      publicBaseUrl: publicBase,
      // Debug: the mail log lines are written too, and checked for personal data like every other line.
      logLevel: 'debug',
    },
  });
  users = await usersByRole(t);
  const type = await createServiceType(t, users.admin);
  serviceCode = type.code;
  categoryEs = (type.name as { es: string }).es;
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

const mailsTo = (address: string) => received.filter((item) => item.to.includes(address));

/** A header as it was written on the wire (mailparser turns some into objects). */
const rawHeader = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((line) => line.key === name)
    ?.line.replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n\s+/g, '') ?? '';

async function deliver(now?: Date) {
  return t.app.notifications.deliverNow(now ? { now: () => now } : {});
}

/** Requests and their requesters' addresses, for the privacy checks at the end. */
const requesterAddresses: string[] = [];
const requestIds: string[] = [];

async function intake(user: TestUser, requester: Record<string, unknown>) {
  const created = await newRequest(t, user, {
    serviceCode,
    lat: 41.77,
    lon: -72.64,
    description: 'Farola apagada frente a la escuela',
    requester,
  });
  requestIds.push(created.id);
  if (typeof requester.email === 'string') requesterAddresses.push(requester.email);
  return created;
}

async function detail(id: string) {
  const reply = await t.http.get(`/api/v1/service-requests/${id}`).set(bearer(users.staff)).expect(200);
  return reply.body as {
    version: number;
    status: string;
    timeline: Array<{
      id: string;
      kind: string;
      visibility: string;
      body: string | null;
      requesterNotice?: unknown;
    }>;
  };
}

describe('e-mail to a Spanish-speaking requester who asked for updates', () => {
  const maria = `maria.${unique()}@vecinos.example.org`;
  let request: { id: string; trackingNumber: string };
  const internalNote = `INTERNAL ${unique()}: neighbour says the caller exaggerates`;
  const publicUpdate = `Hemos pedido la reparación a la compañía eléctrica ${unique()}.`;

  it('acknowledges the request in Spanish, with the tracking number, the expected date and the status link', async () => {
    request = await intake(users.staff, {
      name: 'María López',
      email: maria,
      phone: '860-555-0199',
      preferredLanguage: 'es',
      emailUpdates: true,
    });
    const result = await deliver();
    expect(result.delivered).toBeGreaterThanOrEqual(1);
    const [ack] = mailsTo(maria);
    expect(ack, 'the acknowledgement arrived').toBeDefined();
    const { mail } = ack!;
    expect(mail.subject).toBe(`Hemos recibido su solicitud ${request.trackingNumber}`);
    expect(mail.from?.text).toContain('no-reply@pd.example.test');
    expect(mail.text).toContain(`Su número de seguimiento es ${request.trackingNumber}`);
    expect(mail.text).toContain(categoryEs);
    expect(mail.text).toMatch(/Esperamos resolverla antes del \d{1,2} de [a-z]+ de \d{4}/);
    const statusLink = `${publicBase}/public/?track=${request.trackingNumber}`;
    expect(mail.text).toContain(statusLink);
    // Both parts: plain text and HTML (with the link as a link).
    expect(mail.html).toContain(`<a href="${statusLink}">`);
    expect(mail.headers.get('content-language')).toBe('es');
    // One-click unsubscribe (RFC 8058).
    expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = rawHeader(mail, 'list-unsubscribe');
    expect(unsubscribe).toMatch(
      new RegExp(
        `^<${publicBase}/api/v1/public/requests/${request.trackingNumber}/unsubscribe\\?token=[A-Za-z0-9_-]{43}>$`,
      ),
    );
  });

  it('says on the timeline that the acknowledgement was e-mailed', async () => {
    const { timeline } = await detail(request.id);
    const created = timeline.find((event) => event.kind === 'created');
    expect(created?.requesterNotice).toMatchObject({ channel: 'email', status: 'sent', language: 'es' });
  });

  it('e-mails a public update in Spanish and never the internal note added before it', async () => {
    let version = (await detail(request.id)).version;
    const note = await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: internalNote, visibility: 'internal', version })
      .expect(201);
    // An internal note is not requester-facing: no label, nothing queued.
    expect(note.body.requesterNotice).toBeNull();
    version = note.body.version;
    await deliver();
    expect(mailsTo(maria)).toHaveLength(1);

    const update = await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: publicUpdate, visibility: 'public', language: 'es', version })
      .expect(201);
    expect(update.body.requesterNotice).toMatchObject({ channel: 'email', status: 'pending' });
    await deliver();
    const mails = mailsTo(maria);
    expect(mails).toHaveLength(2);
    const { mail } = mails[1]!;
    expect(mail.subject).toBe(`Novedades sobre su solicitud ${request.trackingNumber}`);
    expect(mail.text).toContain(publicUpdate);
    expect(mail.text).toContain(`${publicBase}/public/?track=${request.trackingNumber}`);
    for (const { mail: sent } of mails) {
      expect(sent.text).not.toContain(internalNote);
      expect(String(sent.html)).not.toContain('INTERNAL');
    }
  });

  it('e-mails the resolution in Spanish with a "not fixed" link that reopens the request', async () => {
    const officer = await insertPerson(t.database.db, { kind: 'officer', title: 'Officer' });
    let current = await detail(request.id);
    const assigned = await t.http
      .patch(`/api/v1/service-requests/${request.id}`)
      .set(bearer(users.supervisor))
      .send({ assigneeId: officer.id, version: current.version })
      .expect(200);
    const marked = await t.http
      .post(`/api/v1/service-requests/${request.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'assigned', version: assigned.body.version })
      .expect(200);
    const resolved = await t.http
      .post(`/api/v1/service-requests/${request.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'resolved', version: marked.body.version })
      .expect(200);
    expect(resolved.body.event.requesterNotice).toMatchObject({ channel: 'email', status: 'pending' });
    await deliver();
    const mails = mailsTo(maria);
    expect(mails).toHaveLength(3);
    const { mail } = mails[2]!;
    expect(mail.subject).toBe(`Su solicitud ${request.trackingNumber} está resuelta`);
    expect(mail.text).toContain('Si el problema no está solucionado');
    expect(mail.text).not.toContain(internalNote);
    const notFixed =
      /https:\/\/nsp\.example\.test(\/api\/v1\/public\/requests\/[^\s]+\/not-fixed\?token=[A-Za-z0-9_-]+)/.exec(
        mail.text ?? '',
      )?.[1];
    expect(notFixed, 'the resolution carries a not-fixed link').toBeDefined();

    // Opening the link only shows a page (scanners open links); a forged token is refused.
    const page = await t.http.get(notFixed!).set('accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('lang="es"');
    expect(page.text).toContain('No está solucionado');
    const forged = notFixed!.replace(/token=.*/, `token=${'A'.repeat(43)}`);
    await t.http.post(forged).type('form').send({ comment: 'x' }).expect(403);
    current = await detail(request.id);
    expect(current.status).toBe('resolved');

    const reopened = await t.http
      .post(notFixed!)
      .type('form')
      .send({ comment: 'La farola sigue apagada' })
      .expect(200);
    expect(reopened.body).toEqual({
      trackingNumber: request.trackingNumber,
      reopened: true,
      status: 'in_progress',
    });
    current = await detail(request.id);
    expect(current.status).toBe('in_progress');
    expect(current.timeline.at(-1)).toMatchObject({ kind: 'reopened' });
    // Saying it again changes nothing.
    const again = await t.http.post(notFixed!).type('form').send({}).expect(200);
    expect(again.body.reopened).toBe(false);
  });

  it('unsubscribes with the List-Unsubscribe one-click POST, after which the next update is not sent', async () => {
    const [first] = mailsTo(maria);
    const url = new URL(rawHeader(first!.mail, 'list-unsubscribe').slice(1, -1));
    // A forged token and a token for another request are refused.
    await t.http
      .post(`${url.pathname}?token=${'B'.repeat(43)}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(403);
    // What a mail provider sends (RFC 8058 §3.2): a form POST with List-Unsubscribe=One-Click.
    const reply = await t.http
      .post(`${url.pathname}${url.search}`)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(reply.body).toEqual({ trackingNumber: request.trackingNumber, emailUpdates: false });

    const before = mailsTo(maria).length;
    const current = await detail(request.id);
    const update = await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .send({
        body: 'Técnico asignado para mañana.',
        visibility: 'public',
        language: 'es',
        version: current.version,
      })
      .expect(201);
    // The timeline says it was not sent, so staff know to call back.
    expect(update.body.requesterNotice).toMatchObject({
      channel: null,
      status: 'not_sent',
      reason: 'no_consent',
    });
    await deliver();
    expect(mailsTo(maria)).toHaveLength(before);
    // Staff see the consent withdrawn on the request, and what happened on the timeline (no address).
    const staffView = await t.http
      .get(`/api/v1/service-requests/${request.id}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(staffView.body.requester.emailUpdates).toBe(false);
    expect(
      staffView.body.timeline.some((event: { kind: string }) => event.kind === 'requester_unsubscribed'),
    ).toBe(true);
  });
});

describe('honest labels when nothing is sent', () => {
  it('says "no e-mail address" and "no consent" for public updates, so staff know to call back', async () => {
    const withoutEmail = await intake(users.staff, {
      name: 'Jan Kowalski',
      phone: '860-555-0111',
      preferredLanguage: 'pl',
    });
    const address = `ana.${unique()}@example.org`;
    const withoutConsent = await intake(users.staff, {
      name: 'Ana Souza',
      email: address,
      preferredLanguage: 'pt',
    });
    for (const [request, reason] of [
      [withoutEmail, 'no_email'],
      [withoutConsent, 'no_consent'],
    ] as const) {
      const reply = await t.http
        .post(`/api/v1/service-requests/${request.id}/notes`)
        .set(bearer(users.staff))
        .send({ body: 'Update for the public', visibility: 'public', version: request.version })
        .expect(201);
      expect(reply.body.requesterNotice).toEqual({
        channel: null,
        status: 'not_sent',
        reason,
        language: expect.any(String),
        sentAt: null,
      });
      const { timeline } = await detail(request.id);
      expect(timeline.find((event) => event.kind === 'created')?.requesterNotice).toMatchObject({
        status: 'not_sent',
        reason,
      });
    }
    await deliver();
    expect(mailsTo(address)).toHaveLength(0);
  });

  it('shows the label to staff only: analysts and integrations get no requesterNotice', async () => {
    const request = await intake(users.staff, { email: `x.${unique()}@example.org`, emailUpdates: true });
    const analystView = await t.http
      .get(`/api/v1/service-requests/${request.id}`)
      .set(bearer(users.analyst))
      .expect(200);
    expect(analystView.body.timeline.every((event: object) => !('requesterNotice' in event))).toBe(true);
  });
});

describe('a refused first attempt', () => {
  it('arrives on a retry, exactly once', async () => {
    // Whatever earlier tests left due goes first, so that the refusal meets this mail.
    await deliver();
    const address = `retry.${unique()}@example.org`;
    await intake(users.staff, { email: address, preferredLanguage: 'en', emailUpdates: true });
    refuseNext = 1;
    const refusedBefore = refusedCount;
    const firstTry = await deliver();
    expect(refusedCount).toBe(refusedBefore + 1);
    expect(firstTry.retrying).toBe(1);
    expect(mailsTo(address)).toHaveLength(0);

    // Not due yet: nothing is sent.
    await deliver();
    expect(mailsTo(address)).toHaveLength(0);

    const later = new Date(Date.now() + retryDelayMs(1) + 1000);
    const retry = await deliver(later);
    expect(retry.delivered).toBe(1);
    // Further runs, now and much later, send nothing more.
    await deliver(new Date(later.getTime() + 3_600_000));
    await deliver(new Date(later.getTime() + 86_400_000));
    const mails = mailsTo(address);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.mail.subject).toMatch(/^We received your request /);
  });
});

describe('staff e-mail preferences', () => {
  it('turning off e-mail for SLA breaches stops those mails and keeps the in-app ones', async () => {
    const supervisor = await userWithRoles(t, ['supervisor']);
    const overdue = () =>
      insertServiceRequest(t.database.db, {
        serviceCode,
        firstResponseDueInHours: -2,
        resolutionDueInHours: 5,
      });

    const first = await overdue();
    await recordSlaBreaches({ db: t.database.db });
    await deliver();
    const breachMails = () =>
      mailsTo(supervisor.email).filter(({ mail }) => /^SLA breached/.test(mail.subject ?? ''));
    expect(breachMails().map(({ mail }) => mail.subject)).toEqual([
      `SLA breached: first response overdue on ${first.trackingNumber}`,
    ]);

    const preferences = await t.http
      .get('/api/v1/me/notification-preferences')
      .set(bearer(supervisor))
      .expect(200);
    await t.http
      .patch('/api/v1/me/notification-preferences')
      .set(bearer(supervisor))
      .set('if-match', String(preferences.headers.etag))
      .send({ preferences: [{ kind: 'sla_breached', inApp: true, email: false }] })
      .expect(200);

    const second = await overdue();
    await recordSlaBreaches({ db: t.database.db });
    await deliver();
    expect(breachMails()).toHaveLength(1);

    const inbox = await t.http.get('/api/v1/notifications').set(bearer(supervisor)).expect(200);
    const titles = inbox.body.items.map((item: { title: string }) => item.title);
    expect(titles).toContain(`SLA breached: first response overdue on ${first.trackingNumber}`);
    expect(titles).toContain(`SLA breached: first response overdue on ${second.trackingNumber}`);
    expect(inbox.body.unreadCount).toBeGreaterThanOrEqual(2);
  });
});

describe('privacy of requesters during all of the above', () => {
  it('no log line, audit row or timeline entry contains a requester e-mail address', async () => {
    expect(requesterAddresses.length).toBeGreaterThanOrEqual(4);
    const logs = t.logLines.join('\n').toLowerCase();
    // The debug mail lines were written (so they were checked too).
    expect(logs).toContain('mail sent');
    expect(logs).toContain('delivery failed');
    const audits = await t.database.db.select().from(auditLog);
    const events = await t.database.db
      .select()
      .from(requestEvents)
      .where(inArray(requestEvents.requestId, requestIds));
    const outbox = await t.database.db.select().from(notificationOutbox);
    expect(events.length).toBeGreaterThanOrEqual(15);
    for (const address of requesterAddresses) {
      expect(logs).not.toContain(address.toLowerCase());
      expect(JSON.stringify(audits).toLowerCase()).not.toContain(address.toLowerCase());
      expect(JSON.stringify(events).toLowerCase()).not.toContain(address.toLowerCase());
      expect(JSON.stringify(outbox).toLowerCase()).not.toContain(address.toLowerCase());
    }
    // The mails themselves did go to the addresses.
    expect(received.some((item) => item.to.includes(requesterAddresses[0]!))).toBe(true);
    // And the delivery that was refused kept an error without any address.
    const refused = await t.database.db
      .select({ lastError: notificationOutbox.lastError })
      .from(notificationOutbox)
      .where(eq(notificationOutbox.status, 'delivered'));
    expect(refused.every((row) => row.lastError === null)).toBe(true);
  });
});
