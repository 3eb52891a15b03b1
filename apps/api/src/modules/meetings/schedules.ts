import type { MeetingSchedule } from '@nsp/contracts';
import type { createMeetingScheduleBodySchema } from '@nsp/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Database, Executor } from '../../db/client.ts';
import { meetingSchedules, meetings } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { BackgroundJob } from '../../lib/background-jobs.ts';
import { type AuditActor, recordAudit, systemActor } from '../audit/audit-log.ts';
import { assertCanPlan, type MeetingsContext } from './context.ts';
import { checkTimeZone, lieutenantAt, localized, requireNeighborhood } from './meeting-service.ts';

type ScheduleRow = typeof meetingSchedules.$inferSelect;

const ordinals: Record<number, string> = { 1: 'First', 2: 'Second', 3: 'Third', 4: 'Fourth', [-1]: 'Last' };
const weekdays = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function describeSchedule(
  row: Pick<ScheduleRow, 'frequency' | 'weekday' | 'weekOfMonth' | 'localTime'>,
) {
  return row.frequency === 'weekly'
    ? `Every ${weekdays[row.weekday]}, ${row.localTime}`
    : `${ordinals[row.weekOfMonth ?? 1]} ${weekdays[row.weekday]} of each month, ${row.localTime}`;
}

const present = (row: ScheduleRow): MeetingSchedule => ({
  id: row.id,
  neighborhoodId: row.neighborhoodId,
  kind: row.kind,
  title: row.title,
  frequency: row.frequency,
  weekday: row.weekday,
  weekOfMonth: row.weekOfMonth,
  localTime: row.localTime,
  durationMinutes: row.durationMinutes,
  timeZone: row.timeZone,
  locationName: row.locationName,
  address: row.address,
  onlineUrl: row.onlineUrl,
  monthsAhead: row.monthsAhead,
  generatedThrough: row.generatedThrough,
  active: row.active,
  description: describeSchedule(row),
});

/**
 * The local dates a plan falls on in (after, through]: every such weekday, or the nth (or last)
 * such weekday of each month. Dates, not instants: the wall-clock time is applied per date, so a
 * 18:30 meeting stays at 18:30 across the daylight-saving changes.
 */
export function occurrenceDates(
  rule: Pick<ScheduleRow, 'frequency' | 'weekday' | 'weekOfMonth'>,
  after: DateTime,
  through: DateTime,
): DateTime[] {
  const dates: DateTime[] = [];
  let day = after.plus({ days: 1 }).startOf('day');
  while (day <= through) {
    if (day.weekday === rule.weekday) {
      if (rule.frequency === 'weekly') dates.push(day);
      else {
        const nth = Math.ceil(day.day / 7);
        const isLast = day.plus({ days: 7 }).month !== day.month;
        if (rule.weekOfMonth === nth || (rule.weekOfMonth === -1 && isLast)) dates.push(day);
      }
    }
    day = day.plus({ days: 1 });
  }
  return dates;
}

/** Creates the plan's meetings up to `monthsAhead` from `now` that were not created before. */
export async function createScheduledMeetings(
  executor: Executor,
  schedule: ScheduleRow,
  actor: AuditActor,
  now: Date,
) {
  const zone = schedule.timeZone;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const after = schedule.generatedThrough
    ? DateTime.max(DateTime.fromISO(schedule.generatedThrough, { zone }), today.minus({ days: 1 }))
    : today.minus({ days: 1 });
  const through = today.plus({ months: schedule.monthsAhead });
  const [hour, minute] = schedule.localTime.split(':').map(Number) as [number, number];
  let created = 0;
  for (const date of occurrenceDates(schedule, after, through)) {
    const start = date.set({ hour, minute });
    if (start.toJSDate() <= now) continue;
    const startsAt = start.toJSDate();
    const [row] = await executor
      .insert(meetings)
      .values({
        neighborhoodId: schedule.neighborhoodId,
        kind: schedule.kind,
        title: schedule.title,
        startsAt,
        endsAt: start.plus({ minutes: schedule.durationMinutes }).toJSDate(),
        timeZone: zone,
        locationName: schedule.locationName,
        address: schedule.address,
        onlineUrl: schedule.onlineUrl,
        lieutenantId:
          schedule.lieutenantId ?? (await lieutenantAt(executor, schedule.neighborhoodId, startsAt)),
        languages: schedule.languages,
        interpretation: schedule.interpretation,
        scheduleId: schedule.id,
        createdBy: schedule.createdBy,
      })
      .returning({ id: meetings.id });
    await recordAudit(executor, actor, {
      action: 'meeting.created',
      entityType: 'meeting',
      entityId: row?.id ?? null,
      after: { scheduleId: schedule.id, startsAt },
    });
    created++;
  }
  await executor
    .update(meetingSchedules)
    .set({ generatedThrough: through.toISODate() })
    .where(eq(meetingSchedules.id, schedule.id));
  return created;
}

export async function createMeetingSchedule(
  ctx: MeetingsContext,
  input: z.infer<typeof createMeetingScheduleBodySchema>,
  now: Date = new Date(),
) {
  const result = await withTransaction(ctx.db, async (tx) => {
    await requireNeighborhood(tx, input.neighborhoodId);
    assertCanPlan(ctx.caller, input.neighborhoodId);
    const [row] = await tx
      .insert(meetingSchedules)
      .values({
        neighborhoodId: input.neighborhoodId,
        kind: input.kind,
        title: localized(input.title),
        frequency: input.frequency,
        weekday: input.weekday,
        weekOfMonth: input.frequency === 'monthly' ? (input.weekOfMonth ?? null) : null,
        localTime: input.localTime,
        durationMinutes: input.durationMinutes,
        timeZone: checkTimeZone(input.timeZone ?? ctx.timeZone),
        locationName: input.locationName ?? null,
        address: input.address ?? null,
        onlineUrl: input.onlineUrl ?? null,
        languages: input.languages ?? ['en'],
        interpretation: input.interpretation ?? [],
        monthsAhead: input.monthsAhead,
        createdBy: ctx.caller.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx.actor, {
      action: 'meeting_schedule.created',
      entityType: 'meeting_schedule',
      entityId: row.id,
      after: row,
    });
    const created = await createScheduledMeetings(tx, row, ctx.actor, now);
    const [updated] = await tx.select().from(meetingSchedules).where(eq(meetingSchedules.id, row.id));
    return { ...present(updated ?? row), created };
  });
  await ctx.announcePublicChange();
  return result;
}

export async function listMeetingSchedules(executor: Executor, neighborhoodId?: string) {
  const rows = await executor
    .select()
    .from(meetingSchedules)
    .where(neighborhoodId ? eq(meetingSchedules.neighborhoodId, neighborhoodId) : undefined)
    .orderBy(asc(meetingSchedules.createdAt));
  return rows.map(present);
}

/** Keeps every active plan's meetings created `monthsAhead` ahead (daily). */
export async function extendMeetingSchedules(db: Database, now: Date = new Date()) {
  const active = await db
    .select()
    .from(meetingSchedules)
    .where(and(eq(meetingSchedules.active, true)));
  let created = 0;
  for (const schedule of active) {
    created += await withTransaction(db, async (tx) => {
      const [locked] = await tx
        .select()
        .from(meetingSchedules)
        .where(eq(meetingSchedules.id, schedule.id))
        .for('update', { skipLocked: true });
      return locked ? createScheduledMeetings(tx, locked, systemActor, now) : 0;
    });
  }
  return { schedules: active.length, created };
}

export const meetingScheduleJob = (announce: () => Promise<void>): BackgroundJob => ({
  name: 'meeting-schedules',
  cron: '20 2 * * *',
  async run({ db }) {
    const result = await extendMeetingSchedules(db);
    if (result.created > 0) await announce();
    return result;
  },
});
