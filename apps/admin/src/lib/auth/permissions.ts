import type { Role, SessionUser } from './types';

/**
 * What each role may do in the admin app. The API is the authority (it answers 403); this table
 * only keeps the UI from offering an action the API would refuse. Keep it in step with the
 * API's route guards.
 */
export const PERMISSIONS = {
  'users.manage': ['admin'],
  'api-clients.manage': ['admin'],
  // webhooks/routes.ts: subscriptions, deliveries, test sends and replays.
  'webhooks.manage': ['admin'],
  'assignments.change': ['admin', 'supervisor'],
  'dashboards.view': ['admin', 'supervisor', 'analyst', 'lieutenant'],
  // service-requests/routes.ts: intake and workers; analysts read only.
  'service-requests.create': ['admin', 'supervisor', 'lieutenant', 'staff'],
  'service-requests.work': ['admin', 'supervisor', 'lieutenant', 'staff'],
  // geocoding and neighborhoods routes: boundary and address data are the administrator's.
  'geography.import': ['admin'],
  // modules/public/texts-routes.ts: what the public surface says is the administrator's.
  'public-texts.manage': ['admin'],
  // notifications/routes.ts: the outbox and other users' notification settings.
  'notifications.outbox': ['admin'],
  // sara/routes.ts: who opens and works cases (a lieutenant only in their neighborhoods, the API decides).
  'sara.manage': ['admin', 'supervisor', 'lieutenant'],
  'sara.evidence': ['admin', 'supervisor', 'lieutenant', 'staff'],
  'sara.measure': ['admin', 'supervisor', 'lieutenant', 'analyst'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(user: Pick<SessionUser, 'roles'> | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return user.roles.some((role) => allowed.includes(role));
}
