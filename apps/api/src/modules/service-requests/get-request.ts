import type { ServiceRequest, ServiceRequestDetail } from '@nsp/contracts';
import type { Executor } from '../../db/client.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { ServiceCatalog } from '../service-types/catalog.ts';
import { requesterNoticesOf } from '../notifications/requester-messages.ts';
import { findEventNames, findView, listChildren, listEvents } from './repo.ts';
import { transitionsAllowedNow } from './transition-request.ts';
import { presentEvent, presentRequest, type Viewer } from './visibility.ts';

/** One request as this viewer may see it (after a change, for the reply). */
export async function getServiceRequest(
  executor: Executor,
  viewer: Viewer,
  id: string,
  now: Date,
): Promise<ServiceRequest> {
  const view = await findView(executor, id);
  if (!view) throw new NotFoundError(`No service request ${id}.`);
  return presentRequest(view, viewer, now);
}

/**
 * One request with its timeline (what this viewer may see of it, with the names behind assignee and
 * neighborhood ids, and for staff whether the requester was told), the moves allowed now and its
 * duplicates: five reads side by side, then one for the names.
 */
export async function getServiceRequestDetail(
  executor: Executor,
  catalog: ServiceCatalog,
  viewer: Viewer,
  id: string,
  now: Date,
): Promise<ServiceRequestDetail> {
  const [view, events, children, settings, notices] = await Promise.all([
    findView(executor, id),
    listEvents(executor, id),
    listChildren(executor, id),
    catalog.deskSettings(),
    // Whether each acknowledgement, public update and resolution reached the requester (staff only).
    viewer === 'staff' ? requesterNoticesOf(executor, { requestId: id }) : undefined,
  ]);
  if (!view) throw new NotFoundError(`No service request ${id}.`);
  // Outsiders see no assignees or neighborhood moves in the timeline, so they need no names.
  const names =
    viewer === 'staff' || viewer === 'internal' ? await findEventNames(executor, events) : undefined;
  return {
    ...presentRequest(view, viewer, now),
    timeline: events.flatMap((event) => presentEvent(event, viewer, names, notices) ?? []),
    allowedTransitions: [...transitionsAllowedNow(view, now, settings.reopenWindowDays)],
    duplicates: children,
  };
}
