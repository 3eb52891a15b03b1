import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, updatedAtColumn, versionColumn } from './columns.ts';
import { users } from './identity.ts';
import { neighborhoods } from './neighborhoods.ts';

export const personnelKinds = ['lieutenant', 'sergeant', 'officer', 'nro', 'cso', 'civilian'] as const;
export const assignmentRoles = ['coordination_lieutenant', 'nro', 'cso', 'officer'] as const;

/** Sworn and civilian members of the department, optionally linked to a login. */
export const personnel = pgTable(
  'personnel',
  {
    id: idColumn(),
    name: text('name').notNull(),
    title: text('title').notNull().default(''),
    badgeNumber: text('badge_number'),
    kind: text('kind', { enum: personnelKinds }).notNull(),
    phone: text('phone'),
    email: text('email'),
    active: boolean('active').notNull().default(true),
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    uniqueIndex('personnel_badge_number_key').on(table.badgeNumber),
    uniqueIndex('personnel_user_id_key').on(table.userId),
    check(
      'personnel_kind_check',
      sql`${table.kind} in ('lieutenant', 'sergeant', 'officer', 'nro', 'cso', 'civilian')`,
    ),
  ],
);

/**
 * A person in a role for a neighborhood over [startsAt, endsAt). The database itself refuses two
 * coordination lieutenants for one neighborhood at the same instant (exclusion constraint, migration).
 */
export const assignments = pgTable(
  'assignments',
  {
    id: idColumn(),
    neighborhoodId: uuid('neighborhood_id')
      .notNull()
      .references(() => neighborhoods.id),
    personnelId: uuid('personnel_id')
      .notNull()
      .references(() => personnel.id),
    role: text('role', { enum: assignmentRoles }).notNull(),
    startsAt: timestampColumn('starts_at').notNull(),
    endsAt: timestampColumn('ends_at'),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAtColumn(),
    /** Set when a later record corrects this one; the original stays for the record. */
    supersededBy: uuid('superseded_by'),
  },
  (table) => [
    index('assignments_neighborhood_idx').on(table.neighborhoodId, table.startsAt),
    index('assignments_personnel_idx').on(table.personnelId, table.startsAt),
    check(
      'assignments_role_check',
      sql`${table.role} in ('coordination_lieutenant', 'nro', 'cso', 'officer')`,
    ),
    check('assignments_interval_check', sql`${table.endsAt} is null or ${table.endsAt} > ${table.startsAt}`),
  ],
);
