import { notificationsContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access, requireUser } from '../../lib/access.ts';
import { sendEtag, versionPrecondition } from '../../lib/etag.ts';
import { fromContract } from '../../lib/route.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { listInbox, markOneRead, markRead, unreadCount } from './inbox.ts';
import { listOutbox, retryDelivery } from './outbox-admin.ts';
import { readPreferences, updatePreferences } from './preferences.ts';

/** Every signed-in person has an inbox and preferences of their own; integrations have neither. */
const anyPerson = access.anyUser();
/** The outbox and other people's preferences are the administrator's. */
const adminOnly = access.roles(['admin']);

export async function notificationRoutes(app: FastifyInstance, options: { onRetry: () => void }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  routes.route({
    ...fromContract(notificationsContracts.inbox, anyPerson),
    handler: async (request) => listInbox(db, requireUser(request).id, request.query),
  });

  routes.route({
    ...fromContract(notificationsContracts.unreadCount, anyPerson),
    handler: async (request) => ({ unreadCount: await unreadCount(db, requireUser(request).id) }),
  });

  routes.route({
    ...fromContract(notificationsContracts.markRead, anyPerson),
    handler: async (request) => markRead(db, requireUser(request).id, request.body),
  });

  routes.route({
    ...fromContract(notificationsContracts.markOneRead, anyPerson),
    handler: async (request) => markOneRead(db, requireUser(request).id, request.params.id),
  });

  routes.route({
    ...fromContract(notificationsContracts.myPreferences, anyPerson),
    handler: async (request, reply) => {
      const preferences = await readPreferences(db, requireUser(request).id);
      sendEtag(reply, preferences.version);
      return preferences;
    },
  });

  routes.route({
    ...fromContract(notificationsContracts.updateMyPreferences, anyPerson),
    handler: async (request, reply) => {
      const { version, ...changes } = request.body;
      const updated = await updatePreferences(
        { db, actor: actorFromRequest(request) },
        requireUser(request).id,
        changes,
        versionPrecondition(request.headers['if-match'], version),
      );
      sendEtag(reply, updated.version);
      return updated;
    },
  });

  routes.route({
    ...fromContract(notificationsContracts.userPreferences, adminOnly),
    handler: async (request, reply) => {
      const preferences = await readPreferences(db, request.params.userId);
      sendEtag(reply, preferences.version);
      return preferences;
    },
  });

  routes.route({
    ...fromContract(notificationsContracts.updateUserPreferences, adminOnly),
    handler: async (request, reply) => {
      const { version, ...changes } = request.body;
      const updated = await updatePreferences(
        { db, actor: actorFromRequest(request) },
        request.params.userId,
        changes,
        versionPrecondition(request.headers['if-match'], version),
      );
      sendEtag(reply, updated.version);
      return updated;
    },
  });

  routes.route({
    ...fromContract(notificationsContracts.outbox, adminOnly),
    handler: async (request) => listOutbox(db, request.query),
  });

  routes.route({
    ...fromContract(notificationsContracts.retryDelivery, adminOnly),
    handler: async (request) => {
      const delivery = await retryDelivery(
        { db, actor: actorFromRequest(request) },
        Number(request.params.id),
      );
      options.onRetry();
      return delivery;
    },
  });
}
