import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '../../../components/status-messages';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { getServiceTypesQueryOptions, serviceTypeName } from '../../../lib/reference-data/service-types';
import { OPEN_REQUESTS_ON_MAP_LIMIT, useOpenServiceRequests } from '../api/get-open-service-requests';
import { type OpenRequestPoints, openRequestPoints } from '../open-request-points';

export interface OpenRequestsOnMap {
  query: ReturnType<typeof useOpenServiceRequests>;
  /** null until loaded (or while not shown). */
  points: OpenRequestPoints['points'] | null;
  summary: OpenRequestPoints | null;
  truncated: boolean;
}

/** Open service requests as map markers, loaded only while the map is asked to show them. */
export function useOpenRequestPoints({ enabled }: { enabled: boolean }): OpenRequestsOnMap {
  const query = useOpenServiceRequests({ enabled });
  // Category names for the markers; a missing list only means codes are shown instead.
  const serviceTypes = useQuery({ ...getServiceTypesQueryOptions(), enabled });
  const summary = useMemo(
    () =>
      query.data
        ? openRequestPoints(
            query.data.requests,
            (code) => serviceTypeName(serviceTypes.data, code),
            formatDateTime,
          )
        : null,
    [query.data, serviceTypes.data],
  );
  return { query, points: summary?.points ?? null, summary, truncated: query.data?.truncated ?? false };
}

const plural = (count: number, one: string, many: string) =>
  `${formatNumber(count)} ${count === 1 ? one : many}`;

function summaryText({ points, overdue, withoutLocation }: OpenRequestPoints): string {
  const shown =
    points.length === 0
      ? 'No open requests with a location to show.'
      : `${plural(points.length, 'open request', 'open requests')} on the map, ${formatNumber(overdue)} overdue.`;
  const unplaced =
    withoutLocation > 0
      ? ` ${plural(withoutLocation, 'request has', 'requests have')} no location and ${withoutLocation === 1 ? 'is' : 'are'} not shown.`
      : '';
  return shown + unplaced;
}

export function OpenRequestsToggle({
  checked,
  onChange,
  openRequests,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  openRequests: OpenRequestsOnMap;
}) {
  const id = useId();
  const { query, summary, truncated } = openRequests;
  return (
    <div className="map-requests">
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <label htmlFor={id}>Show open requests</label>
      </div>
      {/* Always present, so what it says when the requests arrive is announced. */}
      <p role="status" className="map-help">
        {!checked ? null : query.isPending ? (
          'Loading open requests…'
        ) : summary ? (
          <>
            {summaryText(summary)}
            {truncated ? (
              <>
                {` Only the ${formatNumber(OPEN_REQUESTS_ON_MAP_LIMIT)} due soonest are shown; `}
                <Link to="/service-requests">the queue</Link> lists them all.
              </>
            ) : null}
          </>
        ) : null}
      </p>
      {checked && query.isError ? (
        <ProblemAlert
          error={query.error}
          title="Could not load open requests"
          onRetry={() => query.refetch()}
        />
      ) : null}
    </div>
  );
}
