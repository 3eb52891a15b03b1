import type { ReactNode } from 'react';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import { formatNumber } from '../../../../lib/format';
import { localized, useServiceTypes } from '../../../../lib/reference-data/service-types';
import { useQueueSlice } from '../../api/get-queue-slice';
import type { RequestStatusValue } from '../../types';
import { parseQueueFilters } from '../../utils/queue-search-params';
import { queueTotal } from '../../utils/queue-totals';
import { DueIndicator } from '../request-badges';

/** "12 overdue": how many requests the queue holds for a query, linking to exactly that queue. */
export function WorkCount({
  label,
  query,
  tone,
}: {
  label: string;
  query: string;
  tone?: 'danger' | 'warning';
}) {
  const slice = useQueueSlice(query, 1);
  const filters = parseQueueFilters(new URLSearchParams(query));
  const total = slice.data ? queueTotal(slice.data.counts, filters.status, slice.data.matchesAtLeast) : null;
  const count = total ? `${total.moreThan ? 'more than ' : ''}${formatNumber(total.count)}` : '…';
  return (
    <Link
      to={`/service-requests?${query}`}
      className={`work-count${tone && total?.count ? ` is-${tone}` : ''}`}
      aria-busy={slice.isPending ? true : undefined}
    >
      <span className="work-count-value">{count}</span> <span className="work-count-label">{label}</span>
    </Link>
  );
}

/** The first few requests of a queue query, each linking to its page, with the way to the rest. */
export function WorkList({
  title,
  query,
  empty,
  moreLabel,
  children,
}: {
  title: string;
  query: string;
  empty: string;
  moreLabel: string;
  children?: ReactNode;
}) {
  const id = useId();
  const slice = useQueueSlice(query, 6);
  const serviceTypes = useServiceTypes();
  const items = slice.data?.items ?? [];
  const filters = parseQueueFilters(new URLSearchParams(query));
  const total = slice.data
    ? queueTotal(slice.data.counts, filters.status as RequestStatusValue[], slice.data.matchesAtLeast)
    : null;
  return (
    <section className="card work-list" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      {children}
      {slice.isPending ? (
        <p className="muted">Loading…</p>
      ) : slice.isError ? (
        <p className="muted">Could not be loaded now.</p>
      ) : items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain-list">
          {items.map((item) => {
            const type = serviceTypes.data?.find((candidate) => candidate.code === item.serviceCode);
            return (
              <li key={item.id} className="work-item">
                <Link to={`/service-requests/${encodeURIComponent(item.id)}`} className="monospace">
                  {item.trackingNumber}
                </Link>{' '}
                <span className="work-item-what">
                  {type ? localized(type.name) : item.serviceCode} · {item.address ?? 'no address'}
                </span>{' '}
                <DueIndicator request={item} compact />
              </li>
            );
          })}
        </ul>
      )}
      <p className="work-more">
        <Link to={`/service-requests?${query}`}>
          {moreLabel}
          {total ? ` (${total.moreThan ? 'more than ' : ''}${formatNumber(total.count)})` : ''}
        </Link>
      </p>
    </section>
  );
}
