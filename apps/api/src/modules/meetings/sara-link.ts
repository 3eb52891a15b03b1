import type { Executor } from '../../db/client.ts';
import type { AuditActor } from '../audit/audit-log.ts';

/**
 * How meetings reach SARA cases (#10) without importing that module's internals: a problem raised at a
 * meeting joins an existing case or starts one with the meeting as evidence. The link lives in
 * `meeting_problems.sara_case_id`; a case's page finds its meetings with `GET /api/v1/meetings?saraCaseId=`.
 * When no SARA module is present, `saraCaseLink` is null and linking is refused with 501.
 */
export interface SaraCaseLink {
  /** The case's neighborhood, or null when there is no such case. */
  caseNeighborhood(executor: Executor, caseId: string): Promise<string | null>;
  /** Opens a case in Scanning from a problem raised at a meeting; returns its id. */
  startCase(
    executor: Executor,
    input: {
      neighborhoodId: string;
      title: string;
      problemStatement: string;
      identifiedBy: string;
      actor: AuditActor;
    },
  ): Promise<string>;
}

export const saraCaseLink: SaraCaseLink | null = null;
