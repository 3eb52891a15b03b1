import type {
  apiClientSchema,
  apiClientScopes,
  createApiClientBodySchema,
  createdApiClientSchema,
} from '@nsp/contracts';

/** An integration client (town 311 system, city website, …) that calls the API with X-Api-Key. */
export type ApiClientRecord = (typeof apiClientSchema)['_output'];
/** The create reply: the only time the secret key is ever shown. */
export type CreatedApiClient = (typeof createdApiClientSchema)['_output'];
export type CreateApiClientBody = (typeof createApiClientBodySchema)['_input'];
export type ApiClientScope = (typeof apiClientScopes)[number];
