import { authContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fromContract } from '../../lib/route.ts';
import { ACCESS_TOKEN_TTL_SECONDS, access, requireUser } from '../../lib/access.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { getUser, toUserDto } from '../users/service.ts';
import { type AuthContext, login, logout, refreshSession } from './service.ts';

export async function authRoutes(app: FastifyInstance, options: { loginRateLimit: number }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const context = (request: FastifyRequest): AuthContext => ({
    db: app.database.db,
    actor: actorFromRequest(request),
    signAccessToken: (user, sessionId) =>
      app.jwt.sign({ sub: user.id, sid: sessionId, email: user.email, name: user.name, roles: user.roles }),
  });

  const login_ = fromContract(authContracts.login, access.public());
  routes.route({
    ...login_,
    // Per client address, on top of the per-account lockout: slows password spraying across accounts.
    config: { ...login_.config, rateLimit: { max: options.loginRateLimit, timeWindow: '1 minute' } },
    handler: async (request) => login(context(request), request.body, ACCESS_TOKEN_TTL_SECONDS),
  });

  routes.route({
    ...fromContract(authContracts.refresh, access.public()),
    handler: async (request) =>
      refreshSession(context(request), request.body.refreshToken, ACCESS_TOKEN_TTL_SECONDS),
  });

  routes.route({
    ...fromContract(authContracts.logout, access.public()),
    handler: async (request, reply) => {
      await logout(context(request), request.body.refreshToken);
      return reply.code(204).send(null);
    },
  });

  routes.route({
    ...fromContract(authContracts.me, access.anyUser()),
    handler: async (request) => toUserDto(await getUser(app.database.db, requireUser(request).id)),
  });
}
