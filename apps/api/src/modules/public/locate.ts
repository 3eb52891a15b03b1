import type { PublicLocate } from '@nsp/contracts';
import type { Geo } from '../geocoding/index.ts';
import type { Directory } from './public-directory.ts';
import { contactOf, neighborhoodRef, publicLocation } from './public-present.ts';
import type { Translator } from './text-store.ts';

export interface LocateContext {
  geo: Geo;
  directory: Directory;
  texts: Translator;
}

const MAX_CANDIDATES = 5;

/**
 * "Who is my lieutenant": the neighborhood of an address or point and its lieutenant's work contact.
 * Everything comes from memory (the geocoder's index and the directory). What the person typed is
 * never repeated: the answer names the hundred-block, and candidates are blocks, not addresses.
 */
export async function locatePublicly(
  { geo, directory, texts }: LocateContext,
  input: { address: string } | { lat: number; lon: number },
): Promise<PublicLocate> {
  const noBoundaries = directory.neighborhoods.every((neighborhood) => neighborhood.boundary === null);
  let quality: PublicLocate['quality'];
  let located: { id: string } | null;
  let block: ReturnType<Geo['generalise']>;
  let candidates: PublicLocate['candidates'] = [];
  let unreadable = false;
  if ('address' in input) {
    const geocoded = await geo.geocode(input.address);
    quality = geocoded.match?.quality ?? 'none';
    located = geocoded.neighborhood;
    unreadable = geocoded.normalized === null && geocoded.match === null;
    block = geocoded.match
      ? geo.generalise({ address: geocoded.match.address, lat: geocoded.match.lat, lon: geocoded.match.lon })
      : null;
    if (!geocoded.match) {
      const seen = new Set<string>();
      for (const candidate of geocoded.candidates) {
        const candidateBlock = geo.generalise(candidate);
        const location = publicLocation(candidateBlock, texts);
        if (!location || seen.has(location.label)) continue;
        seen.add(location.label);
        const where = geo.locatePoint(candidate.lat, candidate.lon).neighborhood;
        const neighborhood = where ? directory.byId.get(where.id) : undefined;
        candidates.push({
          label: location.label,
          neighborhood: neighborhood ? neighborhoodRef(neighborhood) : null,
        });
        if (candidates.length >= MAX_CANDIDATES) break;
      }
    }
  } else {
    quality = 'point';
    located = geo.locatePoint(input.lat, input.lon).neighborhood;
    block = geo.generalise({ lat: input.lat, lon: input.lon });
  }
  const neighborhood = located ? (directory.byId.get(located.id) ?? null) : null;
  const lieutenant = neighborhood?.lieutenant
    ? contactOf(neighborhood.lieutenant, 'lieutenant', texts)
    : null;
  const matched = quality !== 'none';
  const outcome: PublicLocate['outcome'] = !matched
    ? unreadable
      ? 'unreadable'
      : candidates.length > 0
        ? 'candidates'
        : 'not-found'
    : neighborhood
      ? lieutenant
        ? 'found'
        : 'no-lieutenant'
      : noBoundaries
        ? 'no-data'
        : 'outside';
  candidates = matched ? [] : candidates;
  return {
    outcome,
    message: texts.t(`locate.${outcome}`, { neighborhood: neighborhood?.name ?? '' }),
    quality,
    qualityName: texts.t(`quality.${quality}`),
    location: publicLocation(block, texts),
    neighborhood: neighborhood ? neighborhoodRef(neighborhood) : null,
    lieutenant,
    candidates,
  };
}
