import { webhooksContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../lib/access.ts';
import { fromContract } from '../../lib/route.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { sendTestEvent } from './delivery.ts';
import { webhookDeliveryJobName } from './jobs.ts';
import {
  createSubscription,
  deleteSubscription,
  getDelivery,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  replayDelivery,
  updateSubscription,
  type WebhooksContext,
} from './service.ts';

/** Subscriptions hold a signing secret and point NSP at outside URLs: administrators only. */
const adminOnly = access.roles(['admin']);

export async function webhooksRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const context = (request: FastifyRequest): WebhooksContext => ({
    db: app.database.db,
    actor: actorFromRequest(request),
  });
  const runSoon = (request: FastifyRequest) => {
    app.jobs
      ?.trigger(webhookDeliveryJobName)
      .catch((error) => request.log.warn({ err: error }, 'webhook job not triggered'));
  };

  routes.route({
    ...fromContract(webhooksContracts.list, adminOnly),
    handler: async (request) => listSubscriptions(context(request), request.query),
  });
  routes.route({
    ...fromContract(webhooksContracts.create, adminOnly),
    handler: async (request, reply) =>
      reply.code(201).send(await createSubscription(context(request), request.body)),
  });
  routes.route({
    ...fromContract(webhooksContracts.get, adminOnly),
    handler: async (request) => (await getSubscription(context(request), request.params.id)).dto,
  });
  routes.route({
    ...fromContract(webhooksContracts.update, adminOnly),
    handler: async (request) => {
      const updated = await updateSubscription(context(request), request.params.id, request.body);
      if (request.body.active === true) runSoon(request);
      return updated;
    },
  });
  routes.route({
    ...fromContract(webhooksContracts.remove, adminOnly),
    handler: async (request, reply) => {
      await deleteSubscription(context(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
  routes.route({
    ...fromContract(webhooksContracts.deliveries, adminOnly),
    handler: async (request) => listDeliveries(context(request), request.params.id, request.query),
  });
  routes.route({
    ...fromContract(webhooksContracts.testSend, adminOnly),
    handler: async (request) => {
      const { row } = await getSubscription(context(request), request.params.id);
      const deliveryId = await sendTestEvent(app.database.db, row, new Date());
      return getDelivery(context(request), deliveryId);
    },
  });
  routes.route({
    ...fromContract(webhooksContracts.delivery, adminOnly),
    handler: async (request) => getDelivery(context(request), request.params.id),
  });
  routes.route({
    ...fromContract(webhooksContracts.replay, adminOnly),
    handler: async (request, reply) => {
      const delivery = await replayDelivery(context(request), request.params.id);
      runSoon(request);
      return reply.code(202).send(delivery);
    },
  });
}
