import type { Executor } from '../../db/client.ts';
import { saraCaseEvents } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { SaraActor } from './context.ts';

/**
 * Every change goes to the case's timeline (what the case page shows) and to the audit log (the
 * append-only record), in the caller's transaction.
 */
export async function recordCaseEvent(
  executor: Executor,
  actor: SaraActor,
  caseId: string,
  event: {
    kind: string;
    fromStage?: string | null;
    toStage?: string | null;
    reason?: string | null;
    detail?: unknown;
    before?: unknown;
    after?: unknown;
  },
) {
  const [row] = await executor
    .insert(saraCaseEvents)
    .values({
      caseId,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      kind: event.kind,
      fromStage: event.fromStage ?? null,
      toStage: event.toStage ?? null,
      reason: event.reason ?? null,
      detail: event.detail ?? null,
    })
    .returning();
  await recordAudit(executor, actor, {
    action: `sara_case.${event.kind}`,
    entityType: 'sara_case',
    entityId: caseId,
    before: event.before ?? null,
    after: event.after ?? event.detail ?? null,
  });
  return row!;
}
