import type { ServiceDeskSettings } from '@nsp/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type HolidayEntry, serviceDeskSettings } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { ValidationError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import {
  addServiceHours,
  type BusinessCalendar,
  BusinessCalendarConfigError,
  defaultWeeklyHours,
  type WeeklyHours,
} from '../service-requests/sla-clock.ts';

/** The service desk's settings as the rest of the code uses them. */
export interface DeskSettings {
  calendar: BusinessCalendar;
  holidays: HolidayEntry[];
  reopenWindowDays: number;
  updatedAt: Date | null;
  version: number;
}

export const defaultReopenWindowDays = 30;

type SettingsRow = typeof serviceDeskSettings.$inferSelect;

function fromRow(row: SettingsRow | undefined, timeZone: string): DeskSettings {
  const holidays = row?.holidays ?? [];
  return {
    calendar: {
      timeZone,
      weeklyHours: (row?.weeklyHours as WeeklyHours | undefined) ?? defaultWeeklyHours,
      holidays: holidays.map((holiday) => holiday.date),
    },
    holidays,
    reopenWindowDays: row?.reopenWindowDays ?? defaultReopenWindowDays,
    updatedAt: row?.updatedAt ?? null,
    // A database that never saved settings is at version 0: the defaults.
    version: row?.version ?? 0,
  };
}

/** Reads the settings row (or the defaults when nobody has saved settings yet). */
export async function loadDeskSettings(executor: Executor, timeZone: string): Promise<DeskSettings> {
  const [row] = await executor
    .select()
    .from(serviceDeskSettings)
    .where(eq(serviceDeskSettings.id, 1))
    .limit(1);
  return fromRow(row, timeZone);
}

export function toDeskSettingsDto(settings: DeskSettings, trackingPrefix: string): ServiceDeskSettings {
  return {
    timeZone: settings.calendar.timeZone,
    weeklyHours: settings.calendar.weeklyHours,
    holidays: [...settings.holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    reopenWindowDays: settings.reopenWindowDays,
    trackingPrefix,
    updatedAt: iso(settings.updatedAt),
    version: settings.version,
  };
}

export async function updateDeskSettings(
  executor: Executor,
  actor: AuditActor,
  timeZone: string,
  input: {
    weeklyHours?: WeeklyHours | undefined;
    holidays?: HolidayEntry[] | undefined;
    reopenWindowDays?: number | undefined;
  },
  precondition: VersionPrecondition,
): Promise<DeskSettings> {
  return withTransaction(executor, async (tx) => {
    const [before] = await tx
      .select()
      .from(serviceDeskSettings)
      .where(eq(serviceDeskSettings.id, 1))
      .for('update')
      .limit(1);
    const current = fromRow(before, timeZone);
    assertFresh(precondition, current.version, 'The service desk settings');
    const weeklyHours = input.weeklyHours ?? current.calendar.weeklyHours;
    assertUsableCalendar({
      timeZone,
      weeklyHours,
      holidays: (input.holidays ?? current.holidays).map((h) => h.date),
    });
    const values = {
      weeklyHours,
      holidays: input.holidays ?? current.holidays,
      reopenWindowDays: input.reopenWindowDays ?? current.reopenWindowDays,
      updatedAt: new Date(),
      updatedBy: actor.id,
    };
    const [after] = await tx
      .insert(serviceDeskSettings)
      .values({ id: 1, ...values, version: 1 })
      .onConflictDoUpdate({
        target: serviceDeskSettings.id,
        set: { ...values, version: sql`${serviceDeskSettings.version} + 1` },
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'service_desk_settings.updated',
      entityType: 'service_desk_settings',
      entityId: '1',
      before: before
        ? {
            weeklyHours: before.weeklyHours,
            holidays: before.holidays,
            reopenWindowDays: before.reopenWindowDays,
          }
        : null,
      after: {
        weeklyHours: values.weeklyHours,
        holidays: values.holidays,
        reopenWindowDays: values.reopenWindowDays,
      },
    });
    return fromRow(after, timeZone);
  });
}

/** Refuses a calendar the SLA clock cannot count in (e.g. overlapping intervals on one day). */
function assertUsableCalendar(calendar: BusinessCalendar): void {
  try {
    addServiceHours(new Date(), 1, 'business', calendar);
  } catch (error) {
    if (!(error instanceof BusinessCalendarConfigError)) throw error;
    throw new ValidationError(`The business calendar cannot be used: ${error.message}.`, [
      { path: 'weeklyHours', message: error.message, in: 'body' },
    ]);
  }
}
