import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { PageHeader } from '../../../../components/page-header';
import { AttachmentsPanel } from '../../../attachments/components/attachments-panel';
import { LoadingState, ProblemAlert } from '../../../../components/status-messages';
import { useCan } from '../../../../lib/auth/use-session';
import { localized, useServiceTypes } from '../../../../lib/reference-data/service-types';
import { usePossibleDuplicates } from '../../api/get-possible-duplicates';
import { useFeedPublications, useSetFeedPublication } from '../../api/feed-publications';
import { useServiceRequest } from '../../api/get-service-request';
import { OPEN_STATUSES } from '../../labels';
import type { CreatedServiceRequest } from '../../types';
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

/** What the intake form passes along after saving, to confirm and to offer merging a duplicate. */
export interface CreatedRequestState {
  created?: Pick<CreatedServiceRequest, 'id' | 'trackingNumber' | 'possibleDuplicates' | 'location'>;
}

export function ServiceRequestDetailPage({ requestId }: { requestId: string }) {
  const location = useLocation();
  const created = (location.state as CreatedRequestState | null)?.created;
  const justCreated = created?.id === requestId ? created : undefined;
  const requestQuery = useServiceRequest(requestId);
  const pendingChanges = usePendingChanges(requestId);
  const serviceTypesQuery = useServiceTypes();
  const canWork = useCan('service-requests.work');
  const [announcement, setAnnouncement] = useState('');
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
            setAnnouncement(published ? 'Published on the announcements feed.' : 'Withdrawn from the feed.'),
        },
      ),
  };
  // The duplicate suggestions stay with the request (not only in the banner right after saving).
  const loaded = requestQuery.data;
  const nearby = usePossibleDuplicates(
    canWork &&
      loaded &&
      loaded.lat !== null &&
      loaded.lon !== null &&
      (OPEN_STATUSES as readonly string[]).includes(loaded.status)
      ? { serviceCode: loaded.serviceCode, lat: loaded.lat, lon: loaded.lon, excludeId: loaded.id }
      : null,
  );
  // The queue this request was opened from (its filters and order), for "Back" and "Next request".
  const [queuePosition] = useState(readQueuePosition);
  useEffect(() => {
    if (queuePosition?.ids.includes(requestId)) markQueuePosition(requestId);
  }, [queuePosition, requestId]);
  // Assignees and neighborhoods come named in the timeline; categories are looked up here.
  const resolveName: NameResolver = (key, value) => {
    if (typeof value !== 'string') return undefined;
    if (key === 'serviceCode') {
      const type = serviceTypesQuery.data?.find((candidate) => candidate.code === value);
      return type ? localized(type.name) : undefined;
    }
    return undefined;
  };

  if (requestQuery.isPending) return <LoadingState label="Loading the request…" />;
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

  const request = requestQuery.data;
  const nextId = nextInQueue(queuePosition, request.id);
  const serviceType = serviceTypesQuery.data?.find((type) => type.code === request.serviceCode);
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
          <FieldLinks request={request} noteFormId={canWork ? 'note-form' : undefined} />
          {canWork ? (
            <TransitionPanel key={`${request.id}-status`} request={request} onChanged={setAnnouncement} />
          ) : null}
          <RequestOverview
            request={request}
            serviceType={serviceType}
            canEdit={canWork}
            onSaved={setAnnouncement}
          />
          <section className="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <Timeline events={request.timeline} resolveName={resolveName} feed={canWork ? feed : undefined} />
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
          />
          {canWork ? (
            <section className="card" id="note-form">
              <NoteForm key={`${request.id}-note`} request={request} onAdded={setAnnouncement} />
            </section>
          ) : null}
        </div>
        <div className="detail-side">
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
            <MergeForm
              key={`${request.id}-merge`}
              request={request}
              suggestions={[
                ...(justCreated?.possibleDuplicates ?? []),
                ...(nearby.data?.items ?? []).filter(
                  (item) => !justCreated?.possibleDuplicates.some((shown) => shown.id === item.id),
                ),
              ]}
              onMerged={setAnnouncement}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}
