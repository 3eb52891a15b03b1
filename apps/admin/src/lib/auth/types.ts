import type { Role as ContractRole, sessionSchema } from '@nsp/contracts';

// Types only: `import type` keeps zod out of the browser bundle while tsc still fails the build
// when the contracts change shape. (`_output` is zod's inferred output type of a schema.)
export type Role = ContractRole;

/** The reply of both `POST /api/v1/auth/login` and `POST /api/v1/auth/refresh`. */
export type AuthResponse = (typeof sessionSchema)['_output'];
export type SessionUser = AuthResponse['user'];

export const ROLES = [
  'admin',
  'supervisor',
  'lieutenant',
  'staff',
  'analyst',
] as const satisfies readonly Role[];
// Compile-time check that no role of the contracts is missing from the list above.
const everyRoleListed: Exclude<Role, (typeof ROLES)[number]> extends never ? true : never = true;
void everyRoleListed;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  supervisor: 'Supervisor',
  lieutenant: 'Lieutenant',
  staff: 'Outreach staff',
  analyst: 'Analyst',
};
