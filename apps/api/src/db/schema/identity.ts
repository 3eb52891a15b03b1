import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, updatedAtColumn, versionColumn } from './columns.ts';

/** People who log in. Roles are checked by the route guard on every route. */
export const users = pgTable(
  'users',
  {
    id: idColumn(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestampColumn('locked_until'),
    /** The last failed login: failures older than the lockout window no longer count. */
    lastFailedLoginAt: timestampColumn('last_failed_login_at'),
    lastLoginAt: timestampColumn('last_login_at'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [uniqueIndex('users_email_key').on(sql`lower(${table.email})`)],
);

/**
 * Failed logins for e-mail addresses that belong to no account, counted exactly like an account's
 * (users.failed_login_count) so that a locked account and an unknown address answer alike. Keyed by
 * the SHA-256 of the lowercased address: the addresses themselves are not kept. Rows whose last
 * failure is a day old are pruned by the retention job.
 */
export const loginFailures = pgTable('login_failures', {
  emailHash: text('email_hash').primaryKey(),
  failedCount: integer('failed_count').notNull(),
  lockedUntil: timestampColumn('locked_until'),
  lastFailedAt: timestampColumn('last_failed_at').notNull(),
});

/**
 * Refresh tokens, stored as SHA-256 hashes. Tokens issued from one login share a family;
 * presenting an already-rotated token revokes the whole family (token theft detection).
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    issuedAt: createdAtColumn(),
    /** Ends the session after inactivity (30 minutes). */
    idleExpiresAt: timestampColumn('idle_expires_at').notNull(),
    /** Ends the session in any case (12 hours after login). */
    absoluteExpiresAt: timestampColumn('absolute_expires_at').notNull(),
    rotatedAt: timestampColumn('rotated_at'),
    revokedAt: timestampColumn('revoked_at'),
  },
  (table) => [
    uniqueIndex('refresh_tokens_token_hash_key').on(table.tokenHash),
    index('refresh_tokens_family_idx').on(table.familyId),
  ],
);

/** Integration clients (town 311 system, website). The key is shown once; only its hash is kept. */
export const apiClients = pgTable(
  'api_clients',
  {
    id: idColumn(),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    keyHash: text('key_hash').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAtColumn(),
    revokedAt: timestampColumn('revoked_at'),
    lastUsedAt: timestampColumn('last_used_at'),
    /** Requests per minute this client may make; null: NSP_API_CLIENT_RATE_LIMIT. */
    rateLimitPerMinute: integer('rate_limit_per_minute'),
  },
  (table) => [
    uniqueIndex('api_clients_key_hash_key').on(table.keyHash),
    check(
      'api_clients_rate_limit_check',
      sql`${table.rateLimitPerMinute} is null or ${table.rateLimitPerMinute} between 1 and 1000000`,
    ),
  ],
);

/** Requests per API client per day (department time zone), for the admin app's usage view. */
export const apiClientUsage = pgTable(
  'api_client_usage',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    requests: integer('requests').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.clientId, table.day] })],
);
