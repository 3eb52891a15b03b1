import { memo, useDeferredValue, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { PageHeader } from '../../../../components/page-header';
import { AttachmentsPanel } from '../../../attachments/components/attachments-panel';
import { LoadingState, ProblemAlert } from '../../../../components/status-messages';
import { useCan } from '../../../../lib/auth/use-session';
import { useAfterPaint } from '../../../../lib/use-after-paint';
import { localized, useServiceTypes } from '../../../../lib/reference-data/service-types';
import { usePossibleDuplicates } from '../../api/get-possible-duplicates';
import { useFeedPublications, useSetFeedPublication } from '../../api/feed-publications';
import { useServiceRequest } from '../../api/get-service-request';
import { OPEN_STATUSES } from '../../labels';
import type { CreatedServiceRequest, ServiceRequestDetail } from '../../types';
import { markQueuePosition, nextInQueue, readQueuePosition } from '../../utils/queue-position';
import { AssignmentForm } from './assignment-form';
import { FieldLinks } from './field-links';
import { LocationMap } from './location-map';
import { MergeForm } from './merge-form';
import { usePendingChanges } from '../../api/offline-changes';
import { PendingChanges } from '../offline/pending-changes';
import { NoteForm } from './note-form';
import { RequestOverview } from './request-overview';
import { RequesterCard } from './requester-card';
import { RequestSaraCases } from './request-sara-cases';
import { RequesterRequests } from './requester-requests';
import { type FeedControls, type NameResolver, Timeline } from './timeline';
import { TransitionPanel } from './transition-panel';

/** The photos panel's camera input, opened by "Take a photo" in the quick actions at the top. */
const REQUEST_CAMERA_INPUT = 'request-camera';

/** What the intake form passes along after saving, to confirm and to offer merging a duplicate. */
export interface CreatedRequestState {
  created?: Pick<CreatedServiceRequest, 'id' | 'trackingNumber' | 'possibleDuplicates' | 'location'>;
}

/**
 * One request's page. The request arrives as a deferred value: React renders the page from it in
 * the background, in slices that leave the phone's main thread free between them (a reply arriving
 * would otherwise render the whole page in one long task). Parts that depend on other replies
 * (categories, feed publications, nearby duplicates) subscribe to them themselves, so each arrival
 * re-renders only that part.
 */
export function ServiceRequestDetailPage({ requestId }: { requestId: string }) {
  const requestQuery = useServiceRequest(requestId);
  const request = useDeferredValue(requestQuery.data);

  if (requestQuery.isError) {
    return (
      <div className="page">
        <PageHeader title="Service request" />
        <ProblemAlert
          error={requestQuery.error}
          title="Could not load the request"
          onRetry={() => requestQuery.refetch()}
        />
        <p>
          <Link to="/service-requests">Back to the queue</Link>
        </p>
      </div>
    );
  }
  if (!request) return <LoadingState label="Loading the request…" />;
  return <RequestDetail request={request} />;
}

const RequestDetail = memo(function RequestDetail({ request }: { request: ServiceRequestDetail }) {
  const requestId = request.id;
  const location = useLocation();
  const created = (location.state as CreatedRequestState | null)?.created;
  const justCreated = created?.id === requestId ? created : undefined;
  const pendingChanges = usePendingChanges(requestId);
  const canWork = useCan('service-requests.work');
  // The top of the request first (status moves, overview, description); the timeline, files, forms
  // and the side column once it is on screen. They all sit below or beside it: nothing moves.
  const showRest = useAfterPaint();
  const [announcement, setAnnouncement] = useState('');
  // The queue this request was opened from (its filters and order), for "Back" and "Next request".
  const [queuePosition] = useState(readQueuePosition);
  useEffect(() => {
    if (queuePosition?.ids.includes(requestId)) markQueuePosition(requestId);
  }, [queuePosition, requestId]);

  const nextId = nextInQueue(queuePosition, request.id);
  const isOpen = (OPEN_STATUSES as readonly string[]).includes(request.status);
  // Each form starts from the version it saw; remounting on a new version drops stale local state.
  const versionKey = `${request.id}-${request.version}`;

  return (
    <div className="page page-wide">
      <PageHeader
        title={`Request ${request.trackingNumber}`}
        description={
          <>
            <Link to={`/service-requests${queuePosition?.search ?? ''}`}>Back to the queue</Link> ›{' '}
            {request.trackingNumber}
          </>
        }
        actions={
          nextId ? (
            <Link to={`/service-requests/${encodeURIComponent(nextId)}`} className="button button-small">
              Next request
            </Link>
          ) : null
        }
      />
      {justCreated ? (
        <div className="notice notice-success" role="status">
          <p>
            Request {justCreated.trackingNumber} saved
            {request.neighborhood ? ` in ${request.neighborhood.name}` : ''}
            {request.assignee ? `, assigned to ${request.assignee.name}` : ''}.
          </p>
          {justCreated.possibleDuplicates.length > 0 ? (
            <p>
              {justCreated.possibleDuplicates.length} open request
              {justCreated.possibleDuplicates.length === 1 ? '' : 's'} of the same category nearby may be the
              same problem:{' '}
              {justCreated.possibleDuplicates.map((duplicate, index) => (
                <span key={duplicate.id}>
                  {index > 0 ? ', ' : ''}
                  <Link to={`/service-requests/${duplicate.id}`}>{duplicate.trackingNumber}</Link> (
                  {Math.round(duplicate.distanceMeters)} m)
                </span>
              ))}
              . Use “Merge as a duplicate” below if it is.
            </p>
          ) : null}
        </div>
      ) : null}
      <p role="status" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>
      {request.parentId ? (
        <p className="notice notice-info">
          This request is a duplicate of{' '}
          <Link to={`/service-requests/${request.parentId}`}>another request</Link>.
        </p>
      ) : null}
      <div className="detail-layout">
        <div className="detail-main">
          {/* First on the page: the status moves are reached without tabbing through the forms. */}
          <FieldLinks
            request={request}
            noteFormId={canWork ? 'note-form' : undefined}
            cameraInputId={canWork ? REQUEST_CAMERA_INPUT : undefined}
          />
          {canWork ? (
            <TransitionPanel key={`${request.id}-status`} request={request} onChanged={setAnnouncement} />
          ) : null}
          <RequestOverviewWithType request={request} canEdit={canWork} onSaved={setAnnouncement} />
          {showRest ? (
            <>
              <section className="card" aria-labelledby="timeline-heading">
                <h2 id="timeline-heading">Timeline</h2>
                <RequestTimeline request={request} canWork={canWork} onChanged={setAnnouncement} />
                <PendingChanges entries={pendingChanges} />
                {request.duplicates.length > 0 ? (
                  <p>
                    Duplicates merged into this one:{' '}
                    {request.duplicates.map((duplicate, index) => (
                      <span key={duplicate.id}>
                        {index > 0 ? ', ' : ''}
                        <Link to={`/service-requests/${duplicate.id}`}>{duplicate.trackingNumber}</Link>
                      </span>
                    ))}
                  </p>
                ) : null}
              </section>
              <AttachmentsPanel
                owner={{ segment: 'service-requests', id: request.id }}
                canWrite={canWork}
                canMakePublic
                onChanged={setAnnouncement}
                cameraInputId={REQUEST_CAMERA_INPUT}
              />
              {canWork ? (
                <section className="card" id="note-form">
                  <NoteForm key={`${request.id}-note`} request={request} onAdded={setAnnouncement} />
                </section>
              ) : null}
            </>
          ) : null}
        </div>
        <div className="detail-side">
          {showRest ? (
            <>
              <RequesterCard request={request} canEdit={canWork} onSaved={setAnnouncement} />
              {request.requester !== undefined ? <RequesterRequests request={request} /> : null}
              <RequestSaraCases requestId={request.id} />
              {canWork ? (
                <AssignmentForm key={`${versionKey}-assign`} request={request} onSaved={setAnnouncement} />
              ) : null}
              {request.lat !== null && request.lon !== null ? (
                <section className="card" aria-labelledby="location-heading">
                  <h2 id="location-heading">Location</h2>
                  <LocationMap
                    lat={request.lat}
                    lon={request.lon}
                    neighborhoodId={request.neighborhoodId}
                    label={`Map: the request ${request.address ? `at ${request.address}` : ''} in ${request.neighborhood?.name ?? 'no neighborhood'}`}
                  />
                </section>
              ) : null}
              {canWork && isOpen ? (
                <MergeSection
                  key={`${request.id}-merge`}
                  request={request}
                  justCreated={justCreated}
                  onMerged={setAnnouncement}
                />
              ) : null}
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
});

/** The overview with the request's category looked up (the categories arrive on their own). */
function RequestOverviewWithType({
  request,
  canEdit,
  onSaved,
}: {
  request: ServiceRequestDetail;
  canEdit: boolean;
  onSaved: (message: string) => void;
}) {
  const serviceTypesQuery = useServiceTypes();
  const serviceType = serviceTypesQuery.data?.find((type) => type.code === request.serviceCode);
  return <RequestOverview request={request} serviceType={serviceType} canEdit={canEdit} onSaved={onSaved} />;
}

/** The timeline, with category names and the feed's publish controls for staff who work requests. */
function RequestTimeline({
  request,
  canWork,
  onChanged,
}: {
  request: ServiceRequestDetail;
  canWork: boolean;
  onChanged: (message: string) => void;
}) {
  const requestId = request.id;
  const serviceTypesQuery = useServiceTypes();
  const publications = useFeedPublications(requestId, canWork);
  const setPublication = useSetFeedPublication();
  const feed: FeedControls = {
    publishedIds: new Set(
      (publications.data?.items ?? []).filter((item) => !item.withdrawnAt).map((item) => item.eventId),
    ),
    busyId: setPublication.isPending ? (setPublication.variables?.eventId ?? null) : null,
    onChange: (eventId, published) =>
      setPublication.mutate(
        { requestId, eventId, published },
        {
          onSuccess: () =>
            onChanged(published ? 'Published on the announcements feed.' : 'Withdrawn from the feed.'),
        },
      ),
  };
  // Assignees and neighborhoods come named in the timeline; categories are looked up here.
  const resolveName: NameResolver = (key, value) => {
    if (typeof value !== 'string') return undefined;
    if (key === 'serviceCode') {
      const type = serviceTypesQuery.data?.find((candidate) => candidate.code === value);
      return type ? localized(type.name) : undefined;
    }
    return undefined;
  };
  return <Timeline events={request.timeline} resolveName={resolveName} feed={canWork ? feed : undefined} />;
}

/** Merging as a duplicate: the suggestions right after saving, then open requests of the category nearby. */
function MergeSection({
  request,
  justCreated,
  onMerged,
}: {
  request: ServiceRequestDetail;
  justCreated: CreatedRequestState['created'];
  onMerged: (message: string) => void;
}) {
  // The duplicate suggestions stay with the request (not only in the banner right after saving).
  const nearby = usePossibleDuplicates(
    request.lat !== null && request.lon !== null
      ? { serviceCode: request.serviceCode, lat: request.lat, lon: request.lon, excludeId: request.id }
      : null,
  );
  return (
    <MergeForm
      request={request}
      suggestions={[
        ...(justCreated?.possibleDuplicates ?? []),
        ...(nearby.data?.items ?? []).filter(
          (item) => !justCreated?.possibleDuplicates.some((shown) => shown.id === item.id),
        ),
      ]}
      onMerged={onMerged}
    />
  );
}
