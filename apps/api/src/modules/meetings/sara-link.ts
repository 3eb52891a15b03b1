import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { saraCases } from '../../db/schema/index.ts';
import type { AuditActor } from '../audit/audit-log.ts';
import { recordCaseEvent } from '../sara/case-events.ts';

/**
 * How meetings reach SARA cases (#10): a problem raised at a meeting joins an existing case or starts
 * one in Scanning with the meeting as evidence. The link lives in `meeting_problems.sara_case_id`
 * (a foreign key to sara_cases); a case's page finds its meetings with `GET /api/v1/meetings?saraCaseId=`.
 */
export interface SaraCaseLink {
  caseNeighborhood(executor: Executor, caseId: string): Promise<string | null>;
  startCase(
    executor: Executor,
    input: {
      neighborhoodId: string;
      title: string;
      problemStatement: string;
      identifiedBy: string;
      meetingId: string;
      actor: AuditActor & { name: string };
    },
  ): Promise<string>;
}

export const saraCaseLink: SaraCaseLink | null = {
  async caseNeighborhood(executor, caseId) {
    const [row] = await executor
      .select({ neighborhoodId: saraCases.neighborhoodId })
      .from(saraCases)
      .where(eq(saraCases.id, caseId))
      .limit(1);
    return row?.neighborhoodId ?? null;
  },
  async startCase(executor, input) {
    const [row] = await executor
      .insert(saraCases)
      .values({
        title: input.title,
        neighborhoodId: input.neighborhoodId,
        scanning: { problemStatement: input.problemStatement, identifiedBy: input.identifiedBy },
        createdByType: input.actor.type,
        createdById: input.actor.id,
      })
      .returning({ id: saraCases.id, title: saraCases.title });
    if (!row) throw new Error('insert returned nothing');
    await recordCaseEvent(executor, input.actor, row.id, {
      kind: 'created',
      toStage: 'scanning',
      detail: { title: row.title, meetingId: input.meetingId, source: 'meeting' },
      after: { title: row.title, neighborhoodId: input.neighborhoodId },
    });
    return row.id;
  },
};
