import {
  type NotificationChannel,
  type NotificationPreferences,
  notificationChannelValues,
  type StaffNotificationKind,
  staffNotificationKinds,
  type UpdateNotificationPreferencesBody,
} from '@nsp/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { notificationPreferences, notificationSettings, users } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import type { QuietHours } from './quiet-hours.ts';

/**
 * What a user gets for a kind they never chose about. In-app for everything; e-mail for what is rare
 * and needs acting on (breaches, reassignment, overdue action items) but not for each new request
 * routed to a lieutenant, which would be one e-mail per intake.
 */
export const defaultChannels: Readonly<
  Record<StaffNotificationKind, Readonly<Record<NotificationChannel, boolean>>>
> = {
  assigned: { in_app: true, email: false },
  sla_breached: { in_app: true, email: true },
  reassigned: { in_app: true, email: true },
  action_item_overdue: { in_app: true, email: true },
  // Rare and possibly an attack on the account: worth an e-mail too.
  account_locked: { in_app: true, email: true },
  // Rare, and an integration has stopped receiving events until someone acts.
  webhook_disabled: { in_app: true, email: true },
};

export interface DeliverySettings {
  dailyDigest: boolean;
  digestHour: number;
  quietHours: QuietHours | null;
  version: number;
}

const noSettings: DeliverySettings = { dailyDigest: false, digestHour: 7, quietHours: null, version: 0 };

/** Each recipient's channels for one kind: their choices over the defaults. */
export async function channelsFor(
  executor: Executor,
  userIds: readonly string[],
  kind: StaffNotificationKind,
): Promise<Map<string, Set<NotificationChannel>>> {
  const chosen = new Map<string, Set<NotificationChannel>>();
  if (userIds.length === 0) return chosen;
  const unique = [...new Set(userIds)];
  const rows = await executor
    .select({
      userId: notificationPreferences.userId,
      channel: notificationPreferences.channel,
      enabled: notificationPreferences.enabled,
    })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, unique), eq(notificationPreferences.kind, kind)));
  const overrides = new Map(rows.map((row) => [`${row.userId}:${row.channel}`, row.enabled]));
  for (const userId of unique) {
    const channels = new Set<NotificationChannel>();
    for (const channel of notificationChannelValues) {
      if (overrides.get(`${userId}:${channel}`) ?? defaultChannels[kind][channel]) channels.add(channel);
    }
    chosen.set(userId, channels);
  }
  return chosen;
}

export async function deliverySettingsOf(
  executor: Executor,
  userIds: readonly string[],
): Promise<Map<string, DeliverySettings>> {
  const result = new Map<string, DeliverySettings>();
  if (userIds.length === 0) return result;
  const rows = await executor
    .select()
    .from(notificationSettings)
    .where(inArray(notificationSettings.userId, [...new Set(userIds)]));
  for (const row of rows) {
    result.set(row.userId, {
      dailyDigest: row.dailyDigest,
      digestHour: row.digestHour,
      quietHours:
        row.quietHoursStart && row.quietHoursEnd
          ? { start: row.quietHoursStart, end: row.quietHoursEnd }
          : null,
      version: row.version,
    });
  }
  return result;
}

/** A user's preferences as the API shows them (every kind, chosen or default). */
export async function readPreferences(executor: Executor, userId: string): Promise<NotificationPreferences> {
  const [user] = await executor.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new NotFoundError(`No user ${userId}.`);
  const [rows, settings] = await Promise.all([
    executor
      .select({
        kind: notificationPreferences.kind,
        channel: notificationPreferences.channel,
        enabled: notificationPreferences.enabled,
      })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, userId)),
    deliverySettingsOf(executor, [userId]),
  ]);
  const chosen = new Map(rows.map((row) => [`${row.kind}:${row.channel}`, row.enabled]));
  const setting = settings.get(userId) ?? noSettings;
  return {
    userId,
    preferences: staffNotificationKinds.map((kind) => ({
      kind,
      inApp: chosen.get(`${kind}:in_app`) ?? defaultChannels[kind].in_app,
      email: chosen.get(`${kind}:email`) ?? defaultChannels[kind].email,
    })),
    dailyDigest: setting.dailyDigest,
    digestHour: setting.digestHour,
    quietHours: setting.quietHours,
    version: setting.version,
  };
}

export interface PreferencesContext {
  db: Database;
  actor: AuditActor;
}

/**
 * Changes a user's preferences (their own, or any user's for an administrator). The settings row's
 * version guards the whole set: If-Match with the version read, 412 when someone changed it since.
 */
export async function updatePreferences(
  ctx: PreferencesContext,
  userId: string,
  input: Omit<UpdateNotificationPreferencesBody, 'version'>,
  precondition: VersionPrecondition,
): Promise<NotificationPreferences> {
  return withTransaction(ctx.db, async (tx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.id, userId))
      .for('update')
      .limit(1);
    if (!user) throw new NotFoundError(`No user ${userId}.`);
    const before = await readPreferences(tx, userId);
    assertFresh(precondition, before.version, 'These notification preferences');
    const now = new Date();
    if (input.preferences && input.preferences.length > 0) {
      await tx
        .insert(notificationPreferences)
        .values(
          input.preferences.flatMap((preference) => [
            {
              userId,
              kind: preference.kind,
              channel: 'in_app' as const,
              enabled: preference.inApp,
              updatedAt: now,
            },
            {
              userId,
              kind: preference.kind,
              channel: 'email' as const,
              enabled: preference.email,
              updatedAt: now,
            },
          ]),
        )
        .onConflictDoUpdate({
          target: [
            notificationPreferences.userId,
            notificationPreferences.kind,
            notificationPreferences.channel,
          ],
          set: { enabled: sql`excluded.enabled`, updatedAt: now },
        });
    }
    const quiet = input.quietHours === undefined ? before.quietHours : input.quietHours;
    const settings = {
      dailyDigest: input.dailyDigest ?? before.dailyDigest,
      digestHour: input.digestHour ?? before.digestHour,
      quietHoursStart: quiet?.start ?? null,
      quietHoursEnd: quiet?.end ?? null,
      updatedAt: now,
    };
    // Every change moves the version, preferences included, so an If-Match always sees it.
    await tx
      .insert(notificationSettings)
      .values({ userId, ...settings, version: 1 })
      .onConflictDoUpdate({
        target: notificationSettings.userId,
        set: { ...settings, version: sql`${notificationSettings.version} + 1` },
      });
    const after = await readPreferences(tx, userId);
    await recordAudit(tx, ctx.actor, {
      action: 'notification_preferences.updated',
      entityType: 'user',
      entityId: userId,
      before: { ...before, userId: undefined },
      after: { ...after, userId: undefined },
    });
    return after;
  });
}
