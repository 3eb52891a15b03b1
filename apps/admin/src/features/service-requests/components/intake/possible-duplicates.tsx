import { usePossibleDuplicates } from '../../api/get-possible-duplicates';
import { STATUS_LABELS } from '../../labels';

/**
 * While the clerk types: open requests of the same category within 100 m from the last 14 days, so a
 * second call about the same problem is noticed before it is saved as a new request.
 */
export function DuplicatesBeforeSaving({
  serviceCode,
  point,
}: {
  serviceCode: string;
  point: { lat: number; lon: number } | null;
}) {
  const probe = serviceCode && point ? { serviceCode, lat: point.lat, lon: point.lon } : null;
  const duplicates = usePossibleDuplicates(probe);
  const items = probe ? (duplicates.data?.items ?? []) : [];
  return (
    <div aria-live="polite">
      {items.length > 0 ? (
        <div className="notice alert-warning possible-duplicates">
          <p className="alert-title">
            {items.length === 1 ? 'An open request' : `${items.length} open requests`} of this category nearby
            may be the same problem:
          </p>
          <ul className="plain-list">
            {items.map((item) => (
              <li key={item.id}>
                <a href={`/service-requests/${encodeURIComponent(item.id)}`} target="_blank" rel="noopener">
                  {item.trackingNumber}
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>{' '}
                ({Math.round(item.distanceMeters)} m, {STATUS_LABELS[item.status]}): {item.description}
              </li>
            ))}
          </ul>
          <p className="field-hint">
            If it is, there is no need to take it again: add a note to that request.
          </p>
        </div>
      ) : null}
    </div>
  );
}
