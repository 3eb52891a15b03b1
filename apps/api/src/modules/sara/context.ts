import type { Executor } from '../../db/client.ts';
import type { saraCases } from '../../db/schema/index.ts';
import type { Principal } from '../../lib/access.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import type { AuditActor } from '../audit/audit-log.ts';
import { callerAssignments } from '../assignments/caller-assignments.ts';

export interface SaraActor extends AuditActor {
  name: string;
}

export interface SaraContext {
  /** The database, or the transaction an idempotent POST runs in. */
  db: Executor;
  actor: SaraActor;
  principal: Principal;
  now: () => Date;
}

type CaseRow = typeof saraCases.$inferSelect;

const hasRole = (principal: Principal, ...roles: string[]) =>
  principal.kind === 'user' && principal.roles.some((role) => roles.includes(role));

/**
 * Who may work a case (edit it, move its stage, add actions): supervisors and admins every case; a
 * lieutenant the cases of the neighborhoods they lead now, and the cases they are the lead of.
 */
export async function canManageCase(
  executor: Executor,
  principal: Principal,
  row: Pick<CaseRow, 'neighborhoodId' | 'leadId'>,
): Promise<boolean> {
  if (hasRole(principal, 'admin', 'supervisor')) return true;
  if (!hasRole(principal, 'lieutenant') || principal.kind !== 'user') return false;
  const held = await callerAssignments(executor, principal.id);
  return (
    held.ledNeighborhoodIds.includes(row.neighborhoodId) || (!!row.leadId && row.leadId === held.personnelId)
  );
}

export async function assertCanManage(
  executor: Executor,
  principal: Principal,
  row: Pick<CaseRow, 'neighborhoodId' | 'leadId'>,
): Promise<void> {
  if (!(await canManageCase(executor, principal, row)))
    throw new ForbiddenError(
      "Only a supervisor, an administrator, the neighborhood's lieutenant or the case's lead may change this case.",
    );
}
