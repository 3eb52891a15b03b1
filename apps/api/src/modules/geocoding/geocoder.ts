import type { GeocodeQuality } from '@nsp/contracts';
import type { LocatedNeighborhood, NeighborhoodLocator } from '../neighborhoods/neighborhood-locator.ts';
import {
  type AddressCandidate,
  type AddressIndex,
  addressKeyOf,
  type HundredBlock,
} from './address-index.ts';
import { type NormalizedAddress, normalizeAddress } from './address-normalizer.ts';
import { splitIntersection } from './intersections.ts';
import { type JurisdictionCheck, JurisdictionRules } from './jurisdiction.ts';
import { type PlaceIndex, type PlaceRecord, placeKeyOf, placeLabel } from './places-index.ts';
import { STATES } from './street-suffixes.ts';

export interface GeocodeMatch {
  address: string;
  lat: number;
  lon: number;
  quality: GeocodeQuality;
  precision?: 'exact' | 'interpolated' | 'street';
  correctedFrom?: string;
  place?: { id: string; name: string; kind: string };
  streets?: string[];
}

export interface GeocodeResult {
  match: GeocodeMatch | null;
  neighborhood: LocatedNeighborhood | null;
  candidates: AddressCandidate[];
  /** The normalised key that was looked up ('12 BURNSIDE AVE #3'), or null when unreadable. */
  normalized: string | null;
  reason?: string;
  jurisdiction: JurisdictionCheck;
}

export interface ReverseResult {
  address: { address: string; lat: number; lon: number; distanceMeters: number } | null;
  street: { name: string; distanceMeters: number } | null;
  hundredBlock: HundredBlock | null;
  neighborhood: LocatedNeighborhood | null;
  reason?: string;
}

const MAX_CANDIDATES = 5;
const roundMeters = (meters: number) => Math.round(meters * 10) / 10;

/**
 * The geocoder over one loaded snapshot of the department's data (address points, places,
 * jurisdiction names, neighborhoods). Pure and synchronous: the service swaps in a new snapshot when
 * the data changes. The order a text is read in:
 *  1. a town, ZIP or state that is not the jurisdiction's → outside, nothing matched;
 *  2. a place named exactly (name or alias), when no house number was typed → `place`;
 *  3. two streets joined by &, and, at, @ or / → `intersection`, where their centrelines meet;
 *  4. the address book → `exact`, `interpolated`, `street`, or `corrected` for a clear typo;
 *  5. a long place name one slip away → `place`;
 *  6. none, with the closest streets and places as candidates.
 */
export class Geocoder {
  constructor(
    readonly addresses: AddressIndex,
    readonly places: PlaceIndex,
    readonly jurisdiction: JurisdictionRules,
    readonly locator: NeighborhoodLocator,
  ) {}

  private normalize(text: string): NormalizedAddress | null {
    return normalizeAddress(text, { knownCities: this.jurisdiction.knownCities });
  }

  geocode(text: string): GeocodeResult {
    const normalized = this.normalize(text);
    const intersection = splitIntersection(text);
    const phrases = intersection?.map((phrase) => this.normalize(phrase)) ?? null;
    // An intersection's town and ZIP follow its second street.
    const stated = phrases?.[1] ?? normalized;
    const jurisdiction: JurisdictionCheck = stated
      ? this.jurisdiction.check(stated)
      : { status: this.jurisdiction.configured ? 'not_stated' : 'unchecked', town: null, zip: null };
    const key = normalized ? addressKeyOf(normalized) : null;
    const unmatched = (reason: string, candidates: AddressCandidate[] = []): GeocodeResult => ({
      match: null,
      neighborhood: null,
      candidates,
      normalized: key,
      reason,
      jurisdiction,
    });
    if (jurisdiction.status === 'outside') return unmatched(this.jurisdiction.outsideReason(jurisdiction));

    const numbered = normalized?.houseNumber != null;
    const placeTexts = numbered ? [] : this.placeTextsOf(text);
    const namedPlace = this.places.exact(placeTexts);
    if (namedPlace) return this.located(this.placeMatch(namedPlace), [], key, jurisdiction);

    let intersectionReason: string | null = null;
    if (phrases?.[0] && phrases[1]) {
      const found = this.intersection(phrases[0], phrases[1]);
      if (found.match) return this.located(found.match, [], key, jurisdiction);
      // Two known streets that do not meet: no guess from the rest of the address book.
      if (found.bothKnown) return unmatched(found.reason);
      intersectionReason = found.reason;
    }

    if (!normalized) {
      const slipped = this.places.oneSlipAway(placeTexts);
      if (slipped) return this.located(this.placeMatch(slipped), [], key, jurisdiction);
      return unmatched(intersectionReason ?? 'The text could not be read as a street address.');
    }
    const { match, candidates } = this.addresses.lookup(normalized);
    if (match) return this.located(match, candidates, key, jurisdiction);

    const slipped = this.places.oneSlipAway(placeTexts);
    if (slipped) return this.located(this.placeMatch(slipped), candidates, key, jurisdiction);
    const placeCandidates = numbered
      ? []
      : this.places.similar(text).map(({ place, score }) => ({
          address: placeLabel(place),
          lat: place.lat,
          lon: place.lon,
          score: Math.round(score * 1000) / 1000,
        }));
    const allCandidates = [...candidates, ...placeCandidates]
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_CANDIDATES);
    const reason =
      intersectionReason ??
      (this.addresses.pointCount === 0 && this.places.size === 0
        ? 'No address points are loaded.'
        : allCandidates.length > 0
          ? 'No address point or street matches; the candidates are the closest streets.'
          : 'No address point or street matches.');
    return unmatched(reason, allCandidates);
  }

  /** The nearest building, the street whose centreline is nearest, the hundred-block and neighborhood. */
  reverse(lat: number, lon: number): ReverseResult {
    const found = this.addresses.reverse(lat, lon);
    const neighborhood = this.locator.size > 0 ? this.locator.locate(lat, lon) : null;
    const reasons: string[] = [];
    if (!found) reasons.push('No address point is within 250 m.');
    if (!neighborhood)
      reasons.push(
        this.locator.size === 0
          ? 'No neighborhood boundaries are loaded.'
          : 'The point is outside every active neighborhood.',
      );
    return {
      address: found
        ? {
            address: found.address.address,
            lat: found.address.lat,
            lon: found.address.lon,
            distanceMeters: roundMeters(found.address.meters),
          }
        : null,
      street: found ? { name: found.street.name, distanceMeters: roundMeters(found.street.meters) } : null,
      hundredBlock: found?.hundredBlock ?? null,
      neighborhood,
      ...(reasons.length > 0 ? { reason: reasons.join(' ') } : {}),
    };
  }

  private located(
    match: GeocodeMatch,
    candidates: AddressCandidate[],
    normalized: string | null,
    jurisdiction: JurisdictionCheck,
  ): GeocodeResult {
    const neighborhood = this.locator.size > 0 ? this.locator.locate(match.lat, match.lon) : null;
    const reason =
      this.locator.size === 0
        ? 'No neighborhood boundaries are loaded.'
        : neighborhood
          ? undefined
          : 'The point is outside every active neighborhood.';
    return { match, neighborhood, candidates, normalized, ...(reason ? { reason } : {}), jurisdiction };
  }

  private placeMatch(place: PlaceRecord): GeocodeMatch {
    return {
      address: placeLabel(place),
      lat: place.lat,
      lon: place.lon,
      quality: 'place',
      place: { id: place.id, name: place.name, kind: place.kind },
    };
  }

  private intersection(
    first: NormalizedAddress,
    second: NormalizedAddress,
  ): { match: GeocodeMatch | null; reason: string; bothKnown: boolean } {
    const streets = [first, second].map((phrase) =>
      phrase.houseNumber === null && phrase.unit === null ? this.addresses.resolveStreet(phrase) : null,
    );
    const [a, b] = streets;
    if (!a || !b) {
      const unknown = [first, second].filter((_, i) => !streets[i]).map((p) => p.street);
      return {
        match: null,
        reason: `No street in the address data is called ${unknown.join(' or ')}.`,
        bothKnown: false,
      };
    }
    const points = this.addresses.meetingPoints(a.street, b.street);
    const meeting = points[0];
    if (!meeting) {
      return {
        match: null,
        reason: `${a.display} and ${b.display} do not meet in the address data.`,
        bothKnown: true,
      };
    }
    return {
      match: {
        address: `${a.display} & ${b.display}`,
        lat: meeting.lat,
        lon: meeting.lon,
        quality: 'intersection',
        streets: [a.display, b.display],
      },
      reason: '',
      bothKnown: true,
    };
  }

  /** The text as a place name might be in it: whole, before its first comma, without town/state/ZIP. */
  private placeTextsOf(text: string): string[] {
    const texts = [text];
    const comma = text.indexOf(',');
    if (comma > 0) texts.push(text.slice(0, comma));
    const words = placeKeyOf(text).split(' ');
    let changed = true;
    while (changed && words.length > 1) {
      changed = false;
      const last = words[words.length - 1]!;
      if (/^\d{5}(\d{4})?$/.test(last) || STATES.has(last)) {
        words.pop();
        changed = true;
        continue;
      }
      for (const city of this.jurisdiction.knownCities) {
        const cityWords = city.split(' ');
        if (cityWords.length < words.length && words.slice(-cityWords.length).join(' ') === city) {
          words.splice(words.length - cityWords.length);
          changed = true;
          break;
        }
      }
    }
    texts.push(words.join(' '));
    return texts;
  }
}

export { JurisdictionRules };
