import type { Role } from '@nsp/contracts';
import { createHash } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { loginFailures, users } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { LockedError, UnauthorizedError } from '../../lib/errors.ts';
import { decoyPasswordHash, verifyPassword } from '../../lib/passwords.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import { activeUserIdsWithRole, queueNotifications } from '../notifications/notification-service.ts';
import { findRefreshToken, issueRefreshToken, markRotated, revokeFamily } from './session-tokens.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

export interface AuthContext {
  db: Database;
  actor: AuditActor;
  /** Signs an access token for this user in this session (the refresh-token family). */
  signAccessToken: (user: SessionUser, sessionId: string) => string;
  now?: () => Date;
}

export interface Session {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  user: SessionUser;
}

function toSessionUser(user: typeof users.$inferSelect): SessionUser {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles as Role[] };
}

function lockedMessage(until: Date): string {
  return `This account is locked after too many failed logins until ${until.toISOString()}. Try again later or ask an administrator to unlock it.`;
}

/** The same refusal for a locked account and for a locked unknown address: nothing tells them apart. */
const lockedError = (until: Date) =>
  new LockedError(lockedMessage(until), { lockedUntil: until.toISOString() });
const wrongCredentials = () => new UnauthorizedError('The e-mail or password is wrong.');

/**
 * The failure counter of an account (users) or of an unknown address (login_failures), advanced by
 * one failure at `now`, atomically in SQL. A count restarts at 1 when the previous lock has expired
 * or the previous failure is older than the lockout window, so one wrong attempt every 15 minutes
 * cannot keep an account locked forever. The fifth failure in a row locks for LOCKOUT_MS.
 */
function advancedFailureCount(
  columns: { count: AnyPgColumn; lockedUntil: AnyPgColumn; lastFailedAt: AnyPgColumn },
  now: Date,
) {
  const nowValue = sql`${now.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(now.getTime() - LOCKOUT_MS).toISOString()}::timestamptz`;
  const startsOver = sql`((${columns.lockedUntil} is not null and ${columns.lockedUntil} <= ${nowValue}) or ${columns.lastFailedAt} is null or ${columns.lastFailedAt} < ${windowStart})`;
  const count = sql`(case when ${startsOver} then 1 else ${columns.count} + 1 end)`;
  const lockUntil = sql`${new Date(now.getTime() + LOCKOUT_MS).toISOString()}::timestamptz`;
  return {
    count,
    lockedUntil: sql`(case when ${count} >= ${MAX_FAILED_LOGINS} then ${lockUntil} when ${startsOver} then null else ${columns.lockedUntil} end)`,
    lastFailedAt: nowValue,
  };
}

/** Forgets unknown addresses whose last failure is a day old (the retention job calls this). */
export async function pruneLoginFailures(db: Database, now = new Date()): Promise<number> {
  const pruned = await db
    .delete(loginFailures)
    .where(lt(loginFailures.lastFailedAt, new Date(now.getTime() - 24 * 3600_000)))
    .returning({ emailHash: loginFailures.emailHash });
  return pruned.length;
}

const emailHashOf = (email: string) => createHash('sha256').update(email).digest('hex');

export async function login(
  ctx: AuthContext,
  input: { email: string; password: string },
  accessTokenTtlSeconds: number,
): Promise<Session> {
  const now = ctx.now?.() ?? new Date();
  const email = input.email.trim().toLowerCase();
  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
  // Every path verifies one password hash (a decoy when there is no account), locked or not, so the
  // time taken does not tell a known address from an unknown one.
  const passwordMatches = await verifyPassword(
    user?.passwordHash ?? (await decoyPasswordHash()),
    input.password,
  );

  if (!user) {
    const lockedUntil = await registerUnknownAddressFailure(ctx, email, now);
    if (lockedUntil) throw lockedError(lockedUntil);
    throw wrongCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAudit(ctx.db, ctx.actor, {
      action: 'auth.login_refused_locked',
      entityType: 'user',
      entityId: user.id,
    });
    throw lockedError(user.lockedUntil);
  }
  if (!passwordMatches || !user.active) {
    await registerFailedLogin(ctx, user.id, now, passwordMatches ? 'inactive' : 'wrong_password');
    throw wrongCredentials();
  }

  return withTransaction(ctx.db, async (tx) => {
    await tx
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: null, lastFailedLoginAt: null, lastLoginAt: now })
      .where(eq(users.id, user.id));
    const { token: refreshToken, sessionId } = await issueRefreshToken(tx, user.id, null, now);
    await recordAudit(
      tx,
      { ...ctx.actor, type: 'user', id: user.id },
      { action: 'auth.login', entityType: 'user', entityId: user.id },
    );
    const sessionUser = toSessionUser(user);
    return {
      accessToken: ctx.signAccessToken(sessionUser, sessionId),
      expiresIn: accessTokenTtlSeconds,
      refreshToken,
      user: sessionUser,
    };
  });
}

/**
 * Counts a failure for an address that has no account, exactly as for an account. Returns the end
 * of the lock when the address was already locked (the attempt is then not counted, as for an
 * account), else null.
 */
async function registerUnknownAddressFailure(
  ctx: AuthContext,
  email: string,
  now: Date,
): Promise<Date | null> {
  const emailHash = emailHashOf(email);
  return withTransaction(ctx.db, async (tx) => {
    const [existing] = await tx
      .select({ lockedUntil: loginFailures.lockedUntil })
      .from(loginFailures)
      .where(eq(loginFailures.emailHash, emailHash))
      .for('update');
    if (existing?.lockedUntil && existing.lockedUntil > now) return existing.lockedUntil;
    const next = advancedFailureCount(
      {
        count: loginFailures.failedCount,
        lockedUntil: loginFailures.lockedUntil,
        lastFailedAt: loginFailures.lastFailedAt,
      },
      now,
    );
    await tx
      .insert(loginFailures)
      .values({ emailHash, failedCount: 1, lockedUntil: null, lastFailedAt: now })
      .onConflictDoUpdate({
        target: loginFailures.emailHash,
        set: { failedCount: next.count, lockedUntil: next.lockedUntil, lastFailedAt: next.lastFailedAt },
      });
    await recordAudit(tx, ctx.actor, {
      action: 'auth.login_failed',
      entityType: 'user',
      after: { email, reason: 'unknown_email' },
    });
    return null;
  });
}

/** Counts a failure atomically (concurrent attempts cannot undercount) and locks at the threshold. */
async function registerFailedLogin(
  ctx: AuthContext,
  userId: string,
  now: Date,
  reason: string,
): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const next = advancedFailureCount(
      {
        count: users.failedLoginCount,
        lockedUntil: users.lockedUntil,
        lastFailedAt: users.lastFailedLoginAt,
      },
      now,
    );
    const [updated] = await tx
      .update(users)
      .set({
        failedLoginCount: next.count,
        lockedUntil: next.lockedUntil,
        lastFailedLoginAt: next.lastFailedAt,
      })
      .where(eq(users.id, userId))
      .returning({
        failedLoginCount: users.failedLoginCount,
        lockedUntil: users.lockedUntil,
        name: users.name,
      });
    await recordAudit(tx, ctx.actor, {
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: userId,
      after: { reason, failedLoginCount: updated?.failedLoginCount },
    });
    if (updated?.lockedUntil && updated.failedLoginCount === MAX_FAILED_LOGINS) {
      const lockedUntil = updated.lockedUntil.toISOString();
      await recordAudit(tx, ctx.actor, {
        action: 'user.locked',
        entityType: 'user',
        entityId: userId,
        after: { lockedUntil, failedLoginCount: updated.failedLoginCount },
      });
      // The owner learns someone is trying their password; administrators can unlock or investigate.
      const admins = await activeUserIdsWithRole(tx, 'admin');
      await queueNotifications(
        tx,
        [...new Set([userId, ...admins])].map((recipientUserId) => ({
          recipientUserId,
          kind: 'account_locked' as const,
          title:
            recipientUserId === userId
              ? 'Your account was locked after failed logins'
              : `Account of ${updated.name} locked after failed logins`,
          body: `${MAX_FAILED_LOGINS} wrong passwords in a row; the account is locked until ${lockedUntil}. If this was not ${recipientUserId === userId ? 'you' : 'them'}, tell an administrator.`,
          entityType: 'user',
          entityId: userId,
          dedupeKey: `account_locked:${userId}:${lockedUntil}`,
        })),
      );
    }
  });
}

export async function refreshSession(
  ctx: AuthContext,
  token: string,
  accessTokenTtlSeconds: number,
): Promise<Session> {
  const now = ctx.now?.() ?? new Date();
  const outcome = await withTransaction(
    ctx.db,
    async (tx): Promise<{ session: Session } | { error: string }> => {
      const stored = await findRefreshToken(tx, token);
      if (!stored || stored.revokedAt) return { error: 'The session has ended; log in again.' };
      if (stored.rotatedAt) {
        // A rotated token came back: someone holds a copy. End every session of that login.
        await revokeFamily(tx, stored.familyId, now);
        await recordAudit(
          tx,
          { ...ctx.actor, type: 'user', id: stored.userId },
          {
            action: 'auth.refresh_token_reused',
            entityType: 'user',
            entityId: stored.userId,
            after: { familyId: stored.familyId },
          },
        );
        return {
          error: 'This refresh token was already used; the session has been ended for safety. Log in again.',
        };
      }
      if (stored.idleExpiresAt <= now || stored.absoluteExpiresAt <= now) {
        return { error: 'The session has expired; log in again.' };
      }
      const [user] = await tx.select().from(users).where(eq(users.id, stored.userId)).limit(1);
      if (!user?.active || (user.lockedUntil && user.lockedUntil > now)) {
        await revokeFamily(tx, stored.familyId, now);
        return { error: 'The account is not active; log in again.' };
      }
      await markRotated(tx, stored.id, now);
      const { token: refreshToken, sessionId } = await issueRefreshToken(
        tx,
        user.id,
        { id: stored.familyId, absoluteExpiresAt: stored.absoluteExpiresAt },
        now,
      );
      const sessionUser = toSessionUser(user);
      return {
        session: {
          accessToken: ctx.signAccessToken(sessionUser, sessionId),
          expiresIn: accessTokenTtlSeconds,
          refreshToken,
          user: sessionUser,
        },
      };
    },
  );
  // Thrown after commit so that a detected reuse stays revoked.
  if (!('session' in outcome)) throw new UnauthorizedError(outcome.error);
  return outcome.session;
}

export async function logout(ctx: AuthContext, token: string): Promise<void> {
  const now = ctx.now?.() ?? new Date();
  await withTransaction(ctx.db, async (tx) => {
    const stored = await findRefreshToken(tx, token);
    if (!stored) return;
    await revokeFamily(tx, stored.familyId, now);
    await recordAudit(
      tx,
      { ...ctx.actor, type: 'user', id: stored.userId },
      { action: 'auth.logout', entityType: 'user', entityId: stored.userId },
    );
  });
}
