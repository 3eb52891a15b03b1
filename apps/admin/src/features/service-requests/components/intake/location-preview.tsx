import type { GeocodeQuality } from '@nsp/contracts';
import { useEffect, useState } from 'react';
import { TextField } from '../../../../components/form-fields';
import { useNeighborhoodList } from '../../../../lib/reference-data/neighborhoods';
import { type GeocodeResult, useGeocode, useLocatePoint } from '../../api/geocode-address';

/** Every quality the geocoder answers (contracts), so a new one cannot go unlabelled. */
const QUALITY_TEXT: Record<GeocodeQuality, string> = {
  exact: 'Exact match',
  interpolated: 'Approximate: placed between the known house numbers',
  corrected: 'Spelling corrected: check the street',
  intersection: 'Intersection: where the two streets meet',
  place: 'Named place',
  street: 'Approximate: only the street is known',
  none: 'No match',
};

/** Certain answers get a check mark; the rest the "about" sign. */
const CERTAIN_QUALITIES: ReadonlySet<GeocodeQuality> = new Set(['exact', 'place', 'intersection']);

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

function NeighborhoodLine({
  neighborhood,
}: {
  neighborhood: { id: string; name: string; code: string } | null;
}) {
  const neighborhoodsQuery = useNeighborhoodList();
  if (!neighborhood) {
    return (
      <p className="location-neighborhood is-missing">
        <span aria-hidden="true">⚠ </span>Neighborhood: <strong>none</strong> (the point is outside every
        neighborhood)
      </p>
    );
  }
  const lieutenant = neighborhoodsQuery.data?.find(
    (candidate) => candidate.id === neighborhood.id,
  )?.lieutenant;
  return (
    <p className="location-neighborhood">
      Neighborhood:{' '}
      <strong>
        {neighborhood.name} ({neighborhood.code})
      </strong>
      {lieutenant ? ` · Lieutenant ${lieutenant.name}` : ' · no coordination lieutenant now'}
    </p>
  );
}

/**
 * The address as staff type it, looked up as they pause: the match, how good it is and, before
 * saving, the neighborhood (and lieutenant) it belongs to. Candidates are offered as buttons.
 */
export function AddressLookup({
  value,
  onChange,
  error,
  extraCandidates = [],
  inputId = 'address-input',
  autoFocus = false,
  hint = 'As the caller says it, e.g. “12 burnside av apt 3”. The neighborhood is shown before you save.',
  onResult,
}: {
  value: string;
  onChange: (address: string) => void;
  error: string | undefined;
  /** Candidates from a refused save (the API's 400 names them). */
  extraCandidates?: readonly { address: string }[];
  inputId?: string;
  autoFocus?: boolean;
  hint?: string;
  /** The current lookup's answer (the match's point drives the map pin and duplicate suggestions). */
  onResult?: (result: GeocodeResult | undefined) => void;
}) {
  const debounced = useDebounced(value, 350);
  const geocode = useGeocode(debounced);
  const result: GeocodeResult | undefined = debounced.trim().length >= 3 ? geocode.data : undefined;
  const candidates = [
    ...(result?.candidates ?? []),
    ...extraCandidates.filter(
      (extra) => !result?.candidates.some((candidate) => candidate.address === extra.address),
    ),
  ]
    .filter((candidate) => candidate.address !== result?.match?.address || result?.match?.quality !== 'exact')
    .slice(0, 6);
  const stillTyping = value !== debounced || geocode.isFetching;
  const settled = stillTyping ? undefined : result;
  useEffect(() => onResult?.(settled), [settled, onResult]);

  return (
    <div className="address-lookup">
      <TextField
        id={inputId}
        name="address"
        label="Address"
        value={value}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        hint={hint}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
      />
      <div
        className={`location-result${stillTyping ? ' is-stale' : ''}`}
        aria-live="polite"
        aria-busy={stillTyping && value.trim().length >= 3 ? true : undefined}
      >
        {debounced.trim().length < 3 ? null : geocode.isError ? (
          <p className="muted">The address could not be checked now; it will be checked when you save.</p>
        ) : result ? (
          <>
            {result.match ? (
              <p className={`location-match quality-${result.match.quality}`}>
                <span aria-hidden="true">{CERTAIN_QUALITIES.has(result.match.quality) ? '✓ ' : '≈ '}</span>
                {QUALITY_TEXT[result.match.quality] ?? result.match.quality}:{' '}
                <strong>{result.match.address}</strong>
              </p>
            ) : (
              <p className="location-match quality-none">
                <span aria-hidden="true">✗ </span>
                {result.reason ?? 'No address matches what was typed.'}
              </p>
            )}
            {result.match ? <NeighborhoodLine neighborhood={result.neighborhood} /> : null}
          </>
        ) : null}
      </div>
      {candidates.length > 0 ? (
        <div className="address-candidates">
          <p id={`${inputId}-candidates-label`} className="field-hint">
            {result?.match ? 'Other addresses like it:' : 'Did you mean:'}
          </p>
          <ul aria-labelledby={`${inputId}-candidates-label`}>
            {candidates.map((candidate) => (
              <li key={candidate.address}>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    onChange(candidate.address);
                    // The button goes away with the new lookup: back to the address, where the answer is read out.
                    document.getElementById(inputId)?.focus();
                  }}
                >
                  Use {candidate.address}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function CoordinatesLookup({
  lat,
  lon,
  onChange,
  errorFor,
}: {
  lat: string;
  lon: string;
  onChange: (next: { lat: string; lon: string }) => void;
  errorFor: (field: 'lat' | 'lon') => string | undefined;
}) {
  const debouncedLat = useDebounced(lat, 350);
  const debouncedLon = useDebounced(lon, 350);
  const latNumber = debouncedLat.trim() === '' ? null : Number(debouncedLat);
  const lonNumber = debouncedLon.trim() === '' ? null : Number(debouncedLon);
  const locate = useLocatePoint(
    latNumber !== null && Number.isFinite(latNumber) ? latNumber : null,
    lonNumber !== null && Number.isFinite(lonNumber) ? lonNumber : null,
  );
  return (
    <div className="coordinates-lookup">
      <div className="field-pair">
        <TextField
          name="lat"
          label="Latitude"
          inputMode="decimal"
          value={lat}
          hint="e.g. 41.7637"
          onChange={(event) => onChange({ lat: event.currentTarget.value, lon })}
          error={errorFor('lat')}
        />
        <TextField
          name="lon"
          label="Longitude"
          inputMode="decimal"
          value={lon}
          hint="e.g. -72.6120"
          onChange={(event) => onChange({ lat, lon: event.currentTarget.value })}
          error={errorFor('lon')}
        />
      </div>
      <div className="location-result" aria-live="polite">
        {locate.data ? <NeighborhoodLine neighborhood={locate.data.neighborhood} /> : null}
        {locate.data?.reason && !locate.data.neighborhood ? (
          <p className="muted">{locate.data.reason}</p>
        ) : null}
      </div>
    </div>
  );
}
