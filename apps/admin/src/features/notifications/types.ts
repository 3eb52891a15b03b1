export type {
  InboxNotification,
  InboxPage,
  NotificationPreferences,
  OutboxDelivery,
  StaffNotificationKind,
  UpdateNotificationPreferencesBody,
} from '@nsp/contracts';

import type { StaffNotificationKind } from '@nsp/contracts';

/** contracts: staffNotificationKinds, in the order the preferences table shows them. */
export const KIND_LABELS: Record<StaffNotificationKind, { label: string; description: string }> = {
  assigned: { label: 'New assignments', description: 'A request is assigned to you.' },
  sla_breached: {
    label: 'SLA breaches',
    description: 'A request in your neighborhood (or any, for supervisors) misses its due time.',
  },
  reassigned: { label: 'Reassignments', description: 'You take over or hand over a neighborhood.' },
  action_item_overdue: {
    label: 'Overdue action items',
    description: 'A meeting action item you own (or in a neighborhood you lead) is past its due date.',
  },
  account_locked: {
    label: 'Account locked',
    description: 'Your account (or, for administrators, anyone’s) is locked after five failed logins.',
  },
  webhook_disabled: {
    label: 'Webhook disabled',
    description: 'A webhook subscription you own kept failing and was disabled.',
  },
};
