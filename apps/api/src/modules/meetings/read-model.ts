import type { ActionItem, Meeting, MeetingSummary } from '@nsp/contracts';
import { openActionItemStatuses } from '@nsp/contracts';
import { and, asc, eq, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import {
  actionItemNotes,
  actionItems,
  meetingProblems,
  meetingReschedules,
  meetings,
  meetingStaff,
  neighborhoods,
  personnel,
  users,
} from '../../db/schema/index.ts';
import { iso } from '../../lib/iso.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { meetingPrioritiesReport } from '../priorities/meeting-report.ts';

type MeetingRow = typeof meetings.$inferSelect;

/** Today's date in the department's calendar: an item due today is not overdue until tomorrow. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate() ?? now.toISOString().slice(0, 10);
}

/**
 * A closed item stays on the carried-forward list of the meeting it was closed at: items closed from
 * half a day before the start on count as "closed there".
 */
const CLOSED_AT_MEETING_SLACK_MS = 12 * 3_600_000;

const lieutenantPeople = alias(personnel, 'lieutenant_people');

export async function loadMeetingRow(executor: Executor, id: string): Promise<MeetingRow> {
  const [row] = await executor.select().from(meetings).where(eq(meetings.id, id)).limit(1);
  if (!row) throw new NotFoundError(`There is no meeting ${id}.`);
  return row;
}

export async function listMeetingSummaries(
  executor: Executor,
  filter: {
    neighborhoodId?: string | undefined;
    status?: string | undefined;
    saraCaseId?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    limit: number;
  },
): Promise<MeetingSummary[]> {
  const conditions = [
    filter.neighborhoodId ? eq(meetings.neighborhoodId, filter.neighborhoodId) : undefined,
    filter.status ? eq(meetings.status, filter.status as MeetingRow['status']) : undefined,
    filter.saraCaseId
      ? sql`exists (select 1 from ${meetingProblems} where ${meetingProblems.meetingId} = ${meetings.id} and ${meetingProblems.saraCaseId} = ${filter.saraCaseId})`
      : undefined,
    filter.from ? gte(meetings.startsAt, filter.from) : undefined,
    filter.to ? lt(meetings.startsAt, filter.to) : undefined,
  ].filter((condition) => condition !== undefined);
  const rows = await executor
    .select({
      meeting: meetings,
      neighborhoodName: neighborhoods.name,
      lieutenantName: lieutenantPeople.name,
      openActionItems: sql<number>`(select count(*)::int from ${actionItems} where ${actionItems.meetingId} = ${meetings.id} and ${actionItems.status} in ('open', 'in_progress'))`,
    })
    .from(meetings)
    .innerJoin(neighborhoods, eq(neighborhoods.id, meetings.neighborhoodId))
    .leftJoin(lieutenantPeople, eq(lieutenantPeople.id, meetings.lieutenantId))
    .where(and(...conditions))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(filter.limit);
  return rows.map((row) =>
    summaryOf(row.meeting, row.neighborhoodName, row.lieutenantName, row.openActionItems),
  );
}

function summaryOf(
  row: MeetingRow,
  neighborhoodName: string,
  lieutenantName: string | null,
  openActionItems: number,
): MeetingSummary {
  return {
    id: row.id,
    neighborhoodId: row.neighborhoodId,
    neighborhoodName,
    kind: row.kind,
    status: row.status,
    title: row.title,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    timeZone: row.timeZone,
    locationName: row.locationName,
    address: row.address,
    onlineUrl: row.onlineUrl,
    lieutenant: row.lieutenantId && lieutenantName ? { id: row.lieutenantId, name: lieutenantName } : null,
    attendanceCount: row.attendanceCount,
    openActionItems: Number(openActionItems),
    scheduleId: row.scheduleId,
  };
}

const ownerPeople = alias(personnel, 'owner_people');
const closers = alias(users, 'closers');

/** Action items with their meeting, owner, closer and progress notes, oldest first. */
export async function loadActionItems(
  executor: Executor,
  where: ReturnType<typeof and>,
  timeZone: string,
  limit = 500,
): Promise<ActionItem[]> {
  const rows = await executor
    .select({
      item: actionItems,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      ownerName: ownerPeople.name,
      closerName: closers.name,
    })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .leftJoin(ownerPeople, eq(ownerPeople.id, actionItems.ownerId))
    .leftJoin(closers, eq(closers.id, actionItems.closedBy))
    .where(where)
    .orderBy(asc(meetings.startsAt), asc(actionItems.createdAt), asc(actionItems.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const notes = await executor
    .select({ note: actionItemNotes, authorName: users.name })
    .from(actionItemNotes)
    .leftJoin(users, eq(users.id, actionItemNotes.createdBy))
    .where(
      inArray(
        actionItemNotes.actionItemId,
        rows.map((row) => row.item.id),
      ),
    )
    .orderBy(asc(actionItemNotes.createdAt), asc(actionItemNotes.id));
  const today = todayIn(timeZone);
  return rows.map(({ item, meetingTitle, meetingStartsAt, ownerName, closerName }) => ({
    id: item.id,
    meetingId: item.meetingId,
    meetingTitle: meetingTitle.en,
    meetingStartsAt: iso(meetingStartsAt),
    neighborhoodId: item.neighborhoodId,
    title: item.title,
    owner: item.ownerId && ownerName ? { id: item.ownerId, name: ownerName } : null,
    dueDate: item.dueDate,
    status: item.status,
    overdue: openActionItemStatuses.includes(item.status) && item.dueDate !== null && item.dueDate < today,
    closedAt: iso(item.closedAt),
    closedBy: item.closedBy && closerName ? { id: item.closedBy, name: closerName } : null,
    notes: notes
      .filter(({ note }) => note.actionItemId === item.id)
      .map(({ note, authorName }) => ({
        id: note.id,
        body: note.body,
        meetingId: note.meetingId,
        createdAt: iso(note.createdAt),
        createdBy: authorName,
      })),
    createdAt: iso(item.createdAt),
    version: item.version,
  }));
}

export async function loadActionItem(executor: Executor, id: string, timeZone: string): Promise<ActionItem> {
  const [item] = await loadActionItems(executor, and(eq(actionItems.id, id)), timeZone, 1);
  if (!item) throw new NotFoundError(`There is no action item ${id}.`);
  return item;
}

/** The whole meeting as staff see it, with its own items and the neighborhood's carried-forward ones. */
export async function loadMeeting(executor: Executor, id: string, timeZone: string): Promise<Meeting> {
  const [row] = await executor
    .select({
      meeting: meetings,
      neighborhoodName: neighborhoods.name,
      lieutenantName: lieutenantPeople.name,
    })
    .from(meetings)
    .innerJoin(neighborhoods, eq(neighborhoods.id, meetings.neighborhoodId))
    .leftJoin(lieutenantPeople, eq(lieutenantPeople.id, meetings.lieutenantId))
    .where(eq(meetings.id, id))
    .limit(1);
  if (!row) throw new NotFoundError(`There is no meeting ${id}.`);
  const meeting = row.meeting;
  const [staff, reschedules, problems, own, carriedForward, prioritiesReport] = await Promise.all([
    executor
      .select({ id: personnel.id, name: personnel.name })
      .from(meetingStaff)
      .innerJoin(personnel, eq(personnel.id, meetingStaff.personnelId))
      .where(eq(meetingStaff.meetingId, id))
      .orderBy(asc(personnel.name)),
    executor
      .select()
      .from(meetingReschedules)
      .where(eq(meetingReschedules.meetingId, id))
      .orderBy(asc(meetingReschedules.changedAt)),
    executor
      .select()
      .from(meetingProblems)
      .where(eq(meetingProblems.meetingId, id))
      .orderBy(asc(meetingProblems.createdAt), asc(meetingProblems.id)),
    loadActionItems(executor, and(eq(actionItems.meetingId, id)), timeZone),
    loadActionItems(
      executor,
      and(
        eq(actionItems.neighborhoodId, meeting.neighborhoodId),
        lt(meetings.startsAt, meeting.startsAt),
        or(
          inArray(actionItems.status, [...openActionItemStatuses]),
          and(
            isNotNull(actionItems.closedAt),
            gte(actionItems.closedAt, new Date(meeting.startsAt.getTime() - CLOSED_AT_MEETING_SLACK_MS)),
          ),
        ),
      ),
      timeZone,
    ),
    meetingPrioritiesReport(executor, meeting),
  ]);
  const openHere = own.filter((item) => openActionItemStatuses.includes(item.status)).length;
  return {
    ...summaryOf(meeting, row.neighborhoodName, row.lieutenantName, openHere),
    publicDescription: meeting.publicDescription,
    lat: meeting.lat,
    lon: meeting.lon,
    staff,
    partnerOrganizations: meeting.partnerOrganizations,
    agenda: meeting.agenda.map((item) => ({ ...item, public: item.public })),
    languages: meeting.languages,
    interpretation: meeting.interpretation,
    residentCount: meeting.residentCount,
    minutes: meeting.minutes,
    publicSummary: meeting.publicSummary,
    internalNotes: meeting.internalNotes,
    cancelReason: meeting.cancelReason,
    reschedules: reschedules.map((change) => ({
      previousStartsAt: iso(change.previousStartsAt),
      previousEndsAt: iso(change.previousEndsAt),
      startsAt: iso(change.startsAt),
      endsAt: iso(change.endsAt),
      reason: change.reason,
      changedAt: iso(change.changedAt),
    })),
    problems: problems.map((problem) => ({
      id: problem.id,
      description: problem.description,
      serviceRequestId: problem.serviceRequestId,
      saraCaseId: problem.saraCaseId,
      createdAt: iso(problem.createdAt),
    })),
    actionItems: own,
    carriedForward,
    prioritiesReport,
    createdAt: iso(meeting.createdAt),
    updatedAt: iso(meeting.updatedAt),
    version: meeting.version,
  };
}
