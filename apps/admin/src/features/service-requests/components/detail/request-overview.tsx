import { useId } from 'react';
import { formatDateTime } from '../../../../lib/format';
import { localized } from '../../../../lib/reference-data/service-types';
import { CHANNEL_LABELS } from '../../labels';
import type { ServiceRequestDetail, ServiceType } from '../../types';
import { DueIndicator, PriorityBadge, StatusBadge } from '../request-badges';
import { EditActions } from './edit-actions';

function answerText(type: ServiceType | undefined, code: string, value: unknown): string {
  const attribute = type?.attributes.find((candidate) => candidate.code === code);
  const valueName = (key: unknown) => {
    const match = attribute?.values?.find((option) => option.key === key);
    return match ? localized(match.name) : String(key);
  };
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(valueName).join(', ');
  if (attribute?.datatype === 'singlevaluelist') return valueName(value);
  if (attribute?.datatype === 'datetime' && typeof value === 'string') return formatDateTime(value) || value;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** The facts of the request: what, where, how urgent, by when. */
export function RequestOverview({
  request,
  serviceType,
  canEdit = false,
  onSaved = () => {},
}: {
  request: ServiceRequestDetail;
  serviceType: ServiceType | undefined;
  /** Staff roles correct the description, category and location here (recorded on the timeline). */
  canEdit?: boolean;
  onSaved?: (message: string) => void;
}) {
  const id = useId();
  const answers = Object.entries(request.attributes ?? {});
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{serviceType ? localized(serviceType.name) : request.serviceCode}</h2>
      <p className="request-description">{request.description}</p>
      <dl className="details-grid">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={request.status} />
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>
            <PriorityBadge priority={request.priority} />
          </dd>
        </div>
        <div>
          <dt>Resolution due</dt>
          <dd>
            {formatDateTime(request.resolutionDueAt)}
            <br />
            <DueIndicator request={request} />
          </dd>
        </div>
        <div>
          <dt>First response due</dt>
          <dd>
            {formatDateTime(request.firstResponseDueAt)}
            {request.firstRespondedAt ? (
              <span className="status-note">Responded {formatDateTime(request.firstRespondedAt)}</span>
            ) : request.firstResponseOverdue ? (
              <span className="status-note">
                <span aria-hidden="true">⚠ </span>No response yet, late
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Address</dt>
          <dd>{request.address ?? <span className="muted">Coordinates only</span>}</dd>
        </div>
        <div>
          <dt>Neighborhood</dt>
          <dd>
            {request.neighborhood ? (
              `${request.neighborhood.name} (${request.neighborhood.code})`
            ) : (
              <span className="muted">Outside every neighborhood</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>
            {request.assignee ? (
              `${request.assignee.name}${request.assignee.title ? `, ${request.assignee.title}` : ''}`
            ) : (
              <span className="muted">Unassigned</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Taken</dt>
          <dd>
            {formatDateTime(request.createdAt)} · {CHANNEL_LABELS[request.channel]}
          </dd>
        </div>
      </dl>
      {canEdit ? (
        <EditActions request={request} aspects={['description', 'category', 'location']} onSaved={onSaved} />
      ) : null}
      {answers.length > 0 ? (
        <>
          <h3>Answers</h3>
          <dl className="details-list">
            {answers.map(([code, value]) => {
              const attribute = serviceType?.attributes.find((candidate) => candidate.code === code);
              return (
                <div key={code}>
                  <dt>{attribute ? localized(attribute.description) : code}</dt>
                  <dd>{answerText(serviceType, code, value)}</dd>
                </div>
              );
            })}
          </dl>
        </>
      ) : null}
    </section>
  );
}
