import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Shared column builders so every table spells ids, timestamps and versions the same way. */
export const idColumn = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
export const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAtColumn = () => timestampColumn('created_at').notNull().defaultNow();
export const updatedAtColumn = () => timestampColumn('updated_at').notNull().defaultNow();
/** Optimistic-concurrency counter behind ETag / If-Match. */
export const versionColumn = () => integer('version').notNull().default(1);
