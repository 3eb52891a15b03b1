import type { CreatePersonnelBody, Personnel, UpdatePersonnelBody } from '@nsp/contracts';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { assignments, neighborhoods } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { iso } from '../../lib/iso.ts';
import { cursorKey, cursorPart, decodeCursor, pageOf } from '../../lib/pagination.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import {
  findPersonById,
  findPersonHolding,
  findPersonnel,
  insertPerson,
  type PersonnelRow,
  updatePerson,
  userExists,
} from './repo.ts';
import { sqlStateOf, sqlStates } from '../../lib/sql-state.ts';

export interface PersonnelContext {
  /** The database, or the transaction of an Idempotency-Key replay guard. */
  db: Executor;
  actor: AuditActor;
}

export function toPersonnelDto(row: PersonnelRow): Personnel {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    badgeNumber: row.badgeNumber,
    kind: row.kind,
    phone: row.phone,
    email: row.email,
    active: row.active,
    userId: row.userId,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** What the audit log keeps of a person (work contact details only; nothing private). */
function auditView(row: PersonnelRow) {
  const { createdAt: _created, updatedAt: _updated, ...rest } = row;
  return rest;
}

export async function listPersonnel(
  db: Database,
  query: {
    limit: number;
    cursor?: string | undefined;
    kind?: PersonnelRow['kind'] | undefined;
    active?: boolean | undefined;
    q?: string | undefined;
  },
) {
  const after = decodeCursor(query.cursor, cursorKey(cursorPart.text, cursorPart.uuid));
  const rows = await findPersonnel(db, {
    kind: query.kind,
    active: query.active,
    q: query.q,
    after: after ? { name: after[0], id: after[1] } : null,
    limit: query.limit + 1,
  });
  const page = pageOf(rows, query.limit, (row) => [row.name, row.id]);
  return { items: page.items.map(toPersonnelDto), nextCursor: page.nextCursor };
}

export async function getPerson(db: Database, id: string): Promise<Personnel> {
  const row = await findPersonById(db, id);
  if (!row) throw new NotFoundError(`No personnel record ${id}.`);
  return toPersonnelDto(row);
}

/** Badge numbers and logins belong to one person; say who holds one rather than citing a constraint. */
async function assertUniqueHolders(
  db: Parameters<typeof findPersonHolding>[0],
  input: { badgeNumber?: string | null | undefined; userId?: string | null | undefined },
  selfId?: string,
): Promise<void> {
  if (input.badgeNumber) {
    const holder = await findPersonHolding(db, 'badgeNumber', input.badgeNumber);
    if (holder && holder.id !== selfId)
      throw new ConflictError(`Badge number ${input.badgeNumber} already belongs to ${holder.name}.`, {
        field: 'badgeNumber',
        heldBy: holder.id,
      });
  }
  if (input.userId) {
    if (!(await userExists(db, input.userId)))
      throw new ValidationError(`No user ${input.userId}.`, [
        { path: 'userId', message: 'is not an existing user', in: 'body' },
      ]);
    const holder = await findPersonHolding(db, 'userId', input.userId);
    if (holder && holder.id !== selfId)
      throw new ConflictError(`That login is already linked to ${holder.name}.`, {
        field: 'userId',
        heldBy: holder.id,
      });
  }
}

/** A concurrent writer can still take a badge or login between the check and the write. */
function translateUniqueViolation(error: unknown): never {
  const state = sqlStateOf(error);
  if (state?.code === sqlStates.uniqueViolation) {
    const field = state.constraint === 'personnel_user_id_key' ? 'userId' : 'badgeNumber';
    throw new ConflictError(
      `That ${field === 'userId' ? 'login' : 'badge number'} was just taken by someone else.`,
      {
        field,
      },
    );
  }
  throw error;
}

export async function createPerson(ctx: PersonnelContext, input: CreatePersonnelBody): Promise<Personnel> {
  return withTransaction(ctx.db, async (tx) => {
    await assertUniqueHolders(tx, input);
    const row = await insertPerson(tx, {
      name: input.name,
      title: input.title,
      badgeNumber: input.badgeNumber ?? null,
      kind: input.kind,
      phone: input.phone ?? null,
      email: input.email ?? null,
      active: input.active,
      userId: input.userId ?? null,
    }).catch(translateUniqueViolation);
    await recordAudit(tx, ctx.actor, {
      action: 'personnel.created',
      entityType: 'personnel',
      entityId: row.id,
      after: auditView(row),
    });
    return toPersonnelDto(row);
  });
}

/**
 * Deactivating a person who still holds an assignment (now or later) is refused with 409 listing
 * those assignments, rather than ending them silently: ending a coordination lieutenant's interval
 * would leave a neighborhood without one and strand their open work, which only a reassignment
 * (with its transfer of open work) handles; other roles are ended with a correction that says why.
 * The supervisor does that first, then deactivates.
 */
async function assertNoAssignmentsInForce(executor: Executor, personnelId: string, name: string) {
  const now = new Date();
  const rows = await executor
    .select({
      id: assignments.id,
      neighborhoodId: assignments.neighborhoodId,
      neighborhoodCode: neighborhoods.code,
      role: assignments.role,
      startsAt: assignments.startsAt,
      endsAt: assignments.endsAt,
    })
    .from(assignments)
    .innerJoin(neighborhoods, eq(neighborhoods.id, assignments.neighborhoodId))
    .where(
      and(
        eq(assignments.personnelId, personnelId),
        isNull(assignments.supersededBy),
        or(isNull(assignments.endsAt), gt(assignments.endsAt, now)),
      ),
    )
    .orderBy(asc(assignments.startsAt));
  if (rows.length === 0) return;
  const list = rows.map((row) => `${row.role} in ${row.neighborhoodCode} (assignment ${row.id})`).join(', ');
  throw new ConflictError(
    `${name} still holds ${rows.length === 1 ? 'an assignment' : `${rows.length} assignments`}: ${list}. End them first: reassign a coordination lieutenant (POST /api/v1/neighborhoods/:id/lieutenant, which can transfer the open work), correct other assignments with an end (POST /api/v1/assignments/:id/corrections); then deactivate.`,
    {
      assignments: rows.map((row) => ({
        id: row.id,
        neighborhoodId: row.neighborhoodId,
        role: row.role,
        startsAt: row.startsAt.toISOString(),
        endsAt: iso(row.endsAt),
      })),
    },
  );
}

export async function updatePersonnelRecord(
  ctx: PersonnelContext,
  id: string,
  input: Omit<UpdatePersonnelBody, 'version'>,
  precondition: VersionPrecondition,
): Promise<Personnel> {
  return withTransaction(ctx.db, async (tx) => {
    const before = await findPersonById(tx, id, { forUpdate: true });
    if (!before) throw new NotFoundError(`No personnel record ${id}.`);
    assertFresh(precondition, before.version, 'This personnel record');
    if (input.active === false && before.active) await assertNoAssignmentsInForce(tx, id, before.name);
    await assertUniqueHolders(tx, input, id);
    const after = await updatePerson(tx, id, {
      ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
      updatedAt: new Date(),
      version: before.version + 1,
    }).catch(translateUniqueViolation);
    if (!after) throw new NotFoundError(`No personnel record ${id}.`);
    await recordAudit(tx, ctx.actor, {
      action: input.active === false && before.active ? 'personnel.deactivated' : 'personnel.updated',
      entityType: 'personnel',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return toPersonnelDto(after);
  });
}
