import type { FastifyBaseLogger } from 'fastify';
import { DateTime } from 'luxon';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  type LocalizedText,
  notificationOutbox,
  notificationSettings,
  notifications,
  type OutboxChannel,
  requestEvents,
  requesterMessages,
  serviceDeskSettings,
  serviceRequests,
  serviceTypes,
  users,
} from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { composeRequesterMessage, composeStaffMessage, localizedIn } from './compose.ts';
import { type MailTemplate, mailTemplateFor } from './mail-templates.ts';
import { withoutAddresses } from './mail-transport.ts';
import { quietHoursEndAt } from './quiet-hours.ts';
import type { RequesterLinks } from './requester-links.ts';
import { type MailLanguage, mailLanguageOf, type RequesterMessageKind } from './requester-messages.ts';
import { type NotificationTransport, type OutgoingMessage, PermanentDeliveryError } from './transport.ts';

/** What delivery needs from the app: transports by channel and how to build links. */
export interface DeliveryEnvironment {
  transports: Partial<Record<OutboxChannel, NotificationTransport>>;
  links: RequesterLinks;
  publicBaseUrl: string;
  timeZone: string;
  log?: FastifyBaseLogger | undefined;
}

export interface DeliveryOptions extends DeliveryEnvironment {
  db: Database;
  now?: () => Date;
  batchSize?: number;
  /** After this many failed attempts an outbox row is marked failed and left for a person to look at. */
  maxAttempts?: number;
  /** Stops after this many batches so one run never monopolises a worker; the next run continues. */
  maxBatches?: number;
  /** How long a claimed row is reserved for this worker before another may take it (a crashed worker). */
  leaseMs?: number;
}

export interface DeliveryResult {
  delivered: number;
  retrying: number;
  failed: number;
  skipped: number;
  held: number;
  deferred: number;
}

const firstRetryDelayMs = 30_000;
const longestRetryDelayMs = 3_600_000;

/** 30 s, 1 min, 2 min, … up to an hour between attempts. */
export function retryDelayMs(attemptsSoFar: number): number {
  return Math.min(longestRetryDelayMs, firstRetryDelayMs * 2 ** Math.max(0, attemptsSoFar - 1));
}

interface ClaimedRow {
  id: number;
  notificationId: string | null;
  requesterMessageId: string | null;
  channel: OutboxChannel;
  attempts: number;
}

/** What to do with one claimed row. */
type Decision =
  | { action: 'send'; message: OutgoingMessage }
  | { action: 'done' }
  | { action: 'skip'; reason: string }
  | { action: 'hold' }
  | { action: 'defer'; until: Date };

/**
 * Delivers due outbox rows, in three steps so that no transaction stays open while a mail server
 * answers: (1) claim a batch (FOR UPDATE SKIP LOCKED, attempts + 1, due time pushed to the end of a
 * lease), (2) send each outside any transaction, (3) record each outcome. Several instances running this
 * at once claim different rows; a row is marked delivered exactly once. A worker that dies between
 * sending and recording leaves its rows to come due again after the lease, so a mail can then go twice
 * (with the same Message-ID), never zero times.
 */
export async function deliverPendingNotifications(options: DeliveryOptions): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 100;
  const maxAttempts = options.maxAttempts ?? 8;
  const maxBatches = options.maxBatches ?? 50;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const channels = Object.keys(options.transports) as OutboxChannel[];
  const total: DeliveryResult = { delivered: 0, retrying: 0, failed: 0, skipped: 0, held: 0, deferred: 0 };
  if (channels.length === 0) return total;

  for (let batch = 0; batch < maxBatches; batch += 1) {
    const at = now();
    const claimed = await claimDue(options.db, channels, at, new Date(at.getTime() + leaseMs), batchSize);
    if (claimed.length === 0) break;
    const decisions = await decide(options, claimed, at);
    const delivered: number[] = [];
    // A few sends at a time: a mail server's round trip, not the database, is what a send waits on.
    await inParallel(claimed, sendConcurrency, async (row) => {
      const decision = decisions.get(row.id) ?? { action: 'skip', reason: 'nothing to deliver' };
      if (await settle(options, row, decision, at, maxAttempts, total)) delivered.push(row.id);
    });
    if (delivered.length > 0) {
      await options.db
        .update(notificationOutbox)
        .set({ status: 'delivered', deliveredAt: at, lastError: null })
        .where(inArray(notificationOutbox.id, delivered));
      total.delivered += delivered.length;
    }
    if (claimed.length < batchSize) break;
  }
  return total;
}

/** Sends at once per delivery run; the SMTP transport pools its connections to match. */
const sendConcurrency = 4;

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(workers);
}

async function claimDue(
  db: Database,
  channels: OutboxChannel[],
  at: Date,
  leaseEnd: Date,
  limit: number,
): Promise<ClaimedRow[]> {
  return withTransaction(db, async (tx) => {
    const due = await tx
      .select({ id: notificationOutbox.id })
      .from(notificationOutbox)
      .where(
        sql`${notificationOutbox.status} = 'pending' and ${inArray(notificationOutbox.channel, channels)} and ${notificationOutbox.nextAttemptAt} <= ${at.toISOString()}::timestamptz`,
      )
      .orderBy(notificationOutbox.nextAttemptAt, notificationOutbox.id)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(notificationOutbox)
      .set({ attempts: sql`${notificationOutbox.attempts} + 1`, nextAttemptAt: leaseEnd })
      .where(
        inArray(
          notificationOutbox.id,
          due.map((row) => row.id),
        ),
      )
      .returning({
        id: notificationOutbox.id,
        notificationId: notificationOutbox.notificationId,
        requesterMessageId: notificationOutbox.requesterMessageId,
        channel: notificationOutbox.channel,
        attempts: notificationOutbox.attempts,
      });
  });
}

/** Reads what the claimed rows are about (two queries for the whole batch) and decides each. */
async function decide(
  env: DeliveryOptions,
  rows: readonly ClaimedRow[],
  at: Date,
): Promise<Map<number, Decision>> {
  const decisions = new Map<number, Decision>();
  const notificationIds = rows.flatMap((row) => (row.notificationId ? [row.notificationId] : []));
  const messageIds = rows.flatMap((row) => (row.requesterMessageId ? [row.requesterMessageId] : []));
  // One template read per category and kind in a batch, not one per mail.
  const templates = new Map<string, Promise<MailTemplate>>();
  const templateFor = (serviceCode: string, kind: RequesterMessageKind) => {
    const key = `${serviceCode}\n${kind}`;
    let template = templates.get(key);
    if (!template) {
      template = mailTemplateFor(env.db, serviceCode, kind);
      templates.set(key, template);
    }
    return template;
  };
  const [staff, requester, reopenWindowDays] = await Promise.all([
    staffSubjects(env.db, notificationIds),
    requesterSubjects(env.db, messageIds),
    messageIds.length > 0 ? reopenWindow(env.db) : Promise.resolve(30),
  ]);
  for (const row of rows) {
    if (row.channel === 'in_app') {
      decisions.set(row.id, { action: 'done' });
      continue;
    }
    if (row.notificationId) {
      const subject = staff.get(row.notificationId);
      decisions.set(
        row.id,
        subject ? decideStaff(env, row, subject, at) : { action: 'skip', reason: 'gone' },
      );
      continue;
    }
    const subject = row.requesterMessageId ? requester.get(row.requesterMessageId) : undefined;
    if (!subject) {
      decisions.set(row.id, { action: 'skip', reason: 'gone' });
      continue;
    }
    decisions.set(row.id, await decideRequester(env, row, subject, reopenWindowDays, templateFor));
  }
  return decisions;
}

type StaffSubject = Awaited<ReturnType<typeof staffSubjects>> extends Map<string, infer T> ? T : never;

async function staffSubjects(db: Database, ids: readonly string[]) {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      entityType: notifications.entityType,
      entityId: notifications.entityId,
      urgent: notifications.urgent,
      email: users.email,
      active: users.active,
      dailyDigest: notificationSettings.dailyDigest,
      quietHoursStart: notificationSettings.quietHoursStart,
      quietHoursEnd: notificationSettings.quietHoursEnd,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientUserId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, notifications.recipientUserId))
    .where(inArray(notifications.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * A staff e-mail: not to someone who left; held for the daily digest or deferred past quiet hours
 * unless it is urgent (a P1 request). A digest itself is never held again.
 */
function decideStaff(env: DeliveryEnvironment, row: ClaimedRow, subject: StaffSubject, at: Date): Decision {
  if (!subject.active) return { action: 'skip', reason: 'recipient_inactive' };
  const address = addressFor(row.channel, { email: subject.email, phone: null });
  if (!address) return { action: 'skip', reason: 'no_address' };
  if (!subject.urgent) {
    if (subject.dailyDigest && subject.kind !== 'daily_digest') return { action: 'hold' };
    const quiet =
      subject.quietHoursStart && subject.quietHoursEnd
        ? { start: subject.quietHoursStart, end: subject.quietHoursEnd }
        : null;
    const until = quietHoursEndAt(at, quiet, env.timeZone);
    if (until) return { action: 'defer', until };
  }
  return {
    action: 'send',
    message: composeStaffMessage(
      {
        outboxId: row.id,
        to: address,
        kind: subject.kind,
        title: subject.title,
        body: subject.body,
        entityType: subject.entityType,
        entityId: subject.entityId,
      },
      env.publicBaseUrl,
    ),
  };
}

type RequesterSubject =
  Awaited<ReturnType<typeof requesterSubjects>> extends Map<string, infer T> ? T : never;

async function requesterSubjects(db: Database, ids: readonly string[]) {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: requesterMessages.id,
      kind: requesterMessages.kind,
      language: requesterMessages.language,
      requestId: serviceRequests.id,
      trackingNumber: serviceRequests.trackingNumber,
      serviceCode: serviceRequests.serviceCode,
      categoryName: serviceTypes.name,
      resolutionDueAt: serviceRequests.resolutionDueAt,
      email: serviceRequests.requesterEmail,
      phone: serviceRequests.requesterPhone,
      emailUpdates: serviceRequests.requesterEmailUpdates,
      eventBody: requestEvents.body,
      eventVisibility: requestEvents.visibility,
    })
    .from(requesterMessages)
    .innerJoin(serviceRequests, eq(serviceRequests.id, requesterMessages.requestId))
    .innerJoin(serviceTypes, eq(serviceTypes.code, serviceRequests.serviceCode))
    .innerJoin(requestEvents, eq(requestEvents.id, requesterMessages.eventId))
    .where(inArray(requesterMessages.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row]));
}

async function reopenWindow(db: Database): Promise<number> {
  const [row] = await db
    .select({ days: serviceDeskSettings.reopenWindowDays })
    .from(serviceDeskSettings)
    .where(eq(serviceDeskSettings.id, 1))
    .limit(1);
  return row?.days ?? 30;
}

/**
 * A requester e-mail: the address and the consent are read now, not when it was queued, so an
 * unsubscribe or a removed address stops a mail still waiting (or retrying).
 */
async function decideRequester(
  env: DeliveryOptions,
  row: ClaimedRow,
  subject: RequesterSubject,
  reopenWindowDays: number,
  templateFor: (serviceCode: string, kind: RequesterMessageKind) => Promise<MailTemplate>,
): Promise<Decision> {
  const address = addressFor(row.channel, { email: subject.email, phone: subject.phone });
  if (!address) return { action: 'skip', reason: 'no_email' };
  if (!subject.emailUpdates) return { action: 'skip', reason: 'unsubscribed' };
  // Only a public update's own text goes out; an internal event can never be the subject of a mail.
  if (subject.kind === 'public_update' && subject.eventVisibility !== 'public') {
    return { action: 'skip', reason: 'not_public' };
  }
  const language = mailLanguageOf(subject.language);
  const template = await templateFor(subject.serviceCode, subject.kind);
  return {
    action: 'send',
    message: composeRequesterMessage(
      {
        outboxId: row.id,
        to: address,
        kind: subject.kind,
        language,
        template,
        requestId: subject.requestId,
        trackingNumber: subject.trackingNumber,
        category: localizedIn(subject.categoryName as LocalizedText, language),
        expectedDate: expectedDate(subject.resolutionDueAt, language, env.timeZone),
        update: subject.kind === 'public_update' ? subject.eventBody : null,
        reopenWindowDays,
      },
      env.links,
      env.publicBaseUrl,
    ),
  };
}

const dateLocales: Record<MailLanguage, string> = { en: 'en-US', es: 'es', pt: 'pt-BR', pl: 'pl' };

/** The resolution due date as the requester reads dates, on the department's calendar. */
export function expectedDate(at: Date, language: MailLanguage, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone })
    .setLocale(dateLocales[language])
    .toLocaleString(DateTime.DATE_FULL);
}

/**
 * The address a channel sends to. An SMS channel reads `phone` (its transport goes in index.ts); in-app needs
 * none. Adding a channel means adding its line here and its transport.
 */
function addressFor(channel: OutboxChannel, recipient: { email: string | null; phone: string | null }) {
  if (channel === 'email') return recipient.email;
  if (channel === 'sms') return recipient.phone;
  return null;
}

async function settle(
  env: DeliveryOptions,
  row: ClaimedRow,
  decision: Decision,
  at: Date,
  maxAttempts: number,
  total: DeliveryResult,
): Promise<boolean> {
  const db = env.db;
  const where = eq(notificationOutbox.id, row.id);
  // Holding and deferring are not attempts: the claim's count is given back.
  const uncount = { attempts: sql`${notificationOutbox.attempts} - 1` };
  switch (decision.action) {
    case 'done':
      return true;
    case 'skip':
      await db
        .update(notificationOutbox)
        .set({ status: 'skipped', lastError: decision.reason, ...uncount })
        .where(where);
      total.skipped += 1;
      return false;
    case 'hold':
      await db
        .update(notificationOutbox)
        .set({ status: 'held', nextAttemptAt: at, ...uncount })
        .where(where);
      total.held += 1;
      return false;
    case 'defer':
      await db
        .update(notificationOutbox)
        .set({ nextAttemptAt: decision.until, ...uncount })
        .where(where);
      total.deferred += 1;
      return false;
    case 'send':
      break;
  }
  const transport = env.transports[row.channel];
  try {
    if (!transport) throw new Error(`no transport for ${row.channel}`);
    await transport.send(decision.message);
  } catch (error) {
    const permanent = error instanceof PermanentDeliveryError;
    const givesUp = permanent || row.attempts >= maxAttempts;
    const lastError = describeError(error);
    await db
      .update(notificationOutbox)
      .set({
        status: givesUp ? 'failed' : 'pending',
        nextAttemptAt: new Date(at.getTime() + retryDelayMs(row.attempts)),
        lastError,
      })
      .where(where);
    // Never the recipient: the outbox id and the kind are enough to find it in the admin screen.
    env.log?.warn(
      {
        outboxId: row.id,
        channel: row.channel,
        kind: decision.message.kind,
        attempts: row.attempts,
        error: lastError,
      },
      givesUp ? 'delivery failed; giving up' : 'delivery failed; will retry',
    );
    if (givesUp) total.failed += 1;
    else total.retrying += 1;
    return false;
  }
  return true;
}

/** Transport errors are stored for operators: cut short, no stack, no addresses. */
function describeError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return withoutAddresses(message).slice(0, 500);
}
