import type { Role } from '@nsp/contracts';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

/** What the database says of one session right now. */
interface SessionState {
  active: boolean;
  /** The user's roles, sorted and joined, to compare with the token's. */
  roles: string;
  /** The session (refresh-token family) is neither revoked nor past its absolute end. */
  live: boolean;
}

export type SessionVerdict = 'valid' | 'ended';

const rolesKey = (roles: readonly string[]) => [...roles].sort().join(',');

/**
 * Checks on every authenticated request that the access token's session still stands: the user is
 * active, their roles are the ones the token was issued with, and the session was not ended
 * (logout, revoked refresh token, deactivation, password change). Answers come from memory for up
 * to `ttlMs`; every instance forgets a user's entries the moment any instance announces a change
 * (lib/session-events.ts, NOTIFY), so the TTL only bounds a missed notification.
 */
export class SessionValidator {
  private readonly cache = new Map<string, { checkedAt: number; state: SessionState | null }>();
  private readonly listeners = new Set<(userId: string) => void>();

  constructor(
    private readonly db: Database,
    private readonly options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {}

  async check(userId: string, sessionId: string, roles: readonly Role[]): Promise<SessionVerdict> {
    const key = `${userId}:${sessionId}`;
    const now = this.options.now?.() ?? Date.now();
    let entry = this.cache.get(key);
    if (!entry || now - entry.checkedAt > (this.options.ttlMs ?? 30_000)) {
      entry = { checkedAt: now, state: await this.load(userId, sessionId) };
      this.remember(key, entry);
    }
    const state = entry.state;
    return state?.active && state.live && state.roles === rolesKey(roles) ? 'valid' : 'ended';
  }

  /** Drops what is known of a user (called on their announcement); tells subscribers (SSE). */
  forgetUser(userId: string): void {
    const prefix = `${userId}:`;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
    for (const listener of this.listeners) listener(userId);
  }

  forgetAll(): void {
    const users = new Set([...this.cache.keys()].map((key) => key.split(':')[0]!));
    this.cache.clear();
    for (const userId of users) for (const listener of this.listeners) listener(userId);
  }

  /** Called with a user id whenever that user's sessions may have changed. */
  onChange(listener: (userId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private remember(key: string, entry: { checkedAt: number; state: SessionState | null }) {
    this.cache.delete(key);
    this.cache.set(key, entry);
    // Oldest first in a Map: beyond the bound, the least recently checked sessions are re-read later.
    const excess = this.cache.size - (this.options.maxEntries ?? 20_000);
    if (excess > 0) {
      let dropped = 0;
      for (const oldest of this.cache.keys()) {
        if (dropped++ >= excess) break;
        this.cache.delete(oldest);
      }
    }
  }

  private async load(userId: string, sessionId: string): Promise<SessionState | null> {
    const [row] = await queryRows<{ active: boolean; roles: string[]; live: boolean }>(
      this.db,
      sql`
      select u.active, u.roles,
             exists (select 1 from refresh_tokens r
                      where r.family_id = ${sessionId}::uuid and r.user_id = u.id
                        and r.revoked_at is null and r.absolute_expires_at > now()) as live
        from users u where u.id = ${userId}::uuid`,
    );
    return row ? { active: row.active, roles: rolesKey(row.roles), live: row.live } : null;
  }
}
