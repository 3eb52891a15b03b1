import type { Role } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { requireUser } from '../../lib/access.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { callerAssignments } from '../assignments/caller-assignments.ts';
import { type AuditActor, actorFromRequest } from '../audit/audit-log.ts';

/** Who is calling, as far as priorities care: roles, and the neighborhoods they lead right now. */
export interface PriorityCaller {
  userId: string;
  roles: readonly Role[];
  ledNeighborhoodIds: readonly string[];
}

export interface PrioritiesContext {
  db: Executor;
  actor: AuditActor;
  caller: PriorityCaller;
  /** The department's time zone: the monthly report's months are its calendar months. */
  timeZone: string;
  /** Drops cached public priority replies (and the feed) on every instance after a change commits. */
  announcePublicChange(): Promise<void>;
  now: () => Date;
}

export async function prioritiesContext(
  app: FastifyInstance,
  request: FastifyRequest,
  timeZone: string,
): Promise<PrioritiesContext> {
  const user = requireUser(request);
  const assigned = await callerAssignments(app.database.db, user.id);
  return {
    db: app.database.db,
    actor: actorFromRequest(request),
    caller: { userId: user.id, roles: user.roles, ledNeighborhoodIds: assigned.ledNeighborhoodIds },
    timeZone,
    announcePublicChange: async () => {
      await app.publicCache
        .announce('priorities')
        .catch((error) => request.log.warn({ err: error }, 'public cache not told'));
    },
    now: () => new Date(),
  };
}

/**
 * Setting and working a neighborhood's priorities: its own coordination lieutenant, supervisors and
 * admins (the issue: "set by the neighborhood's lieutenant, a supervisor or an admin").
 */
export function canSetPriorities(caller: PriorityCaller, neighborhoodId: string): boolean {
  return (
    caller.roles.includes('admin') ||
    caller.roles.includes('supervisor') ||
    (caller.roles.includes('lieutenant') && caller.ledNeighborhoodIds.includes(neighborhoodId))
  );
}

export function assertCanSetPriorities(caller: PriorityCaller, neighborhoodId: string): void {
  if (!canSetPriorities(caller, neighborhoodId))
    throw new ForbiddenError(
      "Only the neighborhood's coordination lieutenant, a supervisor or an admin sets and works this neighborhood's priorities.",
    );
}
