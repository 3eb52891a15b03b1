import type { PublicRequest } from '@nsp/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { neighborhoods, requestEvents, serviceRequests, serviceTypes } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import type { Geo } from '../geocoding/index.ts';
import { publicLocation } from './public-present.ts';
import type { Translator } from './text-store.ts';

/** 404 with its own problem type, so the public page can say "check the number" in the reader's language. */
export class RequestNotFoundError extends AppError {
  readonly status = 404;
  readonly slug = 'request-not-found';
  readonly title = 'No request with this tracking number';
}

const finished = new Set(['resolved', 'closed', 'rejected', 'duplicate']);

export const normalizeTrackingNumber = (value: string) => value.trim().toUpperCase();

/**
 * A request as the public may follow it: status, category, neighborhood, the hundred-block, the
 * department's target date and the public timeline (status changes and public updates). Never the
 * requester, the description they wrote, internal notes or reasons, or who works on it.
 */
export async function findPublicRequest(
  ctx: { db: Database; geo: Geo; texts: Translator },
  trackingNumber: string,
): Promise<PublicRequest> {
  const parent = alias(serviceRequests, 'parent');
  const [row] = await ctx.db
    .select({
      id: serviceRequests.id,
      trackingNumber: serviceRequests.trackingNumber,
      status: serviceRequests.status,
      address: serviceRequests.address,
      lat: serviceRequests.lat,
      lon: serviceRequests.lon,
      createdAt: serviceRequests.createdAt,
      resolutionDueAt: serviceRequests.resolutionDueAt,
      resolvedAt: serviceRequests.resolvedAt,
      closedAt: serviceRequests.closedAt,
      categoryCode: serviceTypes.code,
      categoryName: serviceTypes.name,
      neighborhoodId: neighborhoods.id,
      neighborhoodCode: neighborhoods.code,
      neighborhoodName: neighborhoods.name,
      parentTrackingNumber: parent.trackingNumber,
    })
    .from(serviceRequests)
    .innerJoin(serviceTypes, eq(serviceTypes.code, serviceRequests.serviceCode))
    .leftJoin(neighborhoods, eq(neighborhoods.id, serviceRequests.neighborhoodId))
    .leftJoin(parent, eq(parent.id, serviceRequests.parentId))
    .where(sql`upper(${serviceRequests.trackingNumber}) = ${normalizeTrackingNumber(trackingNumber)}`)
    .limit(1);
  if (!row) {
    throw new RequestNotFoundError(`No request has the tracking number ${trackingNumber}.`, {
      trackingNumber,
    });
  }
  const events = await ctx.db
    .select({
      occurredAt: requestEvents.occurredAt,
      kind: requestEvents.kind,
      after: requestEvents.after,
      body: requestEvents.body,
      language: requestEvents.language,
    })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, row.id), eq(requestEvents.visibility, 'public')))
    .orderBy(asc(requestEvents.occurredAt), asc(requestEvents.id));
  const { t, pick, language } = ctx.texts;
  const category = pick(row.categoryName);
  const statusName = (status: unknown) => (typeof status === 'string' ? t(`status.${status}`) : '');
  const updates: PublicRequest['updates'] = [];
  for (const event of events) {
    const after = (event.after ?? {}) as { status?: unknown };
    const at = event.occurredAt.toISOString();
    if (event.kind === 'created') {
      updates.push({ at, kind: 'received', text: t('update.received', { category }), language });
    } else if (event.kind === 'status_changed') {
      updates.push({
        at,
        kind: 'status',
        text: t('update.status-changed', { status: statusName(after.status) }),
        language,
      });
    } else if (event.kind === 'reopened') {
      updates.push({
        at,
        kind: 'reopened',
        text: t('update.reopened', { status: statusName(after.status) }),
        language,
      });
    } else if (event.kind === 'merged_into') {
      updates.push({ at, kind: 'merged', text: t('update.merged'), language });
    } else if (event.kind === 'note' && event.body) {
      // A public update, as staff wrote it for the public (in the language they wrote it in).
      updates.push({ at, kind: 'update', text: event.body, language: event.language });
    }
  }
  const block = ctx.geo.generalise({ address: row.address, lat: row.lat, lon: row.lon });
  return {
    trackingNumber: row.trackingNumber,
    status: row.status,
    statusName: t(`status.${row.status}`),
    statusDescription: t(`status.${row.status}.description`),
    category: { code: row.categoryCode, name: category },
    neighborhood:
      row.neighborhoodId && row.neighborhoodCode && row.neighborhoodName
        ? { id: row.neighborhoodId, code: row.neighborhoodCode, name: row.neighborhoodName }
        : null,
    location: publicLocation(block, ctx.texts),
    receivedAt: row.createdAt.toISOString(),
    expectedBy: finished.has(row.status) ? null : row.resolutionDueAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    duplicateOf: row.status === 'duplicate' ? (row.parentTrackingNumber ?? null) : null,
    updates,
  };
}
