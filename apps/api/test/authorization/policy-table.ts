import type { Role } from '@nsp/contracts';

/**
 * THE declared authorization policy: who may call each route. The matrix test
 * (authorization-matrix.test.ts) calls every registered route as anonymous, as each role and as an
 * API client with each scope, and checks the app against this table. A route without a row fails
 * the test, so a new route cannot ship without someone deciding who may use it.
 *
 * 'public': anyone, no credentials. 'any-user': any signed-in person, no API client.
 * Otherwise the roles (people) and scopes (API clients) that may call it.
 */
export type Policy = 'public' | 'any-user' | { roles: readonly Role[]; scopes?: readonly string[] };

const everyone: readonly Role[] = ['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'];
/** The roles that work requests and see requesters' contact data. */
const staffRoles: readonly Role[] = ['admin', 'supervisor', 'lieutenant', 'staff'];
const command: readonly Role[] = ['admin', 'supervisor'];
const statsReaders: readonly Role[] = ['admin', 'supervisor', 'lieutenant', 'analyst'];
const admin: readonly Role[] = ['admin'];
const requestScopes = ['requests:read', 'requests:write'];

export const policyTable: Record<string, Policy> = {
  // Operations
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  // Public in the route guard; NSP_METRICS_TOKEN adds a bearer check of its own (operations tests).
  'GET /metrics': 'public',
  'GET /openapi.json': 'public',
  'GET /api/v1/client-config': 'public',

  // Sign-in and accounts
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/me': 'any-user',
  'GET /api/v1/users': { roles: admin },
  'GET /api/v1/users/:id': { roles: admin },
  'POST /api/v1/users': { roles: admin },
  'PATCH /api/v1/users/:id': { roles: admin },
  'GET /api/v1/api-clients': { roles: admin },
  'POST /api/v1/api-clients': { roles: admin },
  'DELETE /api/v1/api-clients/:id': { roles: admin },

  // Neighborhoods, geography, geocoding
  'GET /api/v1/neighborhoods': { roles: everyone, scopes: requestScopes },
  'GET /api/v1/neighborhoods/:id': { roles: everyone, scopes: requestScopes },
  'GET /api/v1/neighborhoods/:id/boundaries': { roles: everyone, scopes: requestScopes },
  'POST /api/v1/neighborhoods': { roles: admin },
  'PATCH /api/v1/neighborhoods/:id': { roles: admin },
  'POST /api/v1/neighborhoods/boundaries': { roles: admin },
  'POST /api/v1/address-points': { roles: admin },
  'GET /api/v1/geocode': { roles: everyone, scopes: requestScopes },
  'GET /api/v1/locate': { roles: everyone, scopes: requestScopes },
  'GET /api/v1/reverse': { roles: everyone, scopes: requestScopes },
  'GET /api/v1/places': { roles: everyone, scopes: requestScopes },
  'POST /api/v1/places': { roles: admin },
  'DELETE /api/v1/places/:id': { roles: admin },
  'GET /api/v1/jurisdiction': { roles: everyone },
  'PATCH /api/v1/jurisdiction': { roles: admin },

  // Personnel and assignments
  'GET /api/v1/personnel': { roles: everyone },
  'GET /api/v1/personnel/:id': { roles: everyone },
  'GET /api/v1/personnel/workload': { roles: everyone },
  'POST /api/v1/personnel': { roles: command },
  'PATCH /api/v1/personnel/:id': { roles: command },
  'GET /api/v1/neighborhoods/:id/assignments': { roles: everyone },
  'POST /api/v1/neighborhoods/:id/assignments': { roles: command },
  'POST /api/v1/neighborhoods/:id/lieutenant': { roles: command },
  'GET /api/v1/assignments': { roles: everyone },
  'POST /api/v1/assignments/:id/corrections': { roles: command },
  'GET /api/v1/neighborhoods/:id/lieutenant/open-work': { roles: command },
  'GET /api/v1/me/assignments': { roles: everyone },

  // Categories, desk settings, templates
  'GET /api/v1/service-types': { roles: everyone, scopes: requestScopes },
  'GET /api/v1/service-types/:code': { roles: everyone, scopes: requestScopes },
  'POST /api/v1/service-types': { roles: admin },
  'PATCH /api/v1/service-types/:code': { roles: admin },
  'GET /api/v1/service-desk/settings': { roles: everyone },
  'PATCH /api/v1/service-desk/settings': { roles: admin },
  'GET /api/v1/response-templates': { roles: staffRoles },
  'POST /api/v1/response-templates': { roles: admin },
  'PATCH /api/v1/response-templates/:id': { roles: admin },
  'DELETE /api/v1/response-templates/:id': { roles: admin },

  // Service requests
  'POST /api/v1/service-requests': { roles: staffRoles, scopes: ['requests:write'] },
  'GET /api/v1/service-requests': { roles: everyone, scopes: requestScopes },
  'GET /api/v1/service-requests/:id': { roles: everyone, scopes: requestScopes },
  'PATCH /api/v1/service-requests/:id': { roles: staffRoles },
  'POST /api/v1/service-requests/:id/transitions': { roles: staffRoles },
  'POST /api/v1/service-requests/:id/notes': { roles: staffRoles },
  'POST /api/v1/service-requests/:id/merge': { roles: staffRoles },
  'POST /api/v1/service-requests/bulk': { roles: staffRoles },
  'GET /api/v1/service-requests/possible-duplicates': { roles: staffRoles, scopes: ['requests:write'] },
  // Found through the requester's personal data: staff roles only, never an integration.
  'GET /api/v1/service-requests/:id/requester-requests': { roles: staffRoles },

  // Attachments (photos and documents): the owner's rules then decide (modules/attachments/owners.ts)
  'POST /api/v1/service-requests/:id/attachments': { roles: staffRoles, scopes: ['requests:write'] },
  'GET /api/v1/service-requests/:id/attachments': { roles: everyone, scopes: requestScopes },
  'GET /api/v1/attachments/:id': { roles: everyone, scopes: requestScopes },
  'GET /api/v1/attachments/:id/thumbnail': { roles: everyone, scopes: requestScopes },
  'PATCH /api/v1/attachments/:id': { roles: staffRoles },
  'DELETE /api/v1/attachments/:id': { roles: staffRoles },
  'GET /api/v1/public/attachments/:id': 'public',
  // A person's own saved queue views.
  'GET /api/v1/saved-views': { roles: everyone },
  'POST /api/v1/saved-views': { roles: everyone },
  'DELETE /api/v1/saved-views/:id': { roles: everyone },

  // Public texts (translations as data) and the public surface
  'GET /api/v1/public-texts': { roles: admin },
  'PUT /api/v1/public-texts/:key/:language': { roles: admin },
  'POST /api/v1/public-languages': { roles: admin },
  'PATCH /api/v1/public-languages/:code': { roles: admin },
  'GET /api/v1/public/texts': 'public',

  // Notifications: one's own inbox and settings; the outbox and other people's settings for admins.
  'GET /api/v1/notifications': 'any-user',
  'GET /api/v1/notifications/unread-count': 'any-user',
  'POST /api/v1/notifications/read': 'any-user',
  'POST /api/v1/notifications/:id/read': 'any-user',
  'GET /api/v1/me/notification-preferences': 'any-user',
  'PATCH /api/v1/me/notification-preferences': 'any-user',
  'GET /api/v1/users/:userId/notification-preferences': { roles: admin },
  'PATCH /api/v1/users/:userId/notification-preferences': { roles: admin },
  'GET /api/v1/notification-outbox': { roles: admin },
  'POST /api/v1/notification-outbox/:id/retry': { roles: admin },
  // Residents' links from e-mails: public, guarded by a signed token in the link.
  'GET /api/v1/public/requests/:trackingNumber/unsubscribe': 'public',
  'POST /api/v1/public/requests/:trackingNumber/unsubscribe': 'public',
  'GET /api/v1/public/requests/:trackingNumber/not-fixed': 'public',
  'POST /api/v1/public/requests/:trackingNumber/not-fixed': 'public',

  // Statistics and live updates
  'GET /api/v1/stats/backlog': { roles: statsReaders },
  'GET /api/v1/stats/response-times': { roles: statsReaders },
  'GET /api/v1/stats/scorecards': { roles: statsReaders },
  'GET /api/v1/events': { roles: everyone },
};
