import type { ApiClientScope } from './types';

/** What each scope of the contracts lets an integration do, in words an administrator can judge. */
export const API_CLIENT_SCOPES = [
  {
    value: 'open311',
    label: 'Open311 GeoReport v2',
    description: 'Submit service requests and follow their status (town 311 system, SeeClickFix-style apps).',
  },
  {
    value: 'requests:read',
    label: 'Read service requests',
    description: 'Follow requests through the REST API; never the requester’s personal data.',
  },
  {
    value: 'requests:write',
    label: 'Create service requests',
    description: 'Submit requests through the REST API.',
  },
  {
    value: 'public:read',
    label: 'Public data',
    description: 'Neighborhoods, lieutenants’ public contacts, meetings and statistics.',
  },
] as const satisfies readonly { value: ApiClientScope; label: string; description: string }[];

// Compile-time check that every scope of the contracts is offered above.
const everyScopeListed: Exclude<ApiClientScope, (typeof API_CLIENT_SCOPES)[number]['value']> extends never
  ? true
  : never = true;
void everyScopeListed;
