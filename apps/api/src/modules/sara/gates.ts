import { type SaraGateItem, type SaraStage, saraStages } from '@nsp/contracts';
import type { saraCases } from '../../db/schema/index.ts';

type CaseRow = typeof saraCases.$inferSelect;

/** What a gate looks at besides the case row. */
export interface GateFacts {
  linkedRequests: number;
  actionStatuses: string[];
  measures: number;
}

const filled = (value: string | null | undefined) => typeof value === 'string' && value.trim() !== '';

export const nextStageOf = (stage: SaraStage): SaraStage | null =>
  saraStages[saraStages.indexOf(stage) + 1] ?? null;
export const stageIndex = (stage: SaraStage) => saraStages.indexOf(stage);

/**
 * The gate into `to` as a checklist, every item named by field so a refusal can list all that is
 * missing at once (the gates; the POP Center's SARA guide asks the same of each stage).
 */
export function gateInto(to: SaraStage, row: CaseRow, facts: GateFacts): SaraGateItem[] {
  const item = (path: string, message: string, met: boolean): SaraGateItem => ({ path, message, met });
  switch (to) {
    case 'scanning':
      return [];
    case 'analysis':
      return [
        item(
          'scanning.problemStatement',
          'a problem statement is required',
          filled(row.scanning.problemStatement),
        ),
        item('evidence', 'link at least one service request as evidence', facts.linkedRequests > 0),
      ];
    case 'response': {
      const triangle = row.analysis.triangle ?? {};
      return [
        item(
          'analysis.hypotheses',
          'state at least one hypothesis',
          (row.analysis.hypotheses ?? []).some((hypothesis) => filled(hypothesis)),
        ),
        item(
          'analysis.triangle',
          'describe at least one side of the problem-analysis triangle (offenders, victims or places)',
          filled(triangle.offenders) || filled(triangle.victims) || filled(triangle.places),
        ),
      ];
    }
    case 'assessment':
      return [
        item(
          'responses',
          'start at least one response action',
          facts.actionStatuses.some((status) => status === 'started' || status === 'done'),
        ),
      ];
    case 'closed':
      return [
        item('assessment.outcome', 'choose an outcome', !!row.assessment.outcome),
        item('measures', 'add at least one measure', facts.measures > 0),
      ];
  }
}
