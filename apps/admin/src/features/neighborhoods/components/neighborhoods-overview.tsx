import { lazy, Suspense, useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useCan } from '../../../lib/auth/use-session';
import { useNeighborhoods } from '../api/get-neighborhoods';
import { NeighborhoodDetails } from './neighborhood-details';
import { NeighborhoodsTable } from './neighborhoods-table';
import { OpenRequestsToggle, useOpenRequestPoints } from './open-requests-on-map';

// The map is the heaviest part of the page (Leaflet and its styles): load it on demand.
const NeighborhoodMap = lazy(() => import('./neighborhood-map'));

export function NeighborhoodsOverview() {
  const neighborhoodsQuery = useNeighborhoods({ includeBoundary: true });
  const canReassign = useCan('assignments.change');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [showRequests, setShowRequests] = useState(false);
  const openRequests = useOpenRequestPoints({ enabled: showRequests });

  const neighborhoods = neighborhoodsQuery.data ?? [];
  const shownId = activeId ?? selectedId;
  const shown = neighborhoods.find((neighborhood) => neighborhood.id === shownId) ?? null;
  const toggleSelected = (id: string) => setSelectedId((current) => (current === id ? null : id));

  return (
    <div className="page">
      <PageHeader
        title="Neighborhoods"
        description="The department’s neighborhoods and the coordination lieutenant currently responsible for each."
      />
      {neighborhoodsQuery.isPending ? (
        <LoadingState label="Loading neighborhoods…" />
      ) : neighborhoodsQuery.isError ? (
        <ProblemAlert
          error={neighborhoodsQuery.error}
          title="Could not load neighborhoods"
          onRetry={() => neighborhoodsQuery.refetch()}
        />
      ) : neighborhoods.length === 0 ? (
        <EmptyState>No neighborhoods have been set up yet.</EmptyState>
      ) : (
        <>
          <div className="map-layout">
            <section className="card map-card" aria-labelledby="neighborhood-map-heading">
              <h2 id="neighborhood-map-heading">Map</h2>
              <OpenRequestsToggle
                checked={showRequests}
                onChange={setShowRequests}
                openRequests={openRequests}
              />
              {/* The map's own height is kept while its code loads: the list below does not jump. */}
              <Suspense
                fallback={
                  <div className="map-loading">
                    <LoadingState label="Loading map…" />
                  </div>
                }
              >
                <NeighborhoodMap
                  neighborhoods={neighborhoods}
                  activeId={activeId}
                  selectedId={selectedId}
                  onActiveChange={setActiveId}
                  onSelect={toggleSelected}
                  requestPoints={showRequests ? (openRequests.points ?? null) : null}
                />
              </Suspense>
            </section>
            <NeighborhoodDetails neighborhood={shown} />
          </div>
          <section aria-labelledby="neighborhood-list-heading">
            <h2 id="neighborhood-list-heading">All neighborhoods</h2>
            <NeighborhoodsTable
              neighborhoods={neighborhoods}
              activeId={activeId}
              selectedId={selectedId}
              onActiveChange={setActiveId}
              onSelect={toggleSelected}
              canReassign={canReassign}
            />
          </section>
        </>
      )}
    </div>
  );
}
