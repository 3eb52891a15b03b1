import type { Meeting, UpdateMeetingBody } from '@nsp/contracts';
import type { createMeetingBodySchema } from '@nsp/contracts';
import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import {
  assignments,
  meetingReschedules,
  meetings,
  meetingStaff,
  neighborhoods,
  personnel,
} from '../../db/schema/index.ts';
import type { LocalizedTextDto as LocalizedText } from '@nsp/contracts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertCanPlan, assertCanRecord, canPlan, type MeetingsContext } from './context.ts';
import { loadMeeting, loadMeetingRow } from './read-model.ts';

type CreateMeetingBody = z.infer<typeof createMeetingBodySchema>;

const DEFAULT_DURATION_MS = 90 * 60_000;

export const localized = (title: string | LocalizedText): LocalizedText =>
  typeof title === 'string' ? { en: title } : title;

export function checkTimeZone(zone: string, path = 'timeZone'): string {
  if (!IANAZone.isValidZone(zone))
    throw new ValidationError(`"${zone}" is not a time zone NSP knows.`, [
      { path, message: 'must be an IANA time zone such as America/New_York', in: 'body' },
    ]);
  return zone;
}

export async function requireNeighborhood(executor: Executor, id: string) {
  const [row] = await executor.select().from(neighborhoods).where(eq(neighborhoods.id, id)).limit(1);
  if (!row) throw new NotFoundError(`There is no neighborhood ${id}.`);
  return row;
}

/** The neighborhood's coordination lieutenant at an instant (the meeting's default host). */
export async function lieutenantAt(
  executor: Executor,
  neighborhoodId: string,
  at: Date,
): Promise<string | null> {
  const [row] = await executor
    .select({ personnelId: assignments.personnelId })
    .from(assignments)
    .where(
      and(
        eq(assignments.neighborhoodId, neighborhoodId),
        eq(assignments.role, 'coordination_lieutenant'),
        isNull(assignments.supersededBy),
        lte(assignments.startsAt, at),
        or(isNull(assignments.endsAt), gt(assignments.endsAt, at)),
      ),
    )
    .limit(1);
  return row?.personnelId ?? null;
}

async function assertPeopleExist(executor: Executor, ids: string[], path: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await executor.select({ id: personnel.id }).from(personnel).where(inArray(personnel.id, ids));
  const known = new Set(found.map((row) => row.id));
  const missing = ids.findIndex((id) => !known.has(id));
  if (missing >= 0)
    throw new ValidationError('A person named in the meeting is not on the roster.', [
      {
        path: path.includes('[]') ? path.replace('[]', `.${missing}`) : path,
        message: 'is not a person on the roster',
        in: 'body',
      },
    ]);
}

function checkInterval(startsAt: Date, endsAt: Date): void {
  if (endsAt <= startsAt)
    throw new ValidationError('A meeting ends after it starts.', [
      { path: 'endsAt', message: 'must be after startsAt', in: 'body' },
    ]);
  if (endsAt.getTime() - startsAt.getTime() > 24 * 3_600_000)
    throw new ValidationError('A meeting lasts at most a day.', [
      { path: 'endsAt', message: 'must be within 24 hours of startsAt', in: 'body' },
    ]);
}

/** Coordinates: given ones win; otherwise the address is geocoded; an unmatched address keeps none. */
async function placeOf(
  ctx: MeetingsContext,
  input: {
    address?: string | null | undefined;
    lat?: number | null | undefined;
    lon?: number | null | undefined;
  },
): Promise<{ lat: number | null; lon: number | null }> {
  if ((input.lat == null) !== (input.lon == null))
    throw new ValidationError('Give both coordinates or neither.', [
      {
        path: input.lat == null ? 'lat' : 'lon',
        message: 'is required with the other coordinate',
        in: 'body',
      },
    ]);
  if (input.lat != null && input.lon != null) return { lat: input.lat, lon: input.lon };
  if (input.address) {
    const point = await ctx.geocode(input.address);
    if (point) return point;
  }
  return { lat: null, lon: null };
}

export async function createMeeting(ctx: MeetingsContext, input: CreateMeetingBody): Promise<Meeting> {
  const startsAt = new Date(input.startsAt);
  const endsAt = input.endsAt ? new Date(input.endsAt) : new Date(startsAt.getTime() + DEFAULT_DURATION_MS);
  checkInterval(startsAt, endsAt);
  const timeZone = checkTimeZone(input.timeZone ?? ctx.timeZone);
  const place = await placeOf(ctx, input);
  const id = await withTransaction(ctx.db, async (tx) => {
    await requireNeighborhood(tx, input.neighborhoodId);
    assertCanPlan(ctx.caller, input.neighborhoodId);
    const lieutenantId =
      input.lieutenantId === undefined
        ? await lieutenantAt(tx, input.neighborhoodId, startsAt)
        : input.lieutenantId;
    const staffIds = [...new Set(input.staffIds ?? [])];
    await assertPeopleExist(tx, lieutenantId ? [lieutenantId] : [], 'lieutenantId');
    await assertPeopleExist(tx, staffIds, 'staffIds[]');
    const [row] = await tx
      .insert(meetings)
      .values({
        neighborhoodId: input.neighborhoodId,
        kind: input.kind,
        title: localized(input.title),
        publicDescription: input.publicDescription ?? null,
        startsAt,
        endsAt,
        timeZone,
        locationName: input.locationName ?? null,
        address: input.address ?? null,
        lat: place.lat,
        lon: place.lon,
        onlineUrl: input.onlineUrl ?? null,
        lieutenantId,
        partnerOrganizations: input.partnerOrganizations ?? [],
        agenda: input.agenda ?? [],
        languages: input.languages ?? ['en'],
        interpretation: input.interpretation ?? [],
        internalNotes: input.internalNotes ?? null,
        createdBy: ctx.caller.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    if (staffIds.length > 0)
      await tx
        .insert(meetingStaff)
        .values(staffIds.map((personnelId) => ({ meetingId: row.id, personnelId })));
    await recordAudit(tx, ctx.actor, {
      action: 'meeting.created',
      entityType: 'meeting',
      entityId: row.id,
      after: row,
    });
    return row.id;
  });
  await ctx.announcePublicChange();
  return loadMeeting(ctx.db, id, ctx.timeZone);
}

/** Fields only planners change; staff record minutes and attendance only. */
const planningFields = [
  'title',
  'publicDescription',
  'kind',
  'startsAt',
  'endsAt',
  'timeZone',
  'locationName',
  'address',
  'lat',
  'lon',
  'onlineUrl',
  'lieutenantId',
  'staffIds',
  'partnerOrganizations',
  'agenda',
  'languages',
  'interpretation',
  'cancelReason',
] as const satisfies ReadonlyArray<keyof UpdateMeetingBody>;

/**
 * Changes a meeting. Rules: a new time is kept in the reschedule history; "held" needs attendance
 * and a start in the past; "cancelled" needs a reason and only a planned meeting can be cancelled;
 * a cancelled meeting can be planned again. Time, place and status changes bump the iCalendar SEQUENCE.
 */
export async function updateMeeting(
  ctx: MeetingsContext,
  id: string,
  input: Omit<UpdateMeetingBody, 'version'>,
  precondition: VersionPrecondition,
  now: Date = new Date(),
): Promise<Meeting> {
  await withTransaction(ctx.db, async (tx) => {
    const before = await loadMeetingRow(tx, id);
    await tx.execute(sql`select 1 from ${meetings} where ${meetings.id} = ${id} for update`);
    assertFresh(precondition, before.version, 'The meeting');
    assertCanRecord(ctx.caller, before.neighborhoodId);
    const plans = planningFields.some((field) => input[field] !== undefined) || input.status === 'cancelled';
    if (plans && !canPlan(ctx.caller, before.neighborhoodId))
      throw new ForbiddenError(
        "Only the neighborhood's coordination lieutenant, a supervisor or an admin changes the plan of a meeting (time, place, agenda, cancelling); staff record minutes and attendance.",
      );

    const startsAt = input.startsAt ? new Date(input.startsAt) : before.startsAt;
    const endsAt = input.endsAt
      ? new Date(input.endsAt)
      : input.startsAt
        ? new Date(startsAt.getTime() + (before.endsAt.getTime() - before.startsAt.getTime()))
        : before.endsAt;
    checkInterval(startsAt, endsAt);
    const timeChanged =
      startsAt.getTime() !== before.startsAt.getTime() || endsAt.getTime() !== before.endsAt.getTime();

    const status = input.status ?? before.status;
    if (timeChanged && before.status !== 'planned')
      throw new ConflictError(`A ${before.status} meeting keeps its time; plan it again first.`);
    if (status !== before.status) {
      if (status === 'cancelled' && before.status !== 'planned')
        throw new ConflictError('Only a planned meeting can be cancelled.');
      if (status === 'held' && before.status !== 'planned')
        throw new ConflictError('Only a planned meeting can be recorded as held.');
      if (status === 'planned' && before.status !== 'cancelled')
        throw new ConflictError('A held meeting stays held.');
      if (status === 'held' && startsAt > now)
        throw new ConflictError('A meeting is recorded as held once it has started.');
    }
    const cancelReason =
      status === 'cancelled'
        ? (input.cancelReason ?? (before.status === 'cancelled' ? before.cancelReason : null))
        : null;
    if (status === 'cancelled' && !cancelReason)
      throw new ValidationError('Say why the meeting is cancelled.', [
        { path: 'cancelReason', message: 'is required to cancel a meeting', in: 'body' },
      ]);
    if (input.cancelReason && status !== 'cancelled')
      throw new ValidationError('Only a cancelled meeting has a cancel reason.', [
        { path: 'cancelReason', message: 'is only for status "cancelled"', in: 'body' },
      ]);
    const attendanceCount =
      input.attendanceCount === undefined ? before.attendanceCount : input.attendanceCount;
    const residentCount = input.residentCount === undefined ? before.residentCount : input.residentCount;
    if (status === 'held' && attendanceCount == null)
      throw new ValidationError('Record how many people attended.', [
        { path: 'attendanceCount', message: 'is required for a held meeting', in: 'body' },
      ]);
    if (residentCount != null && attendanceCount != null && residentCount > attendanceCount)
      throw new ValidationError('Residents are counted among all attendees.', [
        { path: 'residentCount', message: 'must not exceed attendanceCount', in: 'body' },
      ]);
    const timeZone = input.timeZone ? checkTimeZone(input.timeZone) : before.timeZone;
    const addressChanged = input.address !== undefined && input.address !== before.address;
    const place =
      input.lat !== undefined || input.lon !== undefined || addressChanged
        ? await placeOf(ctx, { address: input.address ?? before.address, lat: input.lat, lon: input.lon })
        : { lat: before.lat, lon: before.lon };
    if (input.lieutenantId) await assertPeopleExist(tx, [input.lieutenantId], 'lieutenantId');
    if (input.staffIds) await assertPeopleExist(tx, [...new Set(input.staffIds)], 'staffIds[]');
    const placeChanged =
      addressChanged ||
      (input.onlineUrl !== undefined && input.onlineUrl !== before.onlineUrl) ||
      (input.locationName !== undefined && input.locationName !== before.locationName);
    const visibleChange =
      timeChanged || placeChanged || status !== before.status || input.title !== undefined;

    const [after] = await tx
      .update(meetings)
      .set({
        ...(input.title !== undefined ? { title: localized(input.title) } : {}),
        ...(input.publicDescription !== undefined ? { publicDescription: input.publicDescription } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        startsAt,
        endsAt,
        timeZone,
        ...(input.locationName !== undefined ? { locationName: input.locationName } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        lat: place.lat,
        lon: place.lon,
        ...(input.onlineUrl !== undefined ? { onlineUrl: input.onlineUrl } : {}),
        ...(input.lieutenantId !== undefined ? { lieutenantId: input.lieutenantId } : {}),
        ...(input.partnerOrganizations !== undefined
          ? { partnerOrganizations: input.partnerOrganizations }
          : {}),
        ...(input.agenda !== undefined ? { agenda: input.agenda } : {}),
        ...(input.languages !== undefined ? { languages: input.languages } : {}),
        ...(input.interpretation !== undefined ? { interpretation: input.interpretation } : {}),
        ...(input.internalNotes !== undefined ? { internalNotes: input.internalNotes } : {}),
        ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
        ...(input.publicSummary !== undefined ? { publicSummary: input.publicSummary } : {}),
        status,
        cancelReason,
        attendanceCount,
        residentCount,
        sequence: visibleChange ? before.sequence + 1 : before.sequence,
        updatedAt: now,
        version: before.version + 1,
      })
      .where(eq(meetings.id, id))
      .returning();
    if (input.staffIds !== undefined) {
      await tx.delete(meetingStaff).where(eq(meetingStaff.meetingId, id));
      const staffIds = [...new Set(input.staffIds)];
      if (staffIds.length > 0)
        await tx.insert(meetingStaff).values(staffIds.map((personnelId) => ({ meetingId: id, personnelId })));
    }
    if (timeChanged)
      await tx.insert(meetingReschedules).values({
        meetingId: id,
        previousStartsAt: before.startsAt,
        previousEndsAt: before.endsAt,
        startsAt,
        endsAt,
        reason: input.rescheduleReason ?? null,
        changedBy: ctx.caller.userId,
      });
    await recordAudit(tx, ctx.actor, {
      action:
        status !== before.status
          ? `meeting.${status}`
          : timeChanged
            ? 'meeting.rescheduled'
            : 'meeting.updated',
      entityType: 'meeting',
      entityId: id,
      before,
      after,
    });
  });
  await ctx.announcePublicChange();
  return loadMeeting(ctx.db, id, ctx.timeZone);
}
