import type { SaraStage } from '@nsp/contracts';

export const STAGE_LABELS: Record<SaraStage, string> = {
  scanning: 'Scanning',
  analysis: 'Analysis',
  response: 'Response',
  assessment: 'Assessment',
  closed: 'Closed',
};
export const OPEN_STAGES: SaraStage[] = ['scanning', 'analysis', 'response', 'assessment'];
export const STAGE_ORDER: SaraStage[] = [...OPEN_STAGES, 'closed'];

export const PRIORITY_LABELS = { low: 'Low', medium: 'Medium', high: 'High' } as const;
export const PROBLEM_TYPE_LABELS = {
  behaviour: 'Behaviour',
  place: 'Place',
  person: 'Person',
  time: 'Time',
} as const;
export const EFFECTIVENESS_LABELS = {
  unknown: 'Not known',
  absent: 'Absent',
  weak: 'Weak',
  adequate: 'Adequate',
  strong: 'Strong',
} as const;
export const REPEAT_LABELS = {
  repeat_offender: 'Repeat offender',
  repeat_victim: 'Repeat victim',
  repeat_place: 'Repeat place',
  none: 'No repeat pattern',
} as const;
export const ACTION_STATUS_LABELS = {
  planned: 'Planned',
  started: 'Started',
  done: 'Done',
  dropped: 'Dropped',
} as const;
export const OUTCOME_LABELS = {
  eliminated: 'Problem eliminated',
  fewer_incidents: 'Fewer incidents',
  less_serious: 'Less serious incidents',
  handled_better: 'Handled better',
  removed_from_police: 'Removed from police consideration',
  displaced: 'Displaced',
  no_change: 'No change',
} as const;
export const CANDIDATE_KIND_LABELS = {
  repeat_place: 'Repeat place',
  cluster: 'Cluster',
  spike: 'Spike',
} as const;
