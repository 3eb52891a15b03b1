import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One entry per API route: method, path and the zod schemas of what goes in and comes out. The API
 * registers routes from these; the admin app calls them through the same entries; the OpenAPI
 * document is generated from them.
 */
export interface RouteContract {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: readonly string[];
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodType;
  responses: Readonly<Record<number, z.ZodType>>;
  /** Content types the body may come in besides JSON (e.g. text/csv). */
  consumes?: readonly string[];
  description?: string;
  /** Overrides the operationId derived from method and path, where two paths would derive the same one. */
  operationId?: string;
}

export const defineContract = <const C extends RouteContract>(contract: C): C => contract;
