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
  'PATCH /api/v1/api-clients/:id': { roles: admin },
  'GET /api/v1/api-clients/:id/usage': { roles: admin },

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
  'POST /api/v1/sara-cases/:id/attachments': { roles: staffRoles },
  'GET /api/v1/sara-cases/:id/attachments': { roles: everyone },
  'POST /api/v1/meetings/:id/attachments': { roles: staffRoles },
  'GET /api/v1/meetings/:id/attachments': { roles: everyone },
  'GET /api/v1/attachments/:id': { roles: everyone, scopes: requestScopes },
  'GET /api/v1/attachments/:id/thumbnail': { roles: everyone, scopes: requestScopes },
  'PATCH /api/v1/attachments/:id': { roles: staffRoles },
  'DELETE /api/v1/attachments/:id': { roles: staffRoles },
  'GET /api/v1/public/attachments/:id': 'public',
  // A person's own saved queue views.
  // SARA cases (#10): everyone reads; command and lieutenants work cases (the service limits a
  // lieutenant to their neighborhoods' cases); staff add evidence and notes; analysts measure and scan.
  'GET /api/v1/sara-cases': { roles: everyone },
  'POST /api/v1/sara-cases': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'GET /api/v1/sara-cases/:id': { roles: everyone },
  'PATCH /api/v1/sara-cases/:id': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'POST /api/v1/sara-cases/:id/stage': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'POST /api/v1/sara-cases/:id/requests/:requestId': { roles: staffRoles },
  'DELETE /api/v1/sara-cases/:id/requests/:requestId': { roles: staffRoles },
  'POST /api/v1/sara-cases/:id/notes': { roles: staffRoles },
  'POST /api/v1/sara-cases/:id/responses': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'PATCH /api/v1/sara-cases/:id/responses/:rid': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'POST /api/v1/sara-cases/:id/measures': { roles: statsReaders },
  'GET /api/v1/sara-cases/candidates': { roles: everyone },
  'POST /api/v1/sara-cases/candidates/scan': { roles: statsReaders },
  'POST /api/v1/sara-cases/candidates/:key/dismiss': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'GET /api/v1/sara-cases/figures': { roles: everyone },
  'GET /api/v1/service-requests/:id/sara-cases': { roles: everyone },
  'GET /api/v1/saved-views': { roles: everyone },
  'POST /api/v1/saved-views': { roles: everyone },
  'DELETE /api/v1/saved-views/:id': { roles: everyone },

  // Public texts (translations as data) and the public surface
  'GET /api/v1/public-texts': { roles: admin },
  'PUT /api/v1/public-texts/:key/:language': { roles: admin },
  'POST /api/v1/public-languages': { roles: admin },
  'PATCH /api/v1/public-languages/:code': { roles: admin },
  'GET /api/v1/public/texts': 'public',
  'GET /api/v1/public/neighborhoods': 'public',
  'GET /api/v1/public/neighborhoods/:code/team': 'public',
  'GET /api/v1/public/locate': 'public',
  'GET /api/v1/public/requests/:trackingNumber': 'public',
  'GET /api/v1/public/stats': 'public',
  'GET /api/v1/public/feed.xml': 'public',
  'GET /api/v1/public/feed.json': 'public',
  'GET /api/v1/public/service-requests.csv': 'public',
  'GET /api/v1/public/service-requests.geojson': 'public',
  'GET /public/': 'public',
  'GET /api/v1/service-requests/:id/public-updates/publications': { roles: staffRoles },
  'PUT /api/v1/service-requests/:id/public-updates/:eventId/publication': { roles: staffRoles },
  'DELETE /api/v1/service-requests/:id/public-updates/:eventId/publication': { roles: staffRoles },

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

  // Community meetings: staff read (analysts too); the service decides per meeting who plans (the
  // neighborhood's lieutenant, supervisors, admins) and who records (those and outreach staff).
  'GET /api/v1/meetings': { roles: everyone },
  'POST /api/v1/meetings': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'GET /api/v1/meetings/:id': { roles: everyone },
  'PATCH /api/v1/meetings/:id': { roles: staffRoles },
  'POST /api/v1/meetings/:id/action-items': { roles: staffRoles },
  'GET /api/v1/action-items': { roles: everyone },
  'PATCH /api/v1/action-items/:id': { roles: staffRoles },
  'POST /api/v1/meetings/:id/problems': { roles: staffRoles },
  'PATCH /api/v1/meeting-problems/:id': { roles: staffRoles },
  'GET /api/v1/meeting-schedules': { roles: everyone },
  'POST /api/v1/meeting-schedules': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'GET /api/v1/stats/meetings': { roles: statsReaders },
  'GET /api/v1/public/meetings': 'public',
  'GET /api/v1/public/meetings.ics': 'public',

  // Neighborhood priorities (#20): staff read (analysts too); the service lets a lieutenant set and
  // work only the neighborhoods they lead; supervisors follow up on the stale ones.
  'GET /api/v1/neighborhoods/:id/priorities': { roles: everyone },
  'POST /api/v1/neighborhoods/:id/priorities': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'GET /api/v1/priorities/:id': { roles: everyone },
  'PATCH /api/v1/priorities/:id': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'POST /api/v1/priorities/:id/actions': { roles: ['admin', 'supervisor', 'lieutenant'] },
  'GET /api/v1/priorities/stale': { roles: command },
  'GET /api/v1/priorities/report': { roles: everyone },
  'GET /api/v1/priorities/report.csv': { roles: everyone },
  'GET /api/v1/priorities/report.html': { roles: everyone },
  'GET /api/v1/public/neighborhoods/:code/priorities': 'public',

  // Statistics and live updates
  'GET /api/v1/stats/backlog': { roles: statsReaders },
  'GET /api/v1/stats/response-times': { roles: statsReaders },
  'GET /api/v1/stats/scorecards': { roles: statsReaders },
  'GET /api/v1/events': { roles: everyone },

  // Open311 GeoReport v2: GETs are public; POST checks its api_key itself (a 403 in the
  // specification's format, not the route guard's), so the guard lets everyone through.
  'GET /open311/v2/discovery.json': 'public',
  'GET /open311/v2/services.json': 'public',
  'GET /open311/v2/services/:service_code.json': 'public',
  'GET /open311/v2/requests.json': 'public',
  'POST /open311/v2/requests.json': 'public',
  'GET /open311/v2/requests/:service_request_id.json': 'public',
  'GET /open311/v2/tokens/:token.json': 'public',
  'GET /open311/v2/servicerequestupdates.json': 'public',
  'GET /open311/v2/discovery.xml': 'public',
  'GET /open311/v2/services.xml': 'public',
  'GET /open311/v2/services/:service_code.xml': 'public',
  'GET /open311/v2/requests.xml': 'public',
  'POST /open311/v2/requests.xml': 'public',
  'GET /open311/v2/requests/:service_request_id.xml': 'public',
  'GET /open311/v2/tokens/:token.xml': 'public',
  'GET /open311/v2/servicerequestupdates.xml': 'public',
  'GET /open311/v2/*': 'public',
  'POST /open311/v2/*': 'public',

  // Webhooks: outside URLs and signing secrets, administrators only.
  'GET /api/v1/webhooks': { roles: admin },
  'POST /api/v1/webhooks': { roles: admin },
  'GET /api/v1/webhooks/:id': { roles: admin },
  'PATCH /api/v1/webhooks/:id': { roles: admin },
  'DELETE /api/v1/webhooks/:id': { roles: admin },
  'GET /api/v1/webhooks/:id/deliveries': { roles: admin },
  'POST /api/v1/webhooks/:id/test': { roles: admin },
  'GET /api/v1/webhook-deliveries/:id': { roles: admin },
  'POST /api/v1/webhook-deliveries/:id/replay': { roles: admin },
};
