import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { refreshTokens } from '../../db/schema/index.ts';
import { hashSecret } from '../../lib/hash-secret.ts';

/** A session ends after 30 minutes without a refresh, and 12 hours after login in any case. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export async function issueRefreshToken(
  executor: Executor,
  userId: string,
  family: { id: string; absoluteExpiresAt: Date } | null,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const absoluteExpiresAt = family?.absoluteExpiresAt ?? new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  const idleExpiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, absoluteExpiresAt.getTime()));
  await executor.insert(refreshTokens).values({
    userId,
    familyId: family?.id ?? randomUUID(),
    tokenHash: hashSecret(token),
    idleExpiresAt,
    absoluteExpiresAt,
  });
  return token;
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

export async function revokeFamily(executor: Executor, familyId: string, now: Date): Promise<void> {
  await executor
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function revokeAllForUser(executor: Executor, userId: string, now: Date): Promise<void> {
  await executor
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

export async function markRotated(executor: Executor, id: string, now: Date): Promise<void> {
  await executor.update(refreshTokens).set({ rotatedAt: now }).where(eq(refreshTokens.id, id));
}
