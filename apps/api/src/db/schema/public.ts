import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, timestampColumn, updatedAtColumn, versionColumn } from './columns.ts';
import { users } from './identity.ts';
import { requestEvents, serviceRequests } from './service-requests.ts';

/**
 * The languages of the public surface. Adding a row (and its texts) adds a language: nothing in the
 * code lists them. English is the fallback of every text, so it can never be switched off.
 */
export const publicLanguages = pgTable(
  'public_languages',
  {
    code: text('code').primaryKey(),
    /** The language named in itself ('Español'), as the language switcher shows it. */
    name: text('name').notNull(),
    englishName: text('english_name').notNull(),
    enabled: boolean('enabled').notNull().default(false),
    position: integer('position').notNull().default(100),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    updatedBy: uuid('updated_by').references(() => users.id),
    version: versionColumn(),
  },
  (table) => [
    check('public_languages_code_check', sql`${table.code} ~ '^[a-z]{2,3}$'`),
    check('public_languages_english_enabled_check', sql`${table.code} <> 'en' or ${table.enabled}`),
  ],
);

/**
 * The fixed texts of the public surface, one row per key and language. Rows are seeded from the
 * shipped catalog at start (modules/public/text-catalog.ts) and follow it until an administrator
 * edits them (updated_by set); from then on the administrator's wording stays.
 */
export const publicTexts = pgTable(
  'public_texts',
  {
    key: text('key').notNull(),
    language: text('language')
      .notNull()
      .references(() => publicLanguages.code),
    text: text('text').notNull(),
    updatedAt: updatedAtColumn(),
    /** The administrator who last edited it; null while it is the shipped text. */
    updatedBy: uuid('updated_by').references(() => users.id),
    version: versionColumn(),
  },
  (table) => [
    primaryKey({ columns: [table.key, table.language] }),
    check('public_texts_key_check', sql`${table.key} ~ '^[a-z0-9]+([._-][a-z0-9]+)*$'`),
    check('public_texts_text_check', sql`char_length(${table.text}) between 1 and 4000`),
  ],
);

/**
 * Public updates the department chose to publish on the announcements feed. Only a request's public
 * update (a public note) can be published: a trigger checks it (migration). Withdrawing keeps the row
 * (who published it and when stays known); publishing again clears the withdrawal.
 */
export const publicFeedPublications = pgTable(
  'public_feed_publications',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .primaryKey()
      .references(() => requestEvents.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    publishedAt: timestampColumn('published_at').notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id),
    withdrawnAt: timestampColumn('withdrawn_at'),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    version: versionColumn(),
  },
  (table) => [
    // The feed reads the newest published items.
    index('public_feed_publications_published_idx')
      .on(table.publishedAt)
      .where(sql`${table.withdrawnAt} is null`),
    index('public_feed_publications_request_idx').on(table.requestId),
  ],
);
