import type { Role } from '@nsp/contracts';
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from './errors.ts';

/** Access tokens: their lifetime, issuer and audience (the auth plugin signs and checks them). */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const TOKEN_ISSUER = 'nsp';
export const TOKEN_AUDIENCE = 'nsp-api';

export type Principal =
  | {
      kind: 'user';
      id: string;
      email: string;
      name: string;
      roles: Role[];
      /** The session (refresh-token family) the access token belongs to. */
      sessionId: string;
      /** When the access token expires (ms since the epoch): long-lived streams end then. */
      tokenExpiresAt: number;
    }
  | {
      kind: 'api_client';
      id: string;
      name: string;
      scopes: string[];
      /** The client's own requests per minute; null: the deployment's default. */
      rateLimitPerMinute: number | null;
    };

/**
 * Who may call a route. Every route declares one in `config.access`; a route without it stops the
 * app from starting, so no route can be forgotten.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'authenticated'; roles: readonly Role[] | 'any'; scopes: readonly string[] };

export const access = {
  /** No credentials needed (health, public API, login). */
  public: (): Access => ({ kind: 'public' }),
  /** People with one of these roles, and integration clients holding one of `scopes`. */
  roles: (roles: readonly Role[], options: { scopes?: readonly string[] } = {}): Access => ({
    kind: 'authenticated',
    roles,
    scopes: options.scopes ?? [],
  }),
  /** Any logged-in person (e.g. /me). */
  anyUser: (): Access => ({ kind: 'authenticated', roles: 'any', scopes: [] }),
};

export const allRoles: readonly Role[] = ['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'];

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function requireUser(request: FastifyRequest): Extract<Principal, { kind: 'user' }> {
  const principal = request.principal;
  if (principal?.kind !== 'user') throw new UnauthorizedError('Log in to do this.');
  return principal;
}

export function hasRole(request: FastifyRequest, ...roles: Role[]): boolean {
  const principal = request.principal;
  return principal?.kind === 'user' && principal.roles.some((role) => roles.includes(role));
}
