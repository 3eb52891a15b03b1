import { statsContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fromContract } from '../../lib/route.ts';
import { access } from '../../lib/access.ts';
import { statsFilterFor } from './scope.ts';
import { backlog, responseTimes, scorecards } from './service.ts';

// Lieutenants see their own neighborhood's figures (scope.ts); staff have no statistics screens.
const statsReaders = access.roles(['admin', 'supervisor', 'analyst', 'lieutenant']);

export async function statsRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  // Aggregates read the replica when there is one (NSP_DATABASE_REPLICA_URL), else the primary.
  // Who may see which neighborhood is decided on the primary: a replica's lag must never widen it.
  const db = () => app.database.reporting;
  const primary = () => app.database.db;
  const period = (filter: { from: Date; to: Date }) => ({
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
  });

  routes.route({
    ...fromContract(statsContracts.responseTimes, statsReaders),
    handler: async (request) => {
      const filter = await statsFilterFor(primary(), request, request.query);
      return { period: period(filter), rows: await responseTimes(db(), filter, request.query.groupBy) };
    },
  });
  routes.route({
    ...fromContract(statsContracts.backlog, statsReaders),
    handler: async (request) => {
      const filter = await statsFilterFor(primary(), request, request.query);
      return { period: period(filter), points: await backlog(db(), filter, request.query.interval) };
    },
  });
  routes.route({
    ...fromContract(statsContracts.scorecards, statsReaders),
    handler: async (request) => {
      const filter = await statsFilterFor(primary(), request, request.query);
      return { period: period(filter), rows: await scorecards(db(), filter) };
    },
  });
}
