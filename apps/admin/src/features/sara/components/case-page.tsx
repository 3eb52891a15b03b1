import type { SaraCase, SaraStage } from '@nsp/contracts';
import { type FormEvent, lazy, Suspense, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { TextAreaField, TextField } from '../../../components/form-fields';
import { PageHeader } from '../../../components/page-header';
import { LoadingState, ProblemAlert } from '../../../components/status-messages';
import { isApiProblem } from '../../../lib/api-problem';
import { useCan } from '../../../lib/auth/use-session';
import { formatDateTime } from '../../../lib/format';
import { WorkingFiles } from '../../attachments/components/attachments-panel';
import { useAddSaraNote, useChangeSaraStage, useSaraCase } from '../api/sara-cases';
import { describeArea } from '../area-shape';
import { PRIORITY_LABELS, STAGE_LABELS, STAGE_ORDER } from '../labels';
import { ActionsSection } from './actions-section';
import { EvidenceSection } from './evidence-section';
import { MeasuresSection } from './measures-section';
import { AnalysisForm, AssessmentForm, ResponsePlanForm, ScanningForm } from './stage-forms';

const SaraMap = lazy(() => import('./sara-map'));

export function SaraCasePage({ caseId }: { caseId: string }) {
  const query = useSaraCase(caseId);
  if (query.isPending) return <LoadingState label="Loading the case…" />;
  if (query.isError)
    return (
      <div className="page">
        <ProblemAlert
          error={query.error}
          title="The case could not be loaded"
          onRetry={() => void query.refetch()}
        />
      </div>
    );
  return <CaseDetail sara={query.data} />;
}

function CaseDetail({ sara }: { sara: SaraCase }) {
  const editable = sara.canManage && sara.stage !== 'closed';
  const canAttach = useCan('sara.evidence');
  const located = sara.requests.filter((request) => request.lat !== null && request.lon !== null);
  return (
    <div className="page page-wide">
      <PageHeader
        title={sara.title}
        description={
          <>
            {sara.neighborhood.name} · lead {sara.leadName ?? 'not chosen'} · {PRIORITY_LABELS[sara.priority]}{' '}
            priority · <Link to="/sara-cases">All cases</Link>
          </>
        }
      />
      <StageProgress stage={sara.stage} />
      <StagePanel sara={sara} />
      <div className="sara-layout">
        <div className="sara-main">
          <ScanningForm key={`scanning-${sara.id}`} sara={sara} editable={editable} />
          <EvidenceSection sara={sara} />
          <WorkingFiles owner={{ segment: 'sara-cases', id: sara.id }} canWrite={canAttach} />
          <AnalysisForm key={`analysis-${sara.id}`} sara={sara} editable={editable} />
          <ResponsePlanForm key={`response-${sara.id}`} sara={sara} editable={editable} />
          <ActionsSection sara={sara} editable={editable} />
          <AssessmentForm key={`assessment-${sara.id}`} sara={sara} editable={sara.canManage} />
          <MeasuresSection sara={sara} />
        </div>
        <aside className="sara-side">
          <section className="card" aria-label="Case area and requests on the map">
            <h2>Map</h2>
            <p className="muted">
              {describeArea(sara.location)}; {located.length} of {sara.requests.length} linked requests have a
              location.
            </p>
            <Suspense fallback={<LoadingState label="Loading the map…" />}>
              <SaraMap
                label="Case map"
                areas={
                  sara.location ? [{ id: sara.id, area: sara.location, name: 'Case area', code: 'SARA' }] : []
                }
                points={located.map((request) => ({
                  id: request.id,
                  lat: request.lat as number,
                  lon: request.lon as number,
                  title: `${request.trackingNumber} (${request.serviceCode})`,
                  lines: [request.address ?? '', formatDateTime(request.createdAt)].filter(Boolean),
                }))}
              />
            </Suspense>
          </section>
          <Timeline sara={sara} />
        </aside>
      </div>
    </div>
  );
}

function StageProgress({ stage }: { stage: SaraStage }) {
  const current = STAGE_ORDER.indexOf(stage);
  return (
    <nav aria-label="SARA stages" className="sara-steps">
      <ol>
        {STAGE_ORDER.map((item, index) => (
          <li
            key={item}
            aria-current={item === stage ? 'step' : undefined}
            className={
              index < current ? 'sara-step-done' : index === current ? 'sara-step-current' : undefined
            }
          >
            {STAGE_LABELS[item]}
            {index < current ? <span className="visually-hidden"> (done)</span> : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The gate to the next stage as a live checklist, the move forward, and a return with a reason. */
function StagePanel({ sara }: { sara: SaraCase }) {
  const id = useId();
  const move = useChangeSaraStage(sara.id);
  const [reason, setReason] = useState('');
  const [returning, setReturning] = useState(false);
  const previous = STAGE_ORDER[STAGE_ORDER.indexOf(sara.stage) - 1] ?? null;
  const ready = sara.gate.every((item) => item.met);
  const back = (event: FormEvent) => {
    event.preventDefault();
    if (!previous) return;
    move.mutate(
      { to: previous, reason },
      {
        onSuccess: () => {
          setReason('');
          setReturning(false);
        },
      },
    );
  };
  const refusal = isApiProblem(move.error) && move.error.status === 409 ? move.error : null;
  return (
    <section className="card sara-gate" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        Stage: {STAGE_LABELS[sara.stage]}
        {sara.nextStage ? ` — to move to ${STAGE_LABELS[sara.nextStage]}` : ''}
      </h2>
      {sara.nextStage ? (
        <ul className="plain-list sara-checklist" aria-label={`What ${STAGE_LABELS[sara.nextStage]} needs`}>
          {sara.gate.map((item) => (
            <li key={item.path} className={item.met ? 'sara-check-met' : 'sara-check-missing'}>
              <span aria-hidden="true">{item.met ? '✓' : '✗'}</span> {item.met ? 'Done: ' : 'Missing: '}
              {item.message}
            </li>
          ))}
        </ul>
      ) : (
        <p>The case is closed.</p>
      )}
      {refusal ? (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">The case did not move</p>
          <p>{refusal.userMessage}</p>
        </div>
      ) : move.isError ? (
        <ProblemAlert error={move.error} title="The case did not move" />
      ) : null}
      {sara.canManage ? (
        <div className="button-row">
          {sara.nextStage ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => move.mutate({ to: sara.nextStage as SaraStage })}
              disabled={move.isPending}
              aria-describedby={ready ? undefined : `${id}-not-ready`}
            >
              Move to {STAGE_LABELS[sara.nextStage]}
            </button>
          ) : null}
          {previous && !returning ? (
            <button type="button" className="button" onClick={() => setReturning(true)}>
              Return to {STAGE_LABELS[previous]}…
            </button>
          ) : null}
          {!ready && sara.nextStage ? (
            <p id={`${id}-not-ready`} className="muted">
              Some items are still missing; moving will list them.
            </p>
          ) : null}
        </div>
      ) : null}
      {returning && previous ? (
        <form className="form" onSubmit={back} noValidate>
          <TextField
            name="reason"
            label={`Why return to ${STAGE_LABELS[previous]}?`}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={
              isApiProblem(move.error)
                ? move.error.errors.find((item) => item.path === 'reason')?.message
                : undefined
            }
          />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={move.isPending}>
              Return to {STAGE_LABELS[previous]}
            </button>
            <button type="button" className="button" onClick={() => setReturning(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

const EVENT_TEXT: Record<string, string> = {
  created: 'opened the case',
  updated: 'edited the case',
  request_linked: 'linked a request',
  request_unlinked: 'unlinked a request',
  action_added: 'added a response action',
  action_updated: 'changed a response action',
  measure_added: 'added a measure',
  note: 'added a note',
};

function Timeline({ sara }: { sara: SaraCase }) {
  const id = useId();
  const canNote = useCan('sara.evidence');
  const note = useAddSaraNote(sara.id);
  const [body, setBody] = useState('');
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Timeline</h2>
      {canNote ? (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            note.mutate(body, { onSuccess: () => setBody('') });
          }}
        >
          <TextAreaField
            name="note"
            label="Add a note"
            rows={2}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
          />
          {note.isError ? <ProblemAlert error={note.error} title="The note was not added" /> : null}
          <button type="submit" className="button" disabled={note.isPending}>
            Add note
          </button>
        </form>
      ) : null}
      <ol className="plain-list sara-timeline">
        {sara.history.map((event) => (
          <li key={event.id}>
            <p>
              <strong>{event.actorName ?? 'NSP'}</strong>{' '}
              {event.kind === 'stage_changed'
                ? `moved the case from ${STAGE_LABELS[event.fromStage ?? 'scanning']} to ${STAGE_LABELS[event.toStage ?? 'scanning']}`
                : (EVENT_TEXT[event.kind] ?? event.kind)}
              {event.reason ? `: “${event.reason}”` : ''}
            </p>
            {event.kind === 'note' ? (
              <p>{String((event.detail as { body?: string } | null)?.body ?? '')}</p>
            ) : null}
            <p className="muted">{formatDateTime(event.occurredAt)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
