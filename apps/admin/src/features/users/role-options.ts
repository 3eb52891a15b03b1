import { ROLE_LABELS, ROLES, type Role } from '../../lib/auth/types';

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Users, roles, API clients, categories, boundaries and address data.',
  supervisor: 'Reassigns lieutenants and officers; sees every scorecard and SLA breach.',
  lieutenant: "Owns a neighborhood's open work, meetings and SARA cases.",
  staff: 'Takes and triages service requests; posts public updates.',
  analyst: 'Statistics and exports; read-only.',
};

export const ROLE_OPTIONS = ROLES.map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
  description: ROLE_DESCRIPTIONS[role],
}));
