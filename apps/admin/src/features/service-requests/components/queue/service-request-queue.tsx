import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../../components/status-messages';
import { useCan } from '../../../../lib/auth/use-session';
import { formatNumber } from '../../../../lib/format';
import { useActivePersonnel } from '../../../../lib/reference-data/personnel';
import { useServiceTypes } from '../../../../lib/reference-data/service-types';
import { useNeighborhoodList } from '../../../../lib/reference-data/neighborhoods';
import { useServiceRequests } from '../../api/get-service-requests';
import type { QueueFilters, ServiceRequestPage } from '../../types';
import { parseQueueFilters, queueFiltersToSearchParams } from '../../utils/queue-search-params';
import { readQueuePosition, saveQueuePosition } from '../../utils/queue-position';
import { queueTotal } from '../../utils/queue-totals';
import { BulkActions } from './bulk-actions';
import { QueueFiltersForm, categoryLabel } from './queue-filters';
import { QueueTable, type QueueTableHandle } from './queue-table';
import { ShortcutsHelpDialog } from './shortcuts-help';
import { StatusCountsBar } from './status-counts';
import { useQueueKeyboard } from './use-queue-keyboard';

/** The triage queue: what staff work from all day. */
export function ServiceRequestQueue() {
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseQueueFilters(searchParams), [searchParams]);
  const canWork = useCan('service-requests.work');
  const canCreate = useCan('service-requests.create');

  // Staff roles' search also finds callers by name or phone (the API refuses it to the others).
  const queueQuery = useServiceRequests(filters, { matchRequester: canWork });
  const serviceTypesQuery = useServiceTypes();
  const neighborhoodsQuery = useNeighborhoodList();
  const personnelQuery = useActivePersonnel();

  const [activeId, setActiveId] = useState<string | null>(null);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const [helpOpen, setHelpOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<QueueTableHandle>(null);

  const rows = useMemo(() => queueQuery.data?.pages.flatMap((page) => page.items) ?? [], [queueQuery.data]);
  // Every request seen in this visit, so bulk results can name requests selected under other filters.
  const seenRequests = useRef(new Map<string, { trackingNumber: string }>());
  for (const row of rows) seenRequests.current.set(row.id, row);
  // The counts come with the first page. While other filters load, the last ones stay on screen
  // rather than the bar disappearing and coming back.
  const firstPage = queueQuery.data?.pages[0];
  const lastCounts = useRef<Pick<ServiceRequestPage, 'counts' | 'matchesAtLeast'> | null>(null);
  if (firstPage) lastCounts.current = { counts: firstPage.counts, matchesAtLeast: firstPage.matchesAtLeast };
  const counts = lastCounts.current?.counts ?? null;
  const matchesAtLeast = lastCounts.current?.matchesAtLeast ?? null;
  const total = firstPage ? queueTotal(firstPage.counts, filters.status, firstPage.matchesAtLeast) : null;
  const totalCount = total && !total.moreThan ? total.count : null;
  const serviceTypes = serviceTypesQuery.data ?? [];
  const categoryName = useCallback((code: string) => categoryLabel(serviceTypes, code), [serviceTypes]);

  const setFilters = useCallback(
    (next: QueueFilters) => {
      // Filter changes replace the history entry: Back leaves the queue instead of undoing each keystroke.
      // flushSync: without it the router applies the change in a transition, and a controlled checkbox
      // shows its old state until the list has re-rendered (seconds on a busy laptop).
      setSearchParams(queueFiltersToSearchParams(next), { replace: true, flushSync: true });
      setActiveId(null);
    },
    [setSearchParams],
  );

  const toggle = useCallback(
    (id: string, selected: boolean) =>
      setSelectedIds((current) => {
        const next = new Set(current);
        if (selected) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );

  const move = (step: number) => {
    if (rows.length === 0) return;
    const currentIndex = activeId ? rows.findIndex((row) => row.id === activeId) : -1;
    const nextIndex = Math.min(rows.length - 1, Math.max(0, currentIndex + step));
    const next = rows[nextIndex];
    if (!next) return;
    setActiveId(next.id);
    tableRef.current?.focusRow(nextIndex);
  };

  useQueueKeyboard({
    next: () => move(1),
    previous: () => move(-1),
    toggleSelected: () => {
      if (activeId && canWork) toggle(activeId, !selectedIds.has(activeId));
    },
    open: () => {
      if (activeId) navigate(`/service-requests/${encodeURIComponent(activeId)}`);
    },
    focusSearch: () => searchRef.current?.focus(),
    newRequest: () => {
      if (canCreate) navigate('/service-requests/new');
    },
    showHelp: () => setHelpOpen(true),
  });

  const nowMs = queueQuery.dataUpdatedAt;

  // A whole tracking number opens its request: at once when typed in full as it is printed
  // (EH-2026-000123), or when the search is sent with Enter in any form (eh-2026-123, 2026-123).
  const openOnArrival = useRef<string | null>(null);
  const exact = firstPage?.trackingNumberMatch ?? null;
  const openExactMatch = useCallback(
    (match: { id: string; trackingNumber: string }) =>
      navigate(`/service-requests/${encodeURIComponent(match.id)}`),
    [navigate],
  );
  useEffect(() => {
    if (!exact || !filters.q || queueQuery.isPlaceholderData) return;
    const typedInFull = filters.q.trim().toUpperCase() === exact.trackingNumber;
    if (typedInFull || openOnArrival.current === filters.q) {
      openOnArrival.current = null;
      openExactMatch(exact);
    }
  }, [exact, filters.q, queueQuery.isPlaceholderData, openExactMatch]);
  const onSearchSubmit = (q: string | null) => {
    if (q && q === filters.q && exact) openExactMatch(exact);
    else openOnArrival.current = q;
  };

  // The place in the queue, for the request page ("Next request", "Back to the queue") and for
  // coming back here to the same row.
  const restored = useRef(false);
  useEffect(() => {
    if (!queueQuery.isSuccess) return;
    if (!restored.current) {
      restored.current = true;
      const position = readQueuePosition();
      const index =
        position && position.search === location.search && position.activeId
          ? rows.findIndex((row) => row.id === position.activeId)
          : -1;
      if (index >= 0) {
        setActiveId(rows[index]?.id ?? null);
        tableRef.current?.focusRow(index);
        return;
      }
    }
    saveQueuePosition({ search: location.search, ids: rows.map((row) => row.id), activeId });
  }, [queueQuery.isSuccess, rows, activeId, location.search]);

  return (
    <div className="page page-wide queue-page">
      <PageHeader
        title="Service requests"
        actions={
          <>
            <button
              type="button"
              className="button button-small"
              onClick={() => setHelpOpen(true)}
              aria-keyshortcuts="?"
            >
              Shortcuts
            </button>
            {canCreate ? (
              <Link to="/service-requests/new" className="button button-primary button-small">
                New request
              </Link>
            ) : null}
          </>
        }
      />
      <QueueFiltersForm
        filters={filters}
        onChange={setFilters}
        neighborhoods={neighborhoodsQuery.data ?? []}
        serviceTypes={serviceTypes}
        personnel={personnelQuery.data ?? []}
        searchRef={searchRef}
        searchesRequesters={canWork}
        onSearchSubmit={onSearchSubmit}
      />
      <div className="queue-summary">
        {counts ? (
          <StatusCountsBar
            counts={counts}
            matchesAtLeast={matchesAtLeast}
            status={filters.status}
            onSelect={(status) => setFilters({ ...filters, status: [status] })}
          />
        ) : null}
        <p className="muted queue-showing" role="status">
          {queueQuery.isSuccess
            ? `Showing ${formatNumber(rows.length)}${total ? ` of ${total.moreThan ? 'more than ' : ''}${formatNumber(total.count)}` : ''}`
            : ''}
        </p>
      </div>
      {canWork ? (
        <BulkActions
          selectedIds={[...selectedIds]}
          requestsById={seenRequests.current}
          personnel={personnelQuery.data ?? []}
          onClearSelection={() => setSelectedIds(new Set())}
          onApplied={(succeeded) =>
            setSelectedIds((current) => new Set([...current].filter((id) => !succeeded.includes(id))))
          }
        />
      ) : null}

      <section aria-labelledby="queue-results-heading" className="queue-results">
        <h2 id="queue-results-heading" className="visually-hidden">
          Requests
        </h2>
        {queueQuery.isPending ? (
          <LoadingState label="Loading requests…" />
        ) : queueQuery.isError ? (
          <ProblemAlert
            error={queueQuery.error}
            title="Could not load the queue"
            onRetry={() => queueQuery.refetch()}
          />
        ) : rows.length === 0 ? (
          <EmptyState>
            {filters.assigneeId === 'me' || filters.neighborhoodId === 'mine'
              ? 'No requests match these filters. “Me” and “My neighborhoods” follow the personnel record linked to your login and its assignments now.'
              : 'No requests match these filters.'}
          </EmptyState>
        ) : (
          <QueueTable
            rows={rows}
            categoryName={categoryName}
            activeId={activeId}
            selectedIds={selectedIds}
            onActivate={setActiveId}
            onToggle={toggle}
            onToggleAll={(selected) =>
              setSelectedIds(selected ? new Set(rows.map((row) => row.id)) : new Set())
            }
            totalCount={totalCount}
            handleRef={tableRef}
            nowMs={nowMs}
            selectable={canWork}
          />
        )}
        {queueQuery.hasNextPage ? (
          <div className="list-more">
            <button
              type="button"
              className="button"
              onClick={() => queueQuery.fetchNextPage()}
              aria-disabled={queueQuery.isFetchingNextPage}
            >
              {queueQuery.isFetchingNextPage ? 'Loading more requests…' : 'Load more requests'}
            </button>
          </div>
        ) : null}
      </section>
      <ShortcutsHelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
