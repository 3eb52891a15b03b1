import type { Role } from '@nsp/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { LockedError, UnauthorizedError } from '../../lib/errors.ts';
import { decoyPasswordHash, verifyPassword } from '../../lib/passwords.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
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

export async function login(
  ctx: AuthContext,
  input: { email: string; password: string },
  accessTokenTtlSeconds: number,
): Promise<Session> {
  const now = ctx.now?.() ?? new Date();
  const email = input.email.trim().toLowerCase();
  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);

  if (!user) {
    await verifyPassword(await decoyPasswordHash(), input.password);
    await recordAudit(ctx.db, ctx.actor, {
      action: 'auth.login_failed',
      entityType: 'user',
      after: { email, reason: 'unknown_email' },
    });
    throw new UnauthorizedError('The e-mail or password is wrong.');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAudit(ctx.db, ctx.actor, {
      action: 'auth.login_refused_locked',
      entityType: 'user',
      entityId: user.id,
    });
    throw new LockedError(lockedMessage(user.lockedUntil), { lockedUntil: user.lockedUntil.toISOString() });
  }
  const passwordMatches = await verifyPassword(user.passwordHash, input.password);
  if (!passwordMatches || !user.active) {
    await registerFailedLogin(ctx, user.id, now, passwordMatches ? 'inactive' : 'wrong_password');
    throw new UnauthorizedError('The e-mail or password is wrong.');
  }

  return withTransaction(ctx.db, async (tx) => {
    await tx
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now })
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

/** Counts a failure atomically (concurrent attempts cannot undercount) and locks at the threshold. */
async function registerFailedLogin(
  ctx: AuthContext,
  userId: string,
  now: Date,
  reason: string,
): Promise<void> {
  const lockUntil = new Date(now.getTime() + LOCKOUT_MS);
  await withTransaction(ctx.db, async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({
        failedLoginCount: sql`${users.failedLoginCount} + 1`,
        lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${MAX_FAILED_LOGINS} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, userId))
      .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil });
    await recordAudit(tx, ctx.actor, {
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: userId,
      after: { reason, failedLoginCount: updated?.failedLoginCount },
    });
    if (updated && updated.failedLoginCount === MAX_FAILED_LOGINS) {
      await recordAudit(tx, ctx.actor, {
        action: 'user.locked',
        entityType: 'user',
        entityId: userId,
        after: { lockedUntil: lockUntil.toISOString(), failedLoginCount: updated.failedLoginCount },
      });
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
