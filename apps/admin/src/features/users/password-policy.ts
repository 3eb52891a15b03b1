import type { passwordPolicy } from '@nsp/contracts';

// A literal type taken from the contracts: if the API's policy changes, this line stops compiling.
export const MIN_PASSWORD_LENGTH: (typeof passwordPolicy)['minLength'] = 12;
