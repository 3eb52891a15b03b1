import type { ServiceRequest, ServiceRequestDetail, TimelineEvent } from '@nsp/contracts';
import type { Executor } from '../../db/client.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { SentAgainReplies } from '../../lib/reply-serializer.ts';
import type { PublicCache } from '../public/public-cache.ts';
import type { ServiceCatalog } from '../service-types/catalog.ts';
import { findDetail, findView, type RequestDetailRows } from './repo.ts';
import { transitionsAllowedNow } from './transition-request.ts';
import { requestViewCacheOptions } from './view-cache.ts';
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
  /** Remembered rows (view-cache.ts): only for reads outside a transaction. */
  cache?: PublicCache,
): Promise<ServiceRequestDetail> {
  const [detail, settings] = await Promise.all([
    cache
      ? cache.get(`detail ${id}`, requestViewCacheOptions, () => findDetail(executor, id))
      : findDetail(executor, id),
    catalog.deskSettings(),
  ]);
  if (!detail) throw new NotFoundError(`No service request ${id}.`);
  const head = presentRequest(detail.view, viewer, now);
  const allowedTransitions = [...transitionsAllowedNow(detail.view, now, settings.reopenWindowDays)];
  const present = (): ServiceRequestDetail => ({
    ...head,
    timeline: timelineOf(detail, viewer),
    allowedTransitions,
    duplicates: detail.children,
  });
  if (!cache) return present();
  // Remembered rows give the same reply while what the clock decides stays the same: its JSON is
  // then written once (sentAgain), not on every read.
  const clockDecided = `${viewer} ${head.overdue} ${head.firstResponseOverdue} ${allowedTransitions.join(',')}`;
  return presentedReplies.get(detail, clockDecided, present);
}

/** The replies made from remembered rows, by viewer and what the clock decided. */
const presentedReplies = new SentAgainReplies<ServiceRequestDetail>();

function timelineOf(detail: RequestDetailRows, viewer: Viewer): TimelineEvent[] {
  // Outsiders see no assignees or neighborhood moves in the timeline, so they get no names; only
  // staff learn what became of the requester's messages.
  const names = viewer === 'staff' || viewer === 'internal' ? detail.names : undefined;
  const notices = viewer === 'staff' ? detail.notices : undefined;
  return detail.events.flatMap((event) => presentEvent(event, viewer, names, notices) ?? []);
}
