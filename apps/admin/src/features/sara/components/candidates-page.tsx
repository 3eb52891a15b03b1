import type { SaraCandidate } from '@nsp/contracts';
import { type FormEvent, lazy, Suspense, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Dialog } from '../../../components/dialog';
import { TextAreaField } from '../../../components/form-fields';
import { NeighborhoodFilter } from '../../../components/neighborhood-filter';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useCan } from '../../../lib/auth/use-session';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useNeighborhoodList } from '../../../lib/reference-data/neighborhoods';
import { useDismissSaraCandidate, useSaraCandidates, useScanSaraCandidates } from '../api/sara-cases';
import { describeArea } from '../area-shape';
import { CANDIDATE_KIND_LABELS } from '../labels';
import { fieldErrorOf } from './use-field-errors';

const SaraMap = lazy(() => import('./sara-map'));

function whyText(candidate: SaraCandidate): string {
  const detail = candidate.detail as Record<string, number | string>;
  if (candidate.kind === 'spike')
    return `${detail.recent} requests in the last ${detail.recentDays} days against about ${detail.expected} expected from the ${detail.baselineDays} days before (p = ${Number(detail.pValue).toExponential(1)}).`;
  if (candidate.kind === 'cluster')
    return `${detail.requests} requests where about ${detail.expectedAtBackgroundDensity} would be expected at the category's usual density.`;
  return `${detail.requests} requests at one place in ${detail.windowDays} days (threshold ${detail.threshold}).`;
}

/** Candidate problems NSP found in its own requests, with their map; start a case or dismiss. */
export function CandidatesPage() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const neighborhoodId = params.get('neighborhoodId');
  const candidates = useSaraCandidates({ neighborhoodId });
  const neighborhoods = useNeighborhoodList();
  const scan = useScanSaraCandidates();
  const canScan = useCan('sara.measure');
  const canManage = useCan('sara.manage');
  const [selected, setSelected] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState<SaraCandidate | null>(null);
  const items = candidates.data?.items ?? [];
  return (
    <div className="page page-wide">
      <PageHeader
        title="Candidate problems"
        description="Repeat places, clusters and spikes NSP found in the last 90 days of requests. Start a case from one, or dismiss it with a reason."
        actions={
          <>
            <Link className="button" to="/sara-cases">
              SARA board
            </Link>
            {canScan ? (
              <button
                type="button"
                className="button button-primary"
                onClick={() => scan.mutate()}
                disabled={scan.isPending}
              >
                {scan.isPending ? 'Scanning…' : 'Scan now'}
              </button>
            ) : null}
          </>
        }
      />
      <p role="status" className="muted">
        {scan.data
          ? `Scanned ${formatNumber(scan.data.scannedRequests)} requests in ${(scan.data.durationMs / 1000).toFixed(1)} s.`
          : candidates.data?.computedAt
            ? `Last scan ${formatDateTime(candidates.data.computedAt)}; scans also run every night.`
            : candidates.data
              ? 'No scan has run yet.'
              : ''}
      </p>
      {scan.isError ? <ProblemAlert error={scan.error} title="The scan failed" /> : null}
      <div className="filter-row">
        <NeighborhoodFilter
          id={`${id}-neighborhood`}
          neighborhoods={neighborhoods.data ?? []}
          value={neighborhoodId}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            if (value) next.set('neighborhoodId', value);
            else next.delete('neighborhoodId');
            setParams(next, { replace: true });
          }}
        />
      </div>
      {candidates.isPending ? (
        <LoadingState label="Loading candidate problems…" />
      ) : candidates.isError ? (
        <ProblemAlert
          error={candidates.error}
          title="The candidates could not be loaded"
          onRetry={() => void candidates.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState>No candidate problems.</EmptyState>
      ) : (
        <div className="sara-layout">
          <ol
            className="plain-list sara-main sara-candidates"
            aria-label="Candidate problems, best score first"
          >
            {items.map((candidate, index) => (
              <li key={candidate.key} className={`card${selected === candidate.key ? ' sara-selected' : ''}`}>
                <h2 className="sara-card-title">
                  {index + 1}. {candidate.title}
                </h2>
                <p>
                  <span className="badge badge-info">{CANDIDATE_KIND_LABELS[candidate.kind]}</span>{' '}
                  {candidate.neighborhoodName ?? 'No neighborhood'} · score {candidate.score.toFixed(1)} ·{' '}
                  {candidate.periodFrom.slice(0, 10)} to {candidate.periodTo.slice(0, 10)}
                </p>
                <p className="muted">{whyText(candidate)}</p>
                <p className="muted">{describeArea(candidate.area)}</p>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setSelected(candidate.key)}
                  >
                    Show {index + 1} on the map
                  </button>
                  {canManage ? (
                    <>
                      <Link
                        className="button button-small button-primary"
                        to={`/sara-cases/new?candidate=${encodeURIComponent(candidate.key)}`}
                      >
                        Start a case from {index + 1}
                      </Link>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setDismissing(candidate)}
                      >
                        Dismiss {index + 1}
                      </button>
                    </>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
          <aside className="sara-side">
            <Suspense fallback={<LoadingState label="Loading the map…" />}>
              <SaraMap
                label="Candidate problems map"
                areas={items.map((candidate, index) => ({
                  id: candidate.key,
                  area: candidate.area,
                  name: candidate.title,
                  code: String(index + 1),
                }))}
                selectedId={selected}
                onSelect={setSelected}
              />
            </Suspense>
          </aside>
        </div>
      )}
      {dismissing ? <DismissDialog candidate={dismissing} onClose={() => setDismissing(null)} /> : null}
    </div>
  );
}

function DismissDialog({ candidate, onClose }: { candidate: SaraCandidate; onClose: () => void }) {
  const dismiss = useDismissSaraCandidate();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    dismiss.mutate({ key: candidate.key, reason }, { onSuccess: onClose });
  };
  return (
    <Dialog open title="Dismiss a candidate problem" onClose={onClose} description={candidate.title}>
      <form className="form" onSubmit={submit} noValidate>
        <TextAreaField
          name="reason"
          label="Reason"
          hint="It stays dismissed unless it grows."
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={fieldErrorOf(dismiss.error, 'reason')}
        />
        {dismiss.isError && !fieldErrorOf(dismiss.error, 'reason') ? (
          <ProblemAlert error={dismiss.error} title="Not dismissed" />
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={dismiss.isPending}>
            Dismiss
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
