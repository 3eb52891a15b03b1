import type { BulkBody, BulkResult } from '@nsp/contracts';
import type { Database } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { assertMayAssign, requireAssignablePerson } from './assignee.ts';
import type { ServiceRequestsContext } from './context.ts';
import type { RequestRow } from './repo.ts';
import { transitionInTransaction } from './transition-request.ts';
import { updateServiceRequest } from './update-request.ts';

const noPrecondition = { kind: 'none' } as const;

/**
 * Applies one action to many requests in ONE transaction, each request in its own savepoint: a request
 * that cannot change (illegal transition, gone, finished) is rolled back to its savepoint and reported,
 * and the others still change. Errors that are not about the request (the database failing) abort the
 * whole batch.
 */
export async function applyBulk(ctx: ServiceRequestsContext, input: BulkBody): Promise<BulkResult> {
  if (input.action === 'assign') {
    assertMayAssign(ctx.principal);
    if (input.assigneeId !== null) await requireAssignablePerson(ctx.db, input.assigneeId);
  }
  const changed: RequestRow[] = [];
  const results = await withTransaction(ctx.db, async (tx) => {
    const results: BulkResult['results'] = [];
    for (const id of input.ids) {
      try {
        const row = await tx.transaction(async (savepoint): Promise<RequestRow> => {
          // The per-item services open their own (nested) transaction on the savepoint.
          const itemContext = { ...ctx, db: savepoint as unknown as Database };
          switch (input.action) {
            case 'assign':
              return updateServiceRequest(itemContext, id, { assigneeId: input.assigneeId }, noPrecondition);
            case 'prioritise':
              return updateServiceRequest(itemContext, id, { priority: input.priority }, noPrecondition);
            case 'transition': {
              const { row } = await transitionInTransaction(
                savepoint,
                ctx,
                id,
                { to: input.to, reason: input.reason },
                noPrecondition,
              );
              return row;
            }
          }
        });
        results.push({ id, ok: true, status: row.status, version: row.version });
        changed.push(row);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const allowed = error.extensions.allowed as BulkResult['results'][number]['status'][] | undefined;
        results.push({
          id,
          ok: false,
          error: {
            status: error.status,
            title: error.title,
            detail: error.message,
            ...(allowed
              ? { allowed: allowed.filter((s): s is NonNullable<typeof s> => s !== undefined) }
              : {}),
          },
        });
      }
    }
    return results;
  });
  const type = input.action === 'transition' ? 'service_request.status_changed' : 'service_request.updated';
  for (const row of changed)
    ctx.announce({ type, id: row.id, neighborhoodId: row.neighborhoodId, status: row.status });
  const succeeded = results.filter((result) => result.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}
