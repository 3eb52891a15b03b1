import fastifyJwt from '@fastify/jwt';
import { type Role, roleSchema } from '@nsp/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { apiClients } from '../db/schema/index.ts';
import { type Access, access, type Principal } from '../lib/access.ts';
import { RoleNotAllowedError, UnauthorizedError } from '../lib/errors.ts';
import { hashSecret } from '../lib/hash-secret.ts';
import { ACCESS_TOKEN_TTL_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../lib/access.ts';
import { SESSION_CHANGED_CHANNEL } from '../lib/session-events.ts';
import { SessionValidator } from './auth-sessions.ts';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; sid: string; email: string; name: string; roles: Role[] };
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether an access token's session still stands (see auth-sessions.ts). */
    sessions: SessionValidator;
    /** "METHOD /path" → the access policy the route declared (for the authorization matrix). */
    routeAccess: ReadonlyMap<string, Access>;
    /** The active API client holding this key, or null (Open311 reads `api_key` from its form body). */
    apiKeyPrincipal(apiKey: string): Promise<Principal | null>;
  }
}

/**
 * What a valid access token says, checked after the signature: a token signed with our key but
 * with claims of the wrong type (a `roles` string, a `sub` that is no UUID, no `exp`) is refused
 * like a forged one instead of reaching the database as it is.
 */
const accessClaimsSchema = z.object({
  sub: z.uuid(),
  sid: z.uuid(),
  email: z.string().max(254),
  name: z.string().max(200),
  roles: z.array(roleSchema).max(roleSchema.options.length),
  iat: z.number().int().positive(),
  exp: z.number().int().positive(),
});
type AccessClaims = z.infer<typeof accessClaimsSchema>;

const invalidToken = () =>
  new UnauthorizedError(
    'The access token is invalid or has expired.',
    {},
    { 'www-authenticate': 'Bearer error="invalid_token"' },
  );

const sessionEnded = () =>
  new UnauthorizedError(
    'The session has ended (signed out, account changed or deactivated); log in again.',
    {},
    { 'www-authenticate': 'Bearer error="invalid_token"' },
  );

/**
 * API keys travel in the X-Api-Key header. Only Open311, whose specification puts `api_key` in the
 * request, also reads it from the query string or form body: elsewhere a key in a URL would end up
 * in proxies' and browsers' logs.
 */
const keyInRequestAllowed = (url: string) => url.startsWith('/open311/');

export const authPlugin = fp(
  async (app: FastifyInstance, options: { jwtSecret: string }) => {
    await app.register(fastifyJwt, {
      secret: options.jwtSecret,
      sign: {
        algorithm: 'HS256',
        iss: TOKEN_ISSUER,
        aud: TOKEN_AUDIENCE,
        // Seconds: @fastify/jwt (fast-jwt) reads a number as seconds, not milliseconds.
        expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      },
      // Pin the algorithm and check issuer and audience: the library otherwise accepts any algorithm.
      verify: {
        algorithms: ['HS256'],
        allowedIss: TOKEN_ISSUER,
        allowedAud: TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub', 'sid'],
      },
    });
    app.decorateRequest('principal', null);

    const sessions = new SessionValidator(app.database.db);
    app.decorate('sessions', sessions);
    await app.database.listen(SESSION_CHANGED_CHANNEL, (userId) => sessions.forgetUser(userId));

    const routeAccess = new Map<string, Access>();
    app.decorate('routeAccess', routeAccess);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (route.config?.access) {
        for (const method of methods) routeAccess.set(`${method} ${route.url}`, route.config.access);
        return;
      }
      // The admin app's static files (@fastify/static marks them with config.file) and
      // swagger-ui's assets under /docs are public by nature.
      const config = route.config as { file?: unknown } | undefined;
      if (config?.file !== undefined || route.url.startsWith('/docs')) {
        route.config = { ...route.config, access: access.public() };
        return;
      }
      throw new Error(`Route ${route.method} ${route.url} declares no access policy (config.access)`);
    });

    /**
     * Tokens whose signature and claims were checked, until they expire: a staff member's screen sends
     * the same token with every request for its 15 minutes, and checking the HMAC and the claims again
     * each time was most of what authentication cost. Only verified tokens are kept; the session
     * check below still runs on every request.
     */
    const verifiedTokens = new Map<string, AccessClaims>();
    function rememberVerified(token: string, claims: AccessClaims) {
      if (verifiedTokens.size >= 10_000) {
        const now = Date.now();
        for (const [kept, keptClaims] of verifiedTokens)
          if (keptClaims.exp * 1000 <= now) verifiedTokens.delete(kept);
        if (verifiedTokens.size >= 10_000) verifiedTokens.delete(verifiedTokens.keys().next().value!);
      }
      verifiedTokens.set(token, claims);
    }

    async function authenticate(request: FastifyRequest): Promise<Principal | null> {
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        const token = authorization.slice('Bearer '.length);
        let claims = verifiedTokens.get(token);
        if (!claims || claims.exp * 1000 <= Date.now()) {
          try {
            claims = accessClaimsSchema.parse(await request.jwtVerify());
          } catch {
            verifiedTokens.delete(token);
            throw invalidToken();
          }
          rememberVerified(token, claims);
        }
        if ((await sessions.check(claims.sub, claims.sid, claims.roles)) !== 'valid') throw sessionEnded();
        return {
          kind: 'user',
          id: claims.sub,
          email: claims.email,
          name: claims.name,
          roles: claims.roles,
          sessionId: claims.sid,
          tokenExpiresAt: claims.exp * 1000,
        };
      }
      const headerKey = request.headers['x-api-key'];
      const requestKey = keyInRequestAllowed(request.url)
        ? ((request.query as Record<string, unknown> | undefined)?.api_key ??
          (request.body as Record<string, unknown> | undefined)?.api_key)
        : undefined;
      const apiKey =
        typeof headerKey === 'string' ? headerKey : typeof requestKey === 'string' ? requestKey : undefined;
      if (apiKey) return authenticateApiKey(apiKey);
      return null;
    }

    async function authenticateApiKey(apiKey: string): Promise<Principal> {
      const [client] = await app.database.db
        .select({
          id: apiClients.id,
          name: apiClients.name,
          scopes: apiClients.scopes,
          rateLimitPerMinute: apiClients.rateLimitPerMinute,
        })
        .from(apiClients)
        .where(and(eq(apiClients.keyHash, hashSecret(apiKey)), isNull(apiClients.revokedAt)))
        .limit(1);
      if (!client) throw new UnauthorizedError('The API key is unknown or revoked.');
      return { kind: 'api_client', ...client };
    }
    app.decorate('apiKeyPrincipal', (apiKey: string) => authenticateApiKey(apiKey).catch(() => null));

    /** The one route guard: runs before body parsing, so a refused caller learns nothing else. */
    app.addHook('onRequest', async (request) => {
      const policy = request.routeOptions.config.access;
      if (!policy || policy.kind === 'public') {
        // Public routes still recognise a caller, e.g. to show staff more; bad credentials are ignored.
        request.principal = await authenticate(request).catch(() => null);
        return;
      }
      const principal = await authenticate(request);
      if (!principal) {
        throw new UnauthorizedError(
          'Log in, or send an API key, to use this endpoint.',
          {},
          { 'www-authenticate': 'Bearer' },
        );
      }
      request.principal = principal;
      if (principal.kind === 'user') {
        if (policy.roles === 'any' || principal.roles.some((role) => policy.roles.includes(role))) return;
        throw new RoleNotAllowedError('Your role does not allow this.');
      }
      if (principal.scopes.some((scope) => policy.scopes.includes(scope))) return;
      throw new RoleNotAllowedError('This API client has no scope for this endpoint.');
    });
  },
  { name: 'nsp-auth', dependencies: ['nsp-database'] },
);
