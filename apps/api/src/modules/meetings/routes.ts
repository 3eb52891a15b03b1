import { meetingsContracts, publicMeetingsContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access, allRoles } from '../../lib/access.ts';
import { sendEtag, versionPrecondition } from '../../lib/etag.ts';
import { fromContract } from '../../lib/route.ts';
import { entityOf, replyPublicJson, sendPublicEntity } from '../public/index.ts';
import { createActionItem, listActionItems, updateActionItem } from './action-items.ts';
import { meetingsContext } from './context.ts';
import { meetingStats } from './meeting-stats.ts';
import { createMeeting, updateMeeting } from './meeting-service.ts';
import { overdueActionItemsJob } from './overdue-notices.ts';
import { createMeetingProblem, updateMeetingProblem } from './problems.ts';
import { listPublicMeetings, publicMeetingsCalendar } from './public-meetings.ts';
import { listMeetingSummaries, loadMeeting } from './read-model.ts';
import { createMeetingSchedule, listMeetingSchedules, meetingScheduleJob } from './schedules.ts';

/** Everyone on staff reads meetings (analysts too); who may change what is decided per meeting (context.ts). */
const readers = access.roles(allRoles);
/** Writers: the service checks the neighborhood (a lieutenant's own) and planning vs recording. */
const writers = access.roles(['admin', 'supervisor', 'lieutenant', 'staff']);
const planners = access.roles(['admin', 'supervisor', 'lieutenant']);
const statsReaders = access.roles(['admin', 'supervisor', 'lieutenant', 'analyst']);

/** The public calendar changes when meetings change (announced) and as time passes (window). */
const PUBLIC_TTL_MS = 5 * 60_000;
const PUBLIC_MAX_AGE_SECONDS = 300;

export const meetingsModule = fp(
  async (app: FastifyInstance, options: { timeZone: string }) => {
    app.decorate('meetingsTimeZone', options.timeZone);
    app.registerBackgroundJobs(
      meetingScheduleJob(() => app.publicCache.announce('meetings')),
      overdueActionItemsJob,
    );
    const routes = app.withTypeProvider<ZodTypeProvider>();

    routes.route({
      ...fromContract(meetingsContracts.list, readers),
      handler: async (request) => ({
        items: await listMeetingSummaries(app.database.db, {
          neighborhoodId: request.query.neighborhoodId,
          status: request.query.status,
          saraCaseId: request.query.saraCaseId,
          from: request.query.from ? new Date(request.query.from) : undefined,
          to: request.query.to ? new Date(request.query.to) : undefined,
          limit: request.query.limit,
        }),
      }),
    });
    routes.route({
      ...fromContract(meetingsContracts.create, planners),
      handler: async (request, reply) => {
        const meeting = await createMeeting(await meetingsContext(app, request), request.body);
        sendEtag(reply, meeting.version);
        return reply.code(201).send(meeting);
      },
    });
    routes.route({
      ...fromContract(meetingsContracts.get, readers),
      handler: async (request, reply) => {
        const meeting = await loadMeeting(app.database.db, request.params.id, options.timeZone);
        sendEtag(reply, meeting.version);
        return meeting;
      },
    });
    routes.route({
      ...fromContract(meetingsContracts.update, writers),
      handler: async (request, reply) => {
        const { version, ...changes } = request.body;
        const meeting = await updateMeeting(
          await meetingsContext(app, request),
          request.params.id,
          changes,
          versionPrecondition(request.headers['if-match'], version),
        );
        sendEtag(reply, meeting.version);
        return meeting;
      },
    });
    routes.route({
      ...fromContract(meetingsContracts.createActionItem, writers),
      handler: async (request, reply) => {
        const item = await createActionItem(
          await meetingsContext(app, request),
          request.params.id,
          request.body,
        );
        sendEtag(reply, item.version);
        return reply.code(201).send(item);
      },
    });
    routes.route({
      ...fromContract(meetingsContracts.listActionItems, readers),
      handler: async (request) => ({
        items: await listActionItems(await meetingsContext(app, request), request.query),
      }),
    });
    routes.route({
      ...fromContract(meetingsContracts.updateActionItem, writers),
      handler: async (request, reply) => {
        const { version, ...changes } = request.body;
        const item = await updateActionItem(
          await meetingsContext(app, request),
          request.params.id,
          changes,
          versionPrecondition(request.headers['if-match'], version),
        );
        sendEtag(reply, item.version);
        return item;
      },
    });
    routes.route({
      ...fromContract(meetingsContracts.createProblem, writers),
      handler: async (request, reply) =>
        reply
          .code(201)
          .send(
            await createMeetingProblem(await meetingsContext(app, request), request.params.id, request.body),
          ),
    });
    routes.route({
      ...fromContract(meetingsContracts.updateProblem, writers),
      handler: async (request) =>
        updateMeetingProblem(await meetingsContext(app, request), request.params.id, request.body),
    });
    routes.route({
      ...fromContract(meetingsContracts.listSchedules, readers),
      handler: async (request) => ({
        items: await listMeetingSchedules(app.database.db, request.query.neighborhoodId),
      }),
    });
    routes.route({
      ...fromContract(meetingsContracts.createSchedule, planners),
      handler: async (request, reply) =>
        reply.code(201).send(await createMeetingSchedule(await meetingsContext(app, request), request.body)),
    });
    routes.route({
      ...fromContract(meetingsContracts.stats, statsReaders),
      handler: async (request) =>
        meetingStats(app.database.reporting, { ...request.query, timeZone: options.timeZone }),
    });

    routes.route({
      ...fromContract(publicMeetingsContracts.list, access.public()),
      handler: async (request, reply) =>
        replyPublicJson(request, reply, {
          key: `meetings:${request.query.neighborhood?.toUpperCase() ?? '*'}`,
          topics: ['meetings', 'neighborhoods'],
          ttlMs: PUBLIC_TTL_MS,
          maxAgeSeconds: PUBLIC_MAX_AGE_SECONDS,
          schema: publicMeetingsContracts.list.responses[200],
          build: async (texts) => ({
            language: texts.language,
            items: await listPublicMeetings(app.database.db, texts, {
              neighborhoodCode: request.query.neighborhood,
            }),
          }),
        }),
    });
    routes.route({
      ...fromContract(publicMeetingsContracts.calendar, access.public()),
      handler: async (request, reply) => {
        const language = request.publicLanguage ?? 'en';
        const code = request.query.neighborhood?.toUpperCase() ?? '*';
        const entity = await app.publicCache.get(
          `reply:meetings.ics:${code}|${language}`,
          { topics: ['meetings', 'neighborhoods', 'texts'], ttlMs: PUBLIC_TTL_MS },
          async () =>
            entityOf(
              await publicMeetingsCalendar(app.database.db, await request.publicTexts(), {
                neighborhoodCode: request.query.neighborhood,
                departmentTimeZone: options.timeZone,
              }),
              'text/calendar; charset=utf-8',
            ),
        );
        return sendPublicEntity(request, reply, entity, PUBLIC_MAX_AGE_SECONDS);
      },
    });
  },
  { name: 'nsp-meetings', dependencies: ['nsp-public', 'nsp-auth', 'nsp-geo'] },
);
