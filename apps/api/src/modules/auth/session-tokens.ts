import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { refreshTokens } from '../../db/schema/index.ts';
import { hashSecret } from '../../lib/hash-secret.ts';
import { announceSessionChange } from '../../lib/session-events.ts';

/** A session ends after 30 minutes without a refresh, and 12 hours after login in any case. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

/**
 * A new refresh token, in a new session (family) at login or in the same one on refresh. The
 * family id is the session id: access tokens carry it (`sid`) so that ending the session ends them.
 */
export async function issueRefreshToken(
  executor: Executor,
  userId: string,
  family: { id: string; absoluteExpiresAt: Date } | null,
  now: Date,
): Promise<{ token: string; sessionId: string }> {
  const token = randomBytes(32).toString('base64url');
  const sessionId = family?.id ?? randomUUID();
  const absoluteExpiresAt = family?.absoluteExpiresAt ?? new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  const idleExpiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, absoluteExpiresAt.getTime()));
  await executor.insert(refreshTokens).values({
    userId,
    familyId: sessionId,
    tokenHash: hashSecret(token),
    idleExpiresAt,
    absoluteExpiresAt,
  });
  return { token, sessionId };
}

export async function findRefreshToken(executor: Executor, token: string) {
  const [row] = await executor
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashSecret(token)))
    .limit(1)
    .for('update');
  return row;
}

/** Ends one session: its refresh tokens, and (through the announcement) its access tokens. */
export async function revokeFamily(executor: Executor, familyId: string, now: Date): Promise<void> {
  const revoked = await executor
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .returning({ userId: refreshTokens.userId });
  const userId = revoked[0]?.userId;
  if (userId) await announceSessionChange(executor, userId);
}

/** Ends every session of a user (deactivation, new password, lost roles). */
export async function revokeAllForUser(executor: Executor, userId: string, now: Date): Promise<void> {
  await executor
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  await announceSessionChange(executor, userId);
}

export async function markRotated(executor: Executor, id: string, now: Date): Promise<void> {
  await executor.update(refreshTokens).set({ rotatedAt: now }).where(eq(refreshTokens.id, id));
}
