import type { RequesterNotice, Role, ServiceRequest, TimelineEvent } from '@nsp/contracts';
import { personalDataRoles } from '@nsp/contracts';
import type { Principal } from '../../lib/access.ts';
import { isRequesterFacing, predatesEmailNotice } from '../notifications/requester-messages.ts';
import { openStatuses } from './request-workflow.ts';
import type { EventNames, EventRow, RequestView } from './repo.ts';

/**
 * THE one place that decides which fields of a service request a caller may see.
 *
 * - staff: admin, supervisor, lieutenant, staff — everything, including the requester's contact.
 * - internal: analysts — everything but the requester's contact and the text of internal notes.
 *   Analysts need figures, not residents' words: an internal note is where staff write what a
 *   caller said (names, numbers, circumstances), so analysts see that it exists, when and by whom,
 *   but not its text, and their searches do not reach it.
 * - integration: API clients — no requester data at all, and of the timeline only what is public
 *   (status changes and public updates), without internal reasons or who did it.
 * - public: the public API and Open311 — like integration; meant for presentPublicRequest callers.
 */
export type Viewer = 'staff' | 'internal' | 'integration' | 'public';

export function viewerOf(principal: Principal | null): Viewer {
  if (!principal) return 'public';
  if (principal.kind === 'api_client') return 'integration';
  if (principal.roles.some((role: Role) => personalDataRoles.includes(role))) return 'staff';
  return 'internal';
}

const openStatusSet: ReadonlySet<string> = new Set(openStatuses);

/** Whether a search by this viewer may match words of internal notes (staff only). */
export function searchesInternalNotes(viewer: Viewer): boolean {
  return viewer === 'staff';
}

/**
 * Whether this viewer may FIND requests by the requester's name or phone (callbacks, the caller's
 * other requests). Finding by personal data reveals it as surely as showing it: staff only, never
 * analysts, integrations or the public.
 */
export function mayFindByRequester(viewer: Viewer): boolean {
  return viewer === 'staff';
}

/** What the clock decides of a request: whether it is overdue now. */
export function clockDecided(
  row: Pick<RequestView, 'status' | 'resolutionDueAt' | 'firstResponseDueAt' | 'firstRespondedAt'>,
  now: Date,
): { overdue: boolean; firstResponseOverdue: boolean } {
  const open = openStatusSet.has(row.status);
  return {
    overdue: open && row.resolutionDueAt.getTime() < now.getTime(),
    firstResponseOverdue:
      open && row.firstRespondedAt === null && row.firstResponseDueAt.getTime() < now.getTime(),
  };
}

export function presentRequest(row: RequestView, viewer: Viewer, now: Date): ServiceRequest {
  const seesPeopleData = viewer === 'staff' || viewer === 'internal';
  return {
    id: row.id,
    trackingNumber: row.trackingNumber,
    serviceCode: row.serviceCode,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    description: row.description,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    neighborhoodId: row.neighborhoodId,
    neighborhood: row.neighborhood,
    assigneeId: row.assigneeId,
    assignee: row.assignee,
    attributes: row.attributes,
    parentId: row.parentId,
    firstResponseDueAt: row.firstResponseDueAt.toISOString(),
    resolutionDueAt: row.resolutionDueAt.toISOString(),
    firstRespondedAt: row.firstRespondedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    // Computed on every read, never stored: it cannot go stale.
    ...clockDecided(row, now),
    // Not contact data; analysts need it for language-access figures. Outside staff it is not shown.
    requesterLanguage: seesPeopleData ? row.requesterLanguage : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    ...(viewer === 'staff'
      ? {
          requester: {
            name: row.requesterName,
            email: row.requesterEmail,
            phone: row.requesterPhone,
            preferredLanguage: row.requesterLanguage,
            emailUpdates: row.requesterEmailUpdates,
          },
        }
      : {}),
  };
}

/** Only status-like facts leave the building: never internal reasons, answers or assignees. */
function publicFacts(value: unknown): Record<string, unknown> | null {
  if (!value || typeof value !== 'object') return null;
  const { status } = value as { status?: unknown };
  return status === undefined ? null : { status };
}

const noNames: EventNames = { personnel: new Map(), neighborhoods: new Map() };

/**
 * An event's before/after with the names behind its ids: `assignee` next to `assigneeId` and
 * `neighborhood` next to `neighborhoodId`, shaped as on the request itself. An id whose record is not
 * found keeps only the id.
 */
function withNames(value: unknown, names: EventNames): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value ?? null;
  const facts = value as Record<string, unknown>;
  const named: Record<string, unknown> = { ...facts };
  if ('assigneeId' in facts) {
    const person = typeof facts.assigneeId === 'string' ? names.personnel.get(facts.assigneeId) : undefined;
    if (facts.assigneeId === null) named.assignee = null;
    else if (person) named.assignee = person;
  }
  if ('neighborhoodId' in facts) {
    const place =
      typeof facts.neighborhoodId === 'string' ? names.neighborhoods.get(facts.neighborhoodId) : undefined;
    if (facts.neighborhoodId === null) named.neighborhood = null;
    else if (place) named.neighborhood = place;
  }
  return named;
}

/**
 * A timeline event as this viewer may see it, or null when they may not see it at all. `names`
 * (findEventNames) puts names next to the ids staff and analysts see; `notices`
 * (requesterNoticesOf) says, to staff only, whether a requester-facing event reached the requester.
 */
export function presentEvent(
  event: EventRow,
  viewer: Viewer,
  names: EventNames = noNames,
  notices?: ReadonlyMap<number, RequesterNotice>,
): TimelineEvent | null {
  if (viewer === 'staff' || viewer === 'internal') {
    const notice =
      viewer === 'staff' && notices
        ? {
            requesterNotice: isRequesterFacing(event) ? (notices.get(event.id) ?? predatesEmailNotice) : null,
          }
        : {};
    return {
      ...notice,
      id: String(event.id),
      occurredAt: event.occurredAt.toISOString(),
      kind: event.kind,
      actor: {
        type: event.actorType as TimelineEvent['actor']['type'],
        id: event.actorId,
        name: event.actorName,
      },
      before: withNames(event.before, names),
      after: withNames(event.after, names),
      body:
        viewer === 'internal' && event.visibility === 'internal' && event.kind === 'note' ? null : event.body,
      visibility: event.visibility,
      language: event.language,
    };
  }
  if (event.visibility !== 'public') return null;
  return {
    id: String(event.id),
    occurredAt: event.occurredAt.toISOString(),
    kind: event.kind,
    actor: { type: event.actorType as TimelineEvent['actor']['type'], id: null, name: null },
    before: publicFacts(event.before),
    after: publicFacts(event.after),
    body: event.kind === 'note' ? event.body : null,
    visibility: 'public',
    language: event.language,
  };
}
