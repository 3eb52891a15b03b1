import { z } from 'zod';
import {
  apiClientSchema,
  apiClientUsageSchema,
  createApiClientBodySchema,
  updateApiClientBodySchema,
  createdApiClientSchema,
  createUserBodySchema,
  loginBodySchema,
  refreshBodySchema,
  sessionSchema,
  updateUserBodySchema,
  userSchema,
} from './auth.ts';
import { authErrorResponses, listOf, listQuerySchema, problemSchema, uuidSchema } from './common.ts';
import { defineContract } from './route.ts';

const idParams = z.object({ id: uuidSchema });

export const authContracts = {
  login: defineContract({
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Log in with e-mail and password',
    description:
      'Five failed logins lock the account for 15 minutes (423). Rate-limited per client address (429).',
    tags: ['auth'],
    body: loginBodySchema,
    responses: {
      200: sessionSchema,
      400: problemSchema,
      401: problemSchema,
      423: problemSchema,
      429: problemSchema,
    },
  }),
  refresh: defineContract({
    method: 'POST',
    path: '/api/v1/auth/refresh',
    summary: 'Rotate the refresh token and get a new access token',
    description: 'Presenting a refresh token that was already rotated ends the whole session family.',
    tags: ['auth'],
    body: refreshBodySchema,
    responses: { 200: sessionSchema, 400: problemSchema, 401: problemSchema },
  }),
  logout: defineContract({
    method: 'POST',
    path: '/api/v1/auth/logout',
    summary: 'End the session of this refresh token',
    tags: ['auth'],
    body: refreshBodySchema,
    responses: { 204: z.null(), 400: problemSchema },
  }),
  me: defineContract({
    method: 'GET',
    path: '/api/v1/me',
    summary: 'The current user and roles',
    tags: ['auth'],
    responses: { 200: userSchema, ...authErrorResponses, 404: problemSchema },
  }),
};

export const usersContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/users',
    summary: 'List users',
    tags: ['users'],
    querystring: listQuerySchema,
    responses: { 200: listOf(userSchema), ...authErrorResponses },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/users',
    summary: 'Create a user',
    tags: ['users'],
    body: createUserBodySchema,
    responses: { 201: userSchema, ...authErrorResponses, 409: problemSchema },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/v1/users/:id',
    summary: 'One user',
    tags: ['users'],
    params: idParams,
    responses: { 200: userSchema, ...authErrorResponses, 404: problemSchema },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/users/:id',
    summary: 'Change a user: name, roles, active, password, or unlock after lockout',
    tags: ['users'],
    params: idParams,
    body: updateUserBodySchema,
    responses: { 200: userSchema, ...authErrorResponses, 404: problemSchema },
  }),
};

export const apiClientsContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/api-clients',
    summary: 'List integration clients',
    tags: ['api-clients'],
    querystring: listQuerySchema,
    responses: { 200: listOf(apiClientSchema), ...authErrorResponses },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/api-clients',
    summary: 'Create an integration client; the reply shows its key once',
    tags: ['api-clients'],
    body: createApiClientBodySchema,
    responses: { 201: createdApiClientSchema, ...authErrorResponses },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/api-clients/:id',
    summary: 'Rename an integration client or change its rate limit',
    tags: ['api-clients'],
    params: idParams,
    body: updateApiClientBodySchema,
    responses: { 200: apiClientSchema, ...authErrorResponses, 404: problemSchema },
  }),
  usage: defineContract({
    method: 'GET',
    path: '/api/v1/api-clients/:id/usage',
    summary: "An integration client's requests per day and its rate limit",
    tags: ['api-clients'],
    params: idParams,
    responses: { 200: apiClientUsageSchema, ...authErrorResponses, 404: problemSchema },
  }),
  revoke: defineContract({
    method: 'DELETE',
    path: '/api/v1/api-clients/:id',
    summary: 'Revoke an integration client',
    tags: ['api-clients'],
    params: idParams,
    responses: { 204: z.null(), ...authErrorResponses, 404: problemSchema },
  }),
};
