import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';

/**
 * Every API instance LISTENs here and forgets what it knew of a user's sessions when a message
 * names them: deactivation, a role or password change, a logout or a revoked session takes effect
 * on every instance at once, not when the access token expires.
 */
export const SESSION_CHANGED_CHANNEL = 'nsp_session_changed';

/**
 * Announces that a user's sessions changed. Called inside the writing transaction: PostgreSQL
 * delivers the notification at commit, so no instance re-reads before the change is visible.
 */
export async function announceSessionChange(executor: Executor, userId: string): Promise<void> {
  await executor.execute(sql`select pg_notify(${SESSION_CHANGED_CHANNEL}, ${userId})`);
}
