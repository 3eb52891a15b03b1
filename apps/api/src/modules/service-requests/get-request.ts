import type { ServiceRequest, ServiceRequestDetail } from '@nsp/contracts';
import type { Executor } from '../../db/client.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { ServiceCatalog } from '../service-types/catalog.ts';
import { findDetail, findView } from './repo.ts';
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
 * duplicates: one statement (findDetail), and the desk settings from the catalog's memory.
 */
export async function getServiceRequestDetail(
  executor: Executor,
  catalog: ServiceCatalog,
  viewer: Viewer,
  id: string,
  now: Date,
): Promise<ServiceRequestDetail> {
  const [detail, settings] = await Promise.all([findDetail(executor, id), catalog.deskSettings()]);
  if (!detail) throw new NotFoundError(`No service request ${id}.`);
  const { view, events, children, notices } = detail;
  // Outsiders see no assignees or neighborhood moves in the timeline, so they get no names; only
  // staff learn what became of the requester's messages.
  const names = viewer === 'staff' || viewer === 'internal' ? detail.names : undefined;
  const shownNotices = viewer === 'staff' ? notices : undefined;
  return {
    ...presentRequest(view, viewer, now),
    timeline: events.flatMap((event) => presentEvent(event, viewer, names, shownNotices) ?? []),
    allowedTransitions: [...transitionsAllowedNow(view, now, settings.reopenWindowDays)],
    duplicates: children,
  };
}
