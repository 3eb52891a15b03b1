import { randomUUID } from 'node:crypto';
import type { Assignment, AssignmentRole } from '@nsp/contracts';
import type { Database, Executor } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { cursorKey, cursorPart, decodeCursor, pageOf } from '../../lib/pagination.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import { findPersonById, type PersonnelRow } from '../personnel/repo.ts';
import { auditView, toAssignmentDto } from './assignment-dto.ts';
import { COVERAGE_WINDOW_DAYS, coverageGaps } from './coverage-gaps.ts';
import { withIntervalGuard } from './interval-conflicts.ts';
import {
  findAssignment,
  findHistory,
  findInForceAt,
  findLieutenantCoverage,
  insertAssignment,
  lockNeighborhood,
  markSuperseded,
  type NeighborhoodLock,
  neighborhoodExists,
} from './repo.ts';

export interface AssignmentsContext {
  /** The database, or the transaction of an Idempotency-Key replay guard. */
  db: Executor;
  actor: AuditActor;
  /** Shown on request timelines when open work moves. */
  actorName: string | null;
  /** When the HTTP request arrived: a change recorded after it was made while this one was in flight. */
  receivedAt?: Date | undefined;
}

export const createdByOf = (actor: AuditActor) => (actor.type === 'user' ? actor.id : null);
/** The recorder's name for a record this request writes (what a later read joins from users). */
export const createdByNameOf = (ctx: Pick<AssignmentsContext, 'actor' | 'actorName'>) =>
  ctx.actor.type === 'user' ? ctx.actorName : null;

/** Locks the neighborhood (see lockNeighborhood) and refuses changes to a missing or retired one. */
export async function lockActiveNeighborhood(
  executor: Executor,
  neighborhoodId: string,
): Promise<NeighborhoodLock> {
  const neighborhood = await lockNeighborhood(executor, neighborhoodId);
  if (!neighborhood) throw new NotFoundError(`No neighborhood ${neighborhoodId}.`);
  if (neighborhood.status !== 'active')
    throw new ConflictError(`Neighborhood ${neighborhood.code} is retired; it takes no new assignments.`);
  return neighborhood;
}

export const personSummary = (row: PersonnelRow) => ({
  name: row.name,
  title: row.title,
  badgeNumber: row.badgeNumber,
  kind: row.kind,
});

/**
 * The person named in the body must exist, and be active when the interval reaches now or the
 * future. A record of the past (back-filled history, a correction) may name someone since retired.
 */
export async function requireAssignablePerson(
  executor: Executor,
  personnelId: string,
  interval: { endsAt: Date | null } = { endsAt: null },
) {
  const person = await findPersonById(executor, personnelId);
  if (!person)
    throw new ValidationError(`No personnel record ${personnelId}.`, [
      { path: 'personnelId', message: 'is not a personnel record', in: 'body' },
    ]);
  const reachesNow = interval.endsAt === null || interval.endsAt > new Date();
  if (!person.active && reachesNow)
    throw new ValidationError(`${person.name} is not active and cannot be assigned from now on.`, [
      { path: 'personnelId', message: 'is not an active member of the department', in: 'body' },
    ]);
  return person;
}

export async function listNeighborhoodHistory(
  db: Database,
  neighborhoodId: string,
  query: { limit: number; cursor?: string | undefined; role?: AssignmentRole | undefined },
) {
  if (!(await neighborhoodExists(db, neighborhoodId)))
    throw new NotFoundError(`No neighborhood ${neighborhoodId}.`);
  const after = decodeCursor(query.cursor, cursorKey(cursorPart.timestamp, cursorPart.uuid));
  const rows = await findHistory(db, {
    neighborhoodId,
    role: query.role,
    after: after ? { startsAt: new Date(after[0]), id: after[1] } : null,
    limit: query.limit + 1,
  });
  const now = new Date();
  const page = pageOf(rows, query.limit, (row) => [row.assignment.startsAt.toISOString(), row.assignment.id]);
  return { items: page.items.map((row) => toAssignmentDto(row, now)), nextCursor: page.nextCursor };
}

export async function createAssignment(
  ctx: AssignmentsContext,
  neighborhoodId: string,
  input: {
    personnelId: string;
    role: AssignmentRole;
    startsAt: string;
    endsAt?: string | null | undefined;
    reason: string;
  },
): Promise<Assignment> {
  const startsAt = new Date(input.startsAt);
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  return withTransaction(ctx.db, async (tx) => {
    await lockActiveNeighborhood(tx, neighborhoodId);
    const person = await requireAssignablePerson(tx, input.personnelId, { endsAt });
    // No overlap pre-check: the exclusion constraint decides, in both database modes.
    const record = await withIntervalGuard(tx, { neighborhoodId, startsAt, endsAt }, (savepoint) =>
      insertAssignment(savepoint, {
        neighborhoodId,
        personnelId: person.id,
        role: input.role,
        startsAt,
        endsAt,
        reason: input.reason,
        createdBy: createdByOf(ctx.actor),
        createdAt: new Date(),
      }),
    );
    await recordAudit(tx, ctx.actor, {
      action: 'assignment.created',
      entityType: 'assignment',
      entityId: record.id,
      after: auditView(record),
    });
    return toAssignmentDto({
      assignment: record,
      person: personSummary(person),
      createdByName: createdByNameOf(ctx),
    });
  });
}

/**
 * Corrections are new records with a reason: the original is kept, marked superseded by the new one,
 * and drops out of every "who was responsible" answer. Ended intervals are never edited.
 */
export async function correctAssignment(
  ctx: AssignmentsContext,
  id: string,
  input: {
    reason: string;
    personnelId?: string | undefined;
    startsAt?: string | undefined;
    endsAt?: string | null | undefined;
  },
) {
  return withTransaction(ctx.db, async (tx) => {
    const original = await findAssignment(tx, id);
    if (!original) throw new NotFoundError(`No assignment ${id}.`);
    // Lock order neighborhood → assignment, the same as reassignments, so they never deadlock. The
    // record of a retired neighborhood may still be corrected.
    await lockNeighborhood(tx, original.assignment.neighborhoodId);
    const locked = await findAssignment(tx, id, { forUpdate: true });
    if (!locked) throw new NotFoundError(`No assignment ${id}.`);
    if (locked.assignment.supersededBy)
      throw new ConflictError(
        `Assignment ${id} was already corrected by ${locked.assignment.supersededBy}; correct that record instead.`,
        { supersededBy: locked.assignment.supersededBy },
      );
    const startsAt = input.startsAt ? new Date(input.startsAt) : locked.assignment.startsAt;
    const endsAt =
      input.endsAt === undefined
        ? locked.assignment.endsAt
        : input.endsAt === null
          ? null
          : new Date(input.endsAt);
    const person = input.personnelId
      ? await requireAssignablePerson(tx, input.personnelId, { endsAt })
      : null;
    if (endsAt && endsAt <= startsAt)
      throw new ValidationError('The corrected interval ends before it starts.', [
        {
          path: input.endsAt !== undefined ? 'endsAt' : 'startsAt',
          message: 'must leave endsAt after startsAt',
          in: 'body',
        },
      ]);

    const correctionId = randomUUID();
    const { correction, superseded } = await withIntervalGuard(
      tx,
      { neighborhoodId: locked.assignment.neighborhoodId, startsAt, endsAt, excludeId: id },
      async (savepoint) => {
        // Superseding first takes the original out of the one-lieutenant constraint.
        const superseded = await markSuperseded(savepoint, id, correctionId);
        const correction = await insertAssignment(savepoint, {
          id: correctionId,
          neighborhoodId: locked.assignment.neighborhoodId,
          personnelId: person?.id ?? locked.assignment.personnelId,
          role: locked.assignment.role,
          startsAt,
          endsAt,
          reason: input.reason,
          createdBy: createdByOf(ctx.actor),
          createdAt: new Date(),
        });
        return { correction, superseded };
      },
    );
    await recordAudit(tx, ctx.actor, {
      action: 'assignment.corrected',
      entityType: 'assignment',
      entityId: id,
      before: auditView(locked.assignment),
      after: { correctionId, ...auditView(correction) },
    });
    const now = new Date();
    return {
      superseded: toAssignmentDto(
        { assignment: superseded, person: locked.person, createdByName: locked.createdByName },
        now,
      ),
      correction: toAssignmentDto(
        {
          assignment: correction,
          person: person ? personSummary(person) : locked.person,
          createdByName: createdByNameOf(ctx),
        },
        now,
      ),
    };
  });
}

export async function assignmentsAt(
  db: Database,
  query: {
    limit: number;
    cursor?: string | undefined;
    at?: string | undefined;
    neighborhoodId?: string | undefined;
    role?: AssignmentRole | undefined;
  },
) {
  const now = new Date();
  const at = query.at ? new Date(query.at) : now;
  const after = decodeCursor(query.cursor, cursorKey(cursorPart.text, cursorPart.text, cursorPart.uuid));
  const rows = await findInForceAt(db, {
    at,
    neighborhoodId: query.neighborhoodId,
    role: query.role,
    after: after ? { code: after[0], role: after[1], id: after[2] } : null,
    limit: query.limit + 1,
  });
  const page = pageOf(rows, query.limit, (row) => [
    row.neighborhood.code,
    row.assignment.role,
    row.assignment.id,
  ]);
  const window = { from: at, until: new Date(at.getTime() + COVERAGE_WINDOW_DAYS * 86_400_000) };
  const coverage = await findLieutenantCoverage(db, window);
  return {
    at: at.toISOString(),
    items: page.items.map((row) => ({ ...toAssignmentDto(row, now), neighborhood: row.neighborhood })),
    nextCursor: page.nextCursor,
    coverageWindow: { from: window.from.toISOString(), until: window.until.toISOString() },
    coverageGaps: coverageGaps(
      coverage.filter((n) => !query.neighborhoodId || n.id === query.neighborhoodId),
      window,
    ),
  };
}
