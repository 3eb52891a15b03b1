import {
  responseTemplatesContracts,
  serviceDeskSettingsContracts,
  serviceTypesContracts,
} from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HolidayEntry, ServiceTypeAttribute } from '../../db/schema/index.ts';
import { sendEtag, versionPrecondition } from '../../lib/etag.ts';
import { fromContract } from '../../lib/route.ts';
import { access } from '../../lib/access.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { replyCachedJson } from '../public/cached-json.ts';
import type { WeeklyHours } from '../service-requests/sla-clock.ts';
import type { ServiceCatalog } from './catalog.ts';
import { toDeskSettingsDto, updateDeskSettings } from './desk-settings.ts';
import {
  createResponseTemplate,
  deleteResponseTemplate,
  listResponseTemplates,
  updateResponseTemplate,
} from './response-templates.ts';
import {
  createServiceType,
  getServiceType,
  listServiceTypes,
  type ServiceTypesContext,
  toServiceTypeDto,
  updateServiceType,
} from './service.ts';

const adminOnly = access.roles(['admin']);
/** Categories are read by every internal role and by integrations that file or follow requests. */
const catalogReaders = access.roles(['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'], {
  scopes: ['requests:read', 'requests:write'],
});
/** Templates are for the people who answer requesters. */
const templateReaders = access.roles(['admin', 'supervisor', 'lieutenant', 'staff']);
const settingsReaders = access.roles(['admin', 'supervisor', 'lieutenant', 'staff', 'analyst']);

/** The JSON shapes of the contracts are the same as the stored ones; zod already checked them. */
const asAttributes = (attributes: unknown) => attributes as ServiceTypeAttribute[];

export async function serviceTypesRoutes(app: FastifyInstance, options: { catalog: ServiceCatalog }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { catalog } = options;
  const context = (request: FastifyRequest): ServiceTypesContext => ({
    db: app.database.db,
    actor: actorFromRequest(request),
    catalog,
  });

  routes.route({
    ...fromContract(serviceTypesContracts.list, catalogReaders),
    // The same for every reader: from memory, dropped when a category changes (a trigger announces it
    // to every instance).
    handler: async (request, reply) =>
      replyCachedJson(request, reply, {
        key: `staff:service-types:${JSON.stringify(request.query)}`,
        topics: ['service-types'],
        ttlMs: 60_000,
        schema: serviceTypesContracts.list.responses[200],
        build: () => listServiceTypes(app.database.db, request.query),
      }),
  });
  routes.route({
    ...fromContract(serviceTypesContracts.get, catalogReaders),
    handler: async (request, reply) => {
      const row = await getServiceType(app.database.db, request.params.code);
      sendEtag(reply, row.version);
      return toServiceTypeDto(row);
    },
  });
  routes.route({
    ...fromContract(serviceTypesContracts.create, adminOnly),
    handler: async (request, reply) => {
      const { attributes, ...rest } = request.body;
      const created = await createServiceType(context(request), {
        ...rest,
        attributes: asAttributes(attributes),
      });
      sendEtag(reply, created.version);
      return reply.code(201).send(created);
    },
  });
  routes.route({
    ...fromContract(serviceTypesContracts.update, adminOnly),
    handler: async (request, reply) => {
      const { version, attributes, ...rest } = request.body;
      const updated = await updateServiceType(
        context(request),
        request.params.code,
        { ...rest, ...(attributes ? { attributes: asAttributes(attributes) } : {}) },
        versionPrecondition(request.headers['if-match'], version),
      );
      sendEtag(reply, updated.version);
      return updated;
    },
  });

  routes.route({
    ...fromContract(responseTemplatesContracts.list, templateReaders),
    handler: async (request) => listResponseTemplates(app.database.db, request.query),
  });
  routes.route({
    ...fromContract(responseTemplatesContracts.create, adminOnly),
    handler: async (request, reply) =>
      reply.code(201).send(await createResponseTemplate(context(request), request.body)),
  });
  routes.route({
    ...fromContract(responseTemplatesContracts.update, adminOnly),
    handler: async (request, reply) => {
      const { version, ...changes } = request.body;
      const updated = await updateResponseTemplate(
        context(request),
        request.params.id,
        changes,
        versionPrecondition(request.headers['if-match'], version),
      );
      sendEtag(reply, updated.version);
      return updated;
    },
  });
  routes.route({
    ...fromContract(responseTemplatesContracts.remove, adminOnly),
    handler: async (request, reply) => {
      await deleteResponseTemplate(context(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  routes.route({
    ...fromContract(serviceDeskSettingsContracts.get, settingsReaders),
    handler: async (_request, reply) => {
      const settings = await catalog.deskSettings();
      sendEtag(reply, settings.version);
      return toDeskSettingsDto(settings, catalog.trackingPrefix);
    },
  });
  routes.route({
    ...fromContract(serviceDeskSettingsContracts.update, adminOnly),
    handler: async (request, reply) => {
      const { version, weeklyHours, holidays, reopenWindowDays } = request.body;
      const settings = await updateDeskSettings(
        app.database.db,
        actorFromRequest(request),
        catalog.timeZone,
        {
          weeklyHours: weeklyHours as WeeklyHours | undefined,
          holidays: holidays as HolidayEntry[] | undefined,
          reopenWindowDays,
        },
        versionPrecondition(request.headers['if-match'], version),
      );
      await catalog.changed();
      sendEtag(reply, settings.version);
      return toDeskSettingsDto(settings, catalog.trackingPrefix);
    },
  });
}
