import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { personnel } from '../../db/schema/index.ts';
import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import type { Principal } from '../../lib/access.ts';

/**
 * Who may change a request's assignee: outreach staff (routing is their job), supervisors and
 * administrators. Lieutenants own their neighborhood's work but do not reassign themselves or
 * others (product brief); integrations never assign.
 */
const assigningRoles = new Set(['admin', 'supervisor', 'staff']);

export function assertMayAssign(principal: Principal): void {
  if (principal.kind === 'user' && principal.roles.some((role) => assigningRoles.has(role))) return;
  throw new ForbiddenError('Your role does not allow changing who a request is assigned to.');
}

/** An active member of the department, or a 400 naming the field. */
export async function requireAssignablePerson(executor: Executor, personnelId: string, path = 'assigneeId') {
  const [person] = await executor
    .select({ id: personnel.id, name: personnel.name, title: personnel.title, active: personnel.active })
    .from(personnel)
    .where(eq(personnel.id, personnelId))
    .limit(1);
  if (!person) {
    throw new ValidationError(`No member of the department has id ${personnelId}.`, [
      { path, message: 'is not a member of the department', in: 'body' },
    ]);
  }
  if (!person.active) {
    throw new ValidationError(`${person.name} is no longer active and cannot be assigned.`, [
      { path, message: 'is not active', in: 'body' },
    ]);
  }
  return person;
}
