import type { SaraAction } from '@nsp/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { personnel, saraCases, saraResponseActions } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordCaseEvent } from './case-events.ts';
import { loadCase, presentAction } from './case-view.ts';
import { assertCanManage, type SaraContext } from './context.ts';

interface ActionInput {
  title?: string | undefined;
  ownerId?: string | null | undefined;
  partner?: string | undefined;
  dueDate?: string | null | undefined;
  status?: 'planned' | 'started' | 'done' | 'dropped' | undefined;
}

async function ownerName(executor: Executor, ownerId: string | null | undefined): Promise<string | null> {
  if (!ownerId) return null;
  const [owner] = await executor
    .select({ name: personnel.name })
    .from(personnel)
    .where(eq(personnel.id, ownerId));
  if (!owner)
    throw new ValidationError('The owner is not in personnel.', [
      { path: 'ownerId', message: 'is not a member of personnel', in: 'body' },
    ]);
  return owner.name;
}

async function loadWorkableCase(ctx: SaraContext, executor: Executor, caseId: string) {
  const row = await loadCase(executor, caseId, { forUpdate: true });
  await assertCanManage(executor, ctx.principal, row);
  if (row.stage === 'closed') throw new ConflictError('The case is closed: its response no longer changes.');
  return row;
}

const touchCase = (executor: Executor, caseId: string, now: Date) =>
  executor
    .update(saraCases)
    .set({ updatedAt: now, version: sql`${saraCases.version} + 1` })
    .where(eq(saraCases.id, caseId));

export async function addAction(
  ctx: SaraContext,
  caseId: string,
  input: ActionInput & { title: string },
): Promise<SaraAction> {
  return withTransaction(ctx.db, async (tx) => {
    await loadWorkableCase(ctx, tx, caseId);
    const name = await ownerName(tx, input.ownerId);
    const [row] = await tx
      .insert(saraResponseActions)
      .values({
        caseId,
        title: input.title,
        ownerId: input.ownerId ?? null,
        partner: input.partner ?? '',
        dueDate: input.dueDate ?? null,
        status: input.status ?? 'planned',
      })
      .returning();
    await touchCase(tx, caseId, ctx.now());
    await recordCaseEvent(tx, ctx.actor, caseId, {
      kind: 'action_added',
      detail: { actionId: row!.id, title: row!.title, status: row!.status },
    });
    return presentAction(row!, name);
  });
}

export async function updateAction(
  ctx: SaraContext,
  caseId: string,
  actionId: string,
  input: ActionInput,
): Promise<SaraAction> {
  return withTransaction(ctx.db, async (tx) => {
    await loadWorkableCase(ctx, tx, caseId);
    const [current] = await tx
      .select()
      .from(saraResponseActions)
      .where(and(eq(saraResponseActions.id, actionId), eq(saraResponseActions.caseId, caseId)));
    if (!current) throw new NotFoundError(`No response action ${actionId} on this case.`);
    if (input.ownerId !== undefined) await ownerName(tx, input.ownerId);
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const [row] = await tx
      .update(saraResponseActions)
      .set({ ...changes, updatedAt: ctx.now() })
      .where(eq(saraResponseActions.id, actionId))
      .returning();
    await touchCase(tx, caseId, ctx.now());
    await recordCaseEvent(tx, ctx.actor, caseId, {
      kind: 'action_updated',
      detail: { actionId, title: row!.title, changes },
      before: Object.fromEntries(
        Object.keys(changes).map((key) => [key, (current as Record<string, unknown>)[key]]),
      ),
      after: changes,
    });
    return presentAction(row!, await ownerName(tx, row!.ownerId));
  });
}
