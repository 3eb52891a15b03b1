import type { RequestStatusValue, ServiceRequest } from '@nsp/contracts';
import type { MapPoint } from '../../lib/geo/map-types';

// The queue's wording; a feature does not reach into another feature's files for it.
const STATUS_WORDS: Partial<Record<RequestStatusValue, string>> = {
  new: 'New',
  triaged: 'Triaged',
  assigned: 'Assigned',
  in_progress: 'In progress',
};

const DESCRIPTION_PREVIEW_LENGTH = 140;

export interface OpenRequestPoints {
  points: MapPoint[];
  overdue: number;
  /** Requests with no coordinates (an address that could not be placed): not on the map. */
  withoutLocation: number;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > DESCRIPTION_PREVIEW_LENGTH
    ? `${flat.slice(0, DESCRIPTION_PREVIEW_LENGTH - 1)}…`
    : flat;
}

/**
 * Open requests as map markers: overdue ones are diamonds (shape, outline and the word "overdue"
 * in their names), the others circles. Each opens a popup linking to the request's page.
 */
export function openRequestPoints(
  requests: readonly ServiceRequest[],
  categoryName: (serviceCode: string) => string,
  formatDue: (iso: string) => string,
): OpenRequestPoints {
  const points: MapPoint[] = [];
  let withoutLocation = 0;
  let overdue = 0;
  for (const request of requests) {
    if (request.lat === null || request.lon === null) {
      withoutLocation += 1;
      continue;
    }
    if (request.overdue) overdue += 1;
    const category = categoryName(request.serviceCode);
    const status = STATUS_WORDS[request.status] ?? request.status;
    const where = request.address ?? request.neighborhood?.name ?? null;
    points.push({
      id: request.id,
      lat: request.lat,
      lon: request.lon,
      shape: request.overdue ? 'diamond' : 'circle',
      accessibleName: [
        `Request ${request.trackingNumber}`,
        category,
        status,
        request.overdue ? 'overdue' : null,
        `priority ${request.priority}`,
        where,
      ]
        .filter(Boolean)
        .join(', '),
      popup: {
        title: request.trackingNumber,
        href: `/service-requests/${encodeURIComponent(request.id)}`,
        lines: [
          category,
          `${status} · ${request.priority}`,
          request.overdue ? `Overdue: resolution was due ${formatDue(request.resolutionDueAt)}` : null,
          where,
          request.description ? preview(request.description) : null,
        ].filter((line): line is string => Boolean(line)),
      },
    });
  }
  return { points, overdue, withoutLocation };
}
