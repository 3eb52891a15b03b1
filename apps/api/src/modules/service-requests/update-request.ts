import type { UpdateServiceRequestBody } from '@nsp/contracts';
import { eq } from 'drizzle-orm';
import { serviceRequests } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { VersionPrecondition } from '../../lib/etag.ts';
import { ConflictError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { currentLieutenants } from '../assignments/current-lieutenant.ts';
import { validateAttributeAnswers } from '../service-types/attribute-answers.ts';
import { assertMayAssign, requireAssignablePerson } from './assignee.ts';
import type { ServiceRequestsContext } from './context.ts';
import { requireActiveServiceType, resolveLocation } from './create-request.ts';
import { dueTimesFor } from './due-times.ts';
import {
  bumpVersion,
  insertEvents,
  requestColumns,
  type NewEvent,
  type RequestRow,
  rebuiltSearchTexts,
} from './repo.ts';
import { openStatuses } from './request-workflow.ts';
import { withScrubbedDatabaseErrors } from '../../lib/scrub-database-errors.ts';
import { lockForChange } from './transition-request.ts';

const openStatusSet: ReadonlySet<string> = new Set(openStatuses);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Edits a request. Decisions (also in the contract):
 * - a new priority or category recomputes both due times from the creation time, with the category's
 *   current targets and the current calendar: the SLA is "from when the requester asked";
 * - a new address is geocoded again (coordinates are located); when the neighborhood changes and no
 *   assignee is given, the new neighborhood's current lieutenant takes the request (if it has one);
 * - every aspect that changed gets its own timeline event with before and after; requester contact
 *   changes are recorded by field name only.
 */
export async function updateServiceRequest(
  ctx: ServiceRequestsContext,
  id: string,
  input: UpdateServiceRequestBody,
  precondition: VersionPrecondition,
): Promise<RequestRow> {
  if (input.assigneeId !== undefined) assertMayAssign(ctx.principal);
  // Reads that need no lock happen before the transaction, to keep it short.
  const newServiceType =
    input.serviceCode !== undefined ? await requireActiveServiceType(ctx, input.serviceCode) : undefined;
  const relocating = input.address !== undefined || input.lat !== undefined;
  const location = relocating ? await resolveLocation(ctx, input) : undefined;
  const now = ctx.now();
  const lieutenants = location?.neighborhood
    ? await currentLieutenants(ctx.db, [location.neighborhood.id], now)
    : new Map<string, { personnelId: string }>();
  const settings = await ctx.catalog.deskSettings();

  return withScrubbedDatabaseErrors(() =>
    withTransaction(ctx.db, async (tx) => {
      const row = await lockForChange(tx, id, precondition);
      const changes: Partial<typeof serviceRequests.$inferInsert> = {};
      const events: NewEvent[] = [];
      const event = (kind: string, before: Record<string, unknown>, after: Record<string, unknown>) =>
        events.push({ occurredAt: now, kind, before, after, visibility: 'internal' });

      if (input.description !== undefined && input.description !== row.description) {
        changes.description = input.description;
        event('updated', { description: row.description }, { description: input.description });
      }

      const serviceType = newServiceType ?? (await ctx.catalog.serviceType(row.serviceCode));
      if (newServiceType && newServiceType.code !== row.serviceCode) {
        changes.serviceCode = newServiceType.code;
        event('recategorized', { serviceCode: row.serviceCode }, { serviceCode: newServiceType.code });
      }
      if (serviceType && (input.attributes !== undefined || changes.serviceCode !== undefined)) {
        const answers = validateAttributeAnswers(serviceType.attributes, input.attributes ?? row.attributes);
        if (!sameJson(answers, row.attributes)) {
          changes.attributes = answers;
          event('updated', { attributes: row.attributes }, { attributes: answers });
        }
      }

      const priority = input.priority ?? row.priority;
      if (priority !== row.priority && !openStatusSet.has(row.status)) {
        // Changing a finished request's targets after the fact would rewrite its SLA record.
        throw new ConflictError(
          `${row.trackingNumber} is ${row.status}; reopen it before changing its priority.`,
          {
            reason: 'finished',
            currentStatus: row.status,
          },
        );
      }
      if (priority !== row.priority) {
        changes.priority = priority;
        event('priority_changed', { priority: row.priority }, { priority });
      }
      if (serviceType && (changes.priority !== undefined || changes.serviceCode !== undefined)) {
        const due = dueTimesFor(serviceType.sla, priority, row.createdAt, settings.calendar);
        if (
          due.firstResponseDueAt.getTime() !== row.firstResponseDueAt.getTime() ||
          due.resolutionDueAt.getTime() !== row.resolutionDueAt.getTime()
        ) {
          Object.assign(changes, due);
          event(
            'due_times_recomputed',
            {
              firstResponseDueAt: row.firstResponseDueAt.toISOString(),
              resolutionDueAt: row.resolutionDueAt.toISOString(),
            },
            {
              firstResponseDueAt: due.firstResponseDueAt.toISOString(),
              resolutionDueAt: due.resolutionDueAt.toISOString(),
            },
          );
        }
      }

      let assigneeId = row.assigneeId;
      if (location) {
        const neighborhoodId = location.neighborhood?.id ?? null;
        if (
          location.address !== row.address ||
          location.lat !== row.lat ||
          location.lon !== row.lon ||
          neighborhoodId !== row.neighborhoodId
        ) {
          Object.assign(changes, {
            address: location.address,
            lat: location.lat,
            lon: location.lon,
            neighborhoodId,
          });
          event(
            'relocated',
            { address: row.address, lat: row.lat, lon: row.lon, neighborhoodId: row.neighborhoodId },
            { address: location.address, lat: location.lat, lon: location.lon, neighborhoodId },
          );
        }
        const lieutenant = neighborhoodId ? lieutenants.get(neighborhoodId) : undefined;
        if (neighborhoodId !== row.neighborhoodId && input.assigneeId === undefined && lieutenant) {
          assigneeId = lieutenant.personnelId;
        }
      }
      if (input.assigneeId !== undefined) {
        if (input.assigneeId !== null && input.assigneeId !== row.assigneeId)
          await requireAssignablePerson(tx, input.assigneeId);
        assigneeId = input.assigneeId;
      }
      if (assigneeId !== row.assigneeId) {
        changes.assigneeId = assigneeId;
        event(
          'assigned',
          { assigneeId: row.assigneeId },
          { assigneeId, ...(input.assigneeId === undefined ? { cause: 'neighborhood_changed' } : {}) },
        );
      }

      if (input.requester) {
        const fields = {
          name: 'requesterName',
          email: 'requesterEmail',
          phone: 'requesterPhone',
          preferredLanguage: 'requesterLanguage',
          emailUpdates: 'requesterEmailUpdates',
        } as const;
        const changedFields: string[] = [];
        for (const [field, column] of Object.entries(fields) as Array<
          [keyof typeof fields, (typeof fields)[keyof typeof fields]]
        >) {
          const value = input.requester[field];
          if (value !== undefined && value !== row[column]) {
            (changes as Record<string, unknown>)[column] = value;
            changedFields.push(field);
          }
        }
        // Which fields changed, never their values: the timeline is no place for contact data.
        if (changedFields.length > 0) event('requester_updated', {}, { fields: changedFields });
      }

      if (events.length === 0) return row;
      if (changes.description !== undefined || changes.address !== undefined) {
        Object.assign(
          changes,
          rebuiltSearchTexts(id, changes.description ?? row.description, changes.address ?? row.address),
        );
      }
      const [updated] = await tx
        .update(serviceRequests)
        .set({ ...changes, updatedAt: now, version: bumpVersion() })
        .where(eq(serviceRequests.id, id))
        .returning(requestColumns);
      await insertEvents(tx, ctx.actor, id, events);
      await recordAudit(tx, ctx.actor, {
        action: 'service_request.updated',
        entityType: 'service_request',
        entityId: id,
        before: Object.assign({}, ...events.map((e) => e.before)),
        after: Object.assign({ changed: events.map((e) => e.kind) }, ...events.map((e) => e.after)),
      });
      return updated ?? row;
    }),
  );
}
