import type { RequestChannel, RequestPriority, RequestStatusValue } from '@nsp/contracts';

export const STATUS_LABELS: Record<RequestStatusValue, string> = {
  new: 'New',
  triaged: 'Triaged',
  assigned: 'Assigned',
  in_progress: 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
  rejected: 'Rejected',
  duplicate: 'Duplicate',
};

/** The button text for moving a request to a status. */
export const TRANSITION_LABELS: Record<RequestStatusValue, string> = {
  new: 'Back to new',
  triaged: 'Mark triaged',
  assigned: 'Mark assigned',
  in_progress: 'Start work',
  resolved: 'Resolve',
  closed: 'Close',
  rejected: 'Reject',
  duplicate: 'Mark duplicate',
};

/**
 * The button for a move, said from where the request stands: going back to in progress from
 * resolved is a reopen, not "start work".
 */
export function transitionLabel(from: RequestStatusValue, to: RequestStatusValue): string {
  if (to === 'in_progress' && (from === 'resolved' || from === 'closed')) return 'Reopen';
  if (to === 'triaged' && from === 'rejected') return 'Reopen for triage';
  if (to === 'triaged' && from === 'assigned') return 'Back to triage';
  if (to === 'assigned' && from === 'in_progress') return 'Pause (back to assigned)';
  return TRANSITION_LABELS[to];
}

export const STATUS_ORDER: readonly RequestStatusValue[] = [
  'new',
  'triaged',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'duplicate',
];

/** contracts: openRequestStatuses (kept as a type-checked copy so zod stays out of this chunk). */
export const OPEN_STATUSES = [
  'new',
  'triaged',
  'assigned',
  'in_progress',
] as const satisfies readonly RequestStatusValue[];

export const PRIORITY_LABELS: Record<RequestPriority, string> = {
  P1: 'P1 · Urgent',
  P2: 'P2 · High',
  P3: 'P3 · Normal',
  P4: 'P4 · Low',
};

export const PRIORITIES: readonly RequestPriority[] = ['P1', 'P2', 'P3', 'P4'];

export const CHANNEL_LABELS: Record<RequestChannel, string> = {
  phone: 'Phone',
  walk_in: 'Walk-in',
  email: 'E-mail',
  web: 'Web',
  social_media: 'Social media',
  integration: 'Integration',
};

export const CHANNELS: readonly RequestChannel[] = [
  'phone',
  'walk_in',
  'email',
  'web',
  'social_media',
  'integration',
];

export const EVENT_LABELS: Record<string, string> = {
  created: 'Request taken',
  status_changed: 'Status changed',
  reopened: 'Reopened',
  assigned: 'Assigned',
  priority_changed: 'Priority changed',
  updated: 'Details changed',
  note: 'Note',
  merged_into: 'Merged into another request',
  merged_from: 'Duplicate merged into this one',
  sla_breached: 'Due time passed',
  anonymized: 'Requester details removed',
  requester_unsubscribed: 'Requester stopped e-mail updates',
  rerouted: 'Moved to another neighborhood',
  relocated: 'Location corrected',
  recategorized: 'Category changed',
  requester_updated: 'Requester details changed',
  due_times_recomputed: 'Due times recomputed',
  neighborhood_changed: 'Moved to another neighborhood',
  attachment_added: 'Photo or document added',
  attachment_removed: 'Photo or document removed',
  attachment_published: 'Photo made public',
  attachment_unpublished: 'Photo made internal',
};
