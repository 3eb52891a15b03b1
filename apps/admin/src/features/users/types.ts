import type { createUserBodySchema, updateUserBodySchema } from '@nsp/contracts';

export type { User } from '@nsp/contracts';
/** Request bodies as the client sends them (`_input`: before the server's transforms). */
export type CreateUserBody = (typeof createUserBodySchema)['_input'];
export type UpdateUserBody = (typeof updateUserBodySchema)['_input'];
