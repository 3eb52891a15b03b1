import { and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { personnel, users } from '../../db/schema/index.ts';

export type PersonnelRow = typeof personnel.$inferSelect;
export type PersonnelInsert = typeof personnel.$inferInsert;

export interface PersonnelFilter {
  kind?: PersonnelRow['kind'] | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
  /** Keyset position: the (name, id) of the last row of the previous page. */
  after?: { name: string; id: string } | null;
  limit: number;
}

/** LIKE wildcards in user text match literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function findPersonnel(executor: Executor, filter: PersonnelFilter): Promise<PersonnelRow[]> {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(personnel.kind, filter.kind));
  if (filter.active !== undefined) conditions.push(eq(personnel.active, filter.active));
  if (filter.q) {
    const pattern = likePattern(filter.q);
    conditions.push(
      or(
        ilike(personnel.name, pattern),
        ilike(personnel.title, pattern),
        ilike(personnel.badgeNumber, pattern),
        ilike(personnel.email, pattern),
      )!,
    );
  }
  if (filter.after) {
    conditions.push(
      or(
        gt(personnel.name, filter.after.name),
        and(eq(personnel.name, filter.after.name), gt(personnel.id, filter.after.id)),
      )!,
    );
  }
  return executor
    .select()
    .from(personnel)
    .where(and(...conditions))
    .orderBy(asc(personnel.name), asc(personnel.id))
    .limit(filter.limit);
}

export async function findPersonById(
  executor: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PersonnelRow | undefined> {
  const query = executor.select().from(personnel).where(eq(personnel.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertPerson(executor: Executor, values: PersonnelInsert): Promise<PersonnelRow> {
  const [row] = await executor.insert(personnel).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updatePerson(
  executor: Executor,
  id: string,
  values: Partial<PersonnelInsert>,
): Promise<PersonnelRow | undefined> {
  const [row] = await executor.update(personnel).set(values).where(eq(personnel.id, id)).returning();
  return row;
}

/** Who already uses a badge number or a login, so a clash is reported by name rather than by constraint. */
export async function findPersonHolding(
  executor: Executor,
  field: 'badgeNumber' | 'userId',
  value: string,
): Promise<Pick<PersonnelRow, 'id' | 'name'> | undefined> {
  const column = field === 'badgeNumber' ? personnel.badgeNumber : personnel.userId;
  const [row] = await executor
    .select({ id: personnel.id, name: personnel.name })
    .from(personnel)
    .where(eq(column, value))
    .limit(1);
  return row;
}

export async function userExists(executor: Executor, userId: string): Promise<boolean> {
  const [row] = await executor.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  return row !== undefined;
}
