import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { ValidationError } from '../../lib/errors.ts';
import { callerAssignments } from '../assignments/caller-assignments.ts';

/**
 * Whom the queue's "me" (assigneeId=me) and "mine" (neighborhoodId=mine) mean: the personnel record
 * linked to the signed-in person and every neighborhood they hold a role in now (as coordination
 * lieutenant, NRO, CSO or officer), by the one rule every module uses (callerAssignments).
 * An integration has no "me": 400 naming the field.
 */
export async function queueCaller(executor: Executor, request: FastifyRequest) {
  const principal = request.principal;
  if (principal?.kind !== 'user') {
    const field =
      (request.query as { assigneeId?: string }).assigneeId === 'me' ? 'assigneeId' : 'neighborhoodId';
    throw new ValidationError('"me" and "mine" name a signed-in person; an integration has none.', [
      { path: field, message: 'may be "me" or "mine" only for a signed-in person', in: 'querystring' },
    ]);
  }
  const assigned = await callerAssignments(executor, principal.id);
  return {
    personnelId: assigned.personnelId,
    neighborhoodIds: [
      ...new Set([...assigned.ledNeighborhoodIds, ...assigned.roles.map((role) => role.neighborhoodId)]),
    ],
  };
}
