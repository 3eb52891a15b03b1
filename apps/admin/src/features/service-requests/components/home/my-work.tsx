import { useId } from 'react';
import { Link } from 'react-router-dom';
import { formatDuration, formatNumber } from '../../../../lib/format';
import { useMyAssignments } from '../../../../lib/reference-data/my-assignments';
import { localized, useServiceTypes } from '../../../../lib/reference-data/service-types';
import { MY_WORK_QUERY, MY_WORK_SHOWN } from '../../api/get-my-work';
import { useQueueSlice } from '../../api/get-queue-slice';
import { OPEN_STATUSES } from '../../labels';
import { queueTotal } from '../../utils/queue-totals';
import { DueIndicator, PriorityBadge } from '../request-badges';

/**
 * "My work" for an officer in the field: the open requests assigned to their personnel record, as
 * cards a thumb can hit, overdue first (the queue's default order is by resolution due time, so the
 * most overdue come first). Each card is one link to the request.
 */
export function MyWork() {
  const id = useId();
  const mine = useMyAssignments();
  const slice = useQueueSlice(MY_WORK_QUERY, MY_WORK_SHOWN);
  const serviceTypes = useServiceTypes();
  const items = slice.data?.items ?? [];
  const total = slice.data ? queueTotal(slice.data.counts, OPEN_STATUSES, slice.data.matchesAtLeast) : null;
  const now = Date.now();
  if (mine.isSuccess && !mine.data.personnel) return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="role-work my-work">
      <h2 id={`${id}-heading`}>
        My work{total ? <span className="my-work-count"> · {formatNumber(total.count)} open</span> : null}
      </h2>
      {slice.isPending ? (
        // Reserve the cards' room while loading: nothing below jumps when they arrive.
        <ul className="work-cards is-loading" aria-busy="true" aria-label="Loading my work">
          {[0, 1, 2].map((index) => (
            <li key={index} className="work-card work-card-skeleton" />
          ))}
        </ul>
      ) : slice.isError ? (
        <p className="muted">My work could not be loaded now.</p>
      ) : items.length === 0 ? (
        <p className="notice notice-success">Nothing is assigned to you. </p>
      ) : (
        <ul className="work-cards">
          {items.map((item) => {
            const type = serviceTypes.data?.find((candidate) => candidate.code === item.serviceCode);
            return (
              <li key={item.id} className={`work-card${item.overdue ? ' is-overdue' : ''}`}>
                <Link to={`/service-requests/${encodeURIComponent(item.id)}`} className="work-card-link">
                  <span className="work-card-top">
                    <span className="work-card-number monospace">{item.trackingNumber}</span>
                    <PriorityBadge priority={item.priority} />
                  </span>
                  <span className="work-card-what">{type ? localized(type.name) : item.serviceCode}</span>
                  <span className="work-card-where">{item.address ?? 'No address'}</span>
                  <span className="work-card-when">
                    <span>
                      Opened {formatDuration(now - new Date(item.createdAt).getTime(), { compact: true })} ago
                    </span>
                    <DueIndicator request={item} compact />
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {/* Once the cards are in: drawn under the skeleton, more cards than it holds pushed it down. */}
      {slice.isPending ? null : (
        <p className="work-more">
          <Link to={`/service-requests?${MY_WORK_QUERY}`}>
            All requests assigned to me
            {total ? ` (${total.moreThan ? 'more than ' : ''}${formatNumber(total.count)})` : ''}
          </Link>
        </p>
      )}
    </section>
  );
}
