import { prioritiesContracts, publicPrioritiesContracts } from '@nsp/contracts';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { neighborhoodPriorities, neighborhoods, priorityActions } from '../../db/schema/index.ts';
import { access, allRoles } from '../../lib/access.ts';
import { sendEtag, versionPrecondition } from '../../lib/etag.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { fromContract } from '../../lib/route.ts';
import { loadDirectory, neighborhoodRef, replyPublicJson } from '../public/index.ts';
import { prioritiesContext } from './context.ts';
import { listPublicPriorities, prioritiesFeedSource, prioritiesPublicTexts } from './public-priorities.ts';
import { DAY_MS, loadPriorities, loadPriority } from './read-model.ts';
import { priorityReport, reportCsv, reportHtml } from './report.ts';
import { addPriorityAction, createPriority, updatePriority } from './service.ts';

/*
 * Who may do what (the service adds the per-neighborhood rule: a lieutenant sets and works the
 * priorities of the neighborhoods they lead now):
 * - read a neighborhood's priorities and the monthly report: every signed-in role (analysts too);
 * - set, add actions, close: admins, supervisors, lieutenants;
 * - the stale list: supervisors and admins, who follow up with the lieutenants.
 */
const readers = access.roles(allRoles);
const writers = access.roles(['admin', 'supervisor', 'lieutenant']);
const command = access.roles(['admin', 'supervisor']);

/** Public priorities change when staff change them (announced); the 12-month window moves daily. */
const PUBLIC_TTL_MS = 10 * 60_000;
const PUBLIC_MAX_AGE_SECONDS = 300;

export const prioritiesModule = fp(
  async (app: FastifyInstance, options: { timeZone: string }) => {
    app.registerPublicTexts(prioritiesPublicTexts);
    app.registerPublicFeedSource(prioritiesFeedSource(() => app.database.db));
    const routes = app.withTypeProvider<ZodTypeProvider>();
    const context = (request: Parameters<typeof prioritiesContext>[1]) =>
      prioritiesContext(app, request, options.timeZone);

    routes.route({
      ...fromContract(prioritiesContracts.list, readers),
      handler: async (request) => {
        const [area] = await app.database.db
          .select({ id: neighborhoods.id })
          .from(neighborhoods)
          .where(eq(neighborhoods.id, request.params.id))
          .limit(1);
        if (!area) throw new NotFoundError(`There is no neighborhood ${request.params.id}.`);
        return {
          items: await loadPriorities(
            app.database.db,
            and(
              eq(neighborhoodPriorities.neighborhoodId, request.params.id),
              request.query.status ? eq(neighborhoodPriorities.status, request.query.status) : undefined,
            ),
          ),
        };
      },
    });
    routes.route({
      ...fromContract(prioritiesContracts.create, writers),
      handler: async (request, reply) => {
        const priority = await createPriority(await context(request), request.params.id, request.body);
        sendEtag(reply, priority.version);
        return reply.code(201).send(priority);
      },
    });
    routes.route({
      ...fromContract(prioritiesContracts.stale, command),
      handler: async (request) => {
        const before = new Date(Date.now() - request.query.days * DAY_MS);
        const lastAction = sql`(select max(${priorityActions.takenAt}) from ${priorityActions} where ${priorityActions.priorityId} = ${neighborhoodPriorities.id})`;
        return {
          items: (
            await loadPriorities(
              app.database.db,
              and(
                eq(neighborhoodPriorities.status, 'active'),
                request.query.neighborhoodId
                  ? eq(neighborhoodPriorities.neighborhoodId, request.query.neighborhoodId)
                  : undefined,
                lt(sql`coalesce(${lastAction}, ${neighborhoodPriorities.setAt})`, before),
              ),
            )
          ).sort((a, b) => ((a.lastActionAt ?? a.setAt) < (b.lastActionAt ?? b.setAt) ? -1 : 1)),
        };
      },
    });
    const report = (query: { month?: string | undefined; neighborhoodId?: string | undefined }) =>
      priorityReport(app.database.db, { ...query, timeZone: options.timeZone });
    routes.route({
      ...fromContract(prioritiesContracts.report, readers),
      handler: async (request) => report(request.query),
    });
    routes.route({
      ...fromContract(prioritiesContracts.reportCsv, readers),
      handler: async (request, reply) => {
        const result = await report(request.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="priorities-${result.month}.csv"`)
          .send(reportCsv(result));
      },
    });
    routes.route({
      ...fromContract(prioritiesContracts.reportHtml, readers),
      handler: async (request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(reportHtml(await report(request.query), options.timeZone)),
    });
    routes.route({
      ...fromContract(prioritiesContracts.get, readers),
      handler: async (request, reply) => {
        const priority = await loadPriority(app.database.db, request.params.id);
        sendEtag(reply, priority.version);
        return priority;
      },
    });
    routes.route({
      ...fromContract(prioritiesContracts.update, writers),
      handler: async (request, reply) => {
        const { version, ...changes } = request.body;
        const priority = await updatePriority(
          await context(request),
          request.params.id,
          changes,
          versionPrecondition(request.headers['if-match'], version),
        );
        sendEtag(reply, priority.version);
        return priority;
      },
    });
    routes.route({
      ...fromContract(prioritiesContracts.addAction, writers),
      handler: async (request, reply) => {
        const priority = await addPriorityAction(await context(request), request.params.id, request.body);
        sendEtag(reply, priority.version);
        return reply.code(201).send(priority);
      },
    });

    routes.route({
      ...fromContract(publicPrioritiesContracts.list, access.public()),
      handler: async (request, reply) => {
        const code = request.params.code.toUpperCase();
        const found = (await loadDirectory(app.database.db, app.publicCache)).byCode.get(code);
        if (!found) throw new NotFoundError(`No neighborhood has the code ${request.params.code}.`);
        const area = neighborhoodRef(found);
        return replyPublicJson(request, reply, {
          key: `priorities:${code}`,
          topics: ['priorities', 'neighborhoods'],
          ttlMs: PUBLIC_TTL_MS,
          maxAgeSeconds: PUBLIC_MAX_AGE_SECONDS,
          schema: publicPrioritiesContracts.list.responses[200],
          build: async (texts) => ({
            language: texts.language,
            neighborhood: area,
            items: await listPublicPriorities(app.database.db, texts, area.id),
          }),
        });
      },
    });
  },
  { name: 'nsp-priorities', dependencies: ['nsp-public', 'nsp-auth'] },
);
