import { Link } from 'react-router-dom';
import { useCan } from '../../../../lib/auth/use-session';
import { useRequestSaraCases } from '../../api/get-request-sara-cases';

const STAGE_NAMES = {
  scanning: 'Scanning',
  analysis: 'Analysis',
  response: 'Response',
  assessment: 'Assessment',
  closed: 'Closed',
} as const;

/** Which SARA cases this request is evidence for (the case page shows the other side). */
export function RequestSaraCases({ requestId }: { requestId: string }) {
  const cases = useRequestSaraCases(requestId);
  const canOpen = useCan('sara.manage');
  return (
    <section className="card" aria-labelledby="sara-cases-heading">
      <h2 id="sara-cases-heading">SARA cases</h2>
      {cases.isPending ? (
        <p className="muted">Loading…</p>
      ) : cases.isError ? (
        <p className="muted">The cases could not be loaded.</p>
      ) : cases.data.length === 0 ? (
        <p className="muted">Not evidence in any case.</p>
      ) : (
        <ul className="plain-list">
          {cases.data.map((item) => (
            <li key={item.id}>
              <Link to={`/sara-cases/${item.id}`}>{item.title}</Link>{' '}
              <span className="badge badge-muted">{STAGE_NAMES[item.stage]}</span>
            </li>
          ))}
        </ul>
      )}
      {canOpen ? (
        <p>
          <Link to={`/sara-cases/new?requestIds=${encodeURIComponent(requestId)}`}>
            Start a SARA case with this request
          </Link>
        </p>
      ) : null}
    </section>
  );
}
