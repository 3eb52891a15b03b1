import type { GeocodeQuality } from '@nsp/contracts';
import { formatAddress, type NormalizedAddress, normalizeAddress } from './address-normalizer.ts';
import { trigramSimilarity, trigramsOf } from './trigram.ts';

/** One stored address point, as the index loads it. */
export interface AddressPointRecord {
  addressKey: string;
  address: string;
  street: string;
  houseNumberValue: number | null;
  lat: number;
  lon: number;
}

export interface AddressMatch {
  address: string;
  lat: number;
  lon: number;
  quality: Exclude<GeocodeQuality, 'none'>;
}

/** A location generalised to its hundred-block: what the public and open data may see of an address. */
export interface HundredBlock {
  /** '700 block of Main St' (or the street alone when it has no numbers there). */
  label: string;
  street: string;
  block: number | null;
  /** A point standing for the whole block (the mean of its address points), never one address's point. */
  lat: number;
  lon: number;
}

export interface AddressCandidate {
  address: string;
  lat: number;
  lon: number;
  score: number;
}

interface NumberedPoint {
  value: number;
  lat: number;
  lon: number;
}

interface IndexedStreet {
  street: string;
  /** 'N Main St', for addresses built on this street. */
  display: string;
  numbered: NumberedPoint[];
  even: NumberedPoint[];
  odd: NumberedPoint[];
  /** Where a geocode that knows only the street lands: the middle address point. */
  middle: { lat: number; lon: number };
  trigrams: Set<string>;
}

/** pg_trgm's default threshold: below it two names have little in common. */
const MIN_CANDIDATE_SCORE = 0.3;
const MAX_CANDIDATES = 5;

/**
 * The unique key of an address point: the normaliser's key, plus the unit when there is one, so the
 * apartments of a building can be separate points. 'Apt 3', 'Unit 3' and '#3' are one unit.
 */
export function addressKeyOf(address: NormalizedAddress): string {
  return address.key + unitSuffixOf(address);
}

function unitSuffixOf(address: NormalizedAddress): string {
  return address.unit ? ` #${address.unit.id ?? address.unit.type}` : '';
}

/** The building's key for a unit's key ('12 MAIN ST #3' → '12 MAIN ST'). */
function buildingKeyOf(addressKey: string): string {
  const unitAt = addressKey.lastIndexOf(' #');
  return unitAt === -1 ? addressKey : addressKey.slice(0, unitAt);
}

/** The street without its suffix, to recognise '740 Main' as '740 Main St' when only one street fits. */
function bareStreetOf(address: Pick<NormalizedAddress, 'preDirectional' | 'streetName' | 'postDirectional'>) {
  return [address.preDirectional, address.streetName, address.postDirectional].filter(Boolean).join(' ');
}

const roundScore = (score: number) => Math.round(score * 1000) / 1000;

/**
 * The department's address points in memory: exact keys, and per street the numbered points sorted
 * by house number (per side, odd and even) for interpolation, and trigrams for misspelt names.
 */
export class AddressIndex {
  private readonly byKey = new Map<string, { address: string; lat: number; lon: number }>();
  private readonly streets = new Map<string, IndexedStreet>();
  private readonly byBareStreet = new Map<string, IndexedStreet[]>();
  private readonly recordCount: number;

  static readonly empty = new AddressIndex([]);

  constructor(records: readonly AddressPointRecord[]) {
    this.recordCount = records.length;
    const sampleAddress = new Map<string, string>();
    const numbersByStreet = new Map<string, NumberedPoint[]>();
    const anyPointByStreet = new Map<string, { lat: number; lon: number }>();
    for (const record of records) {
      const point = { address: record.address, lat: record.lat, lon: record.lon };
      this.byKey.set(record.addressKey, point);
      const buildingKey = buildingKeyOf(record.addressKey);
      // A unit stands for its building only when the building itself has no point.
      if (buildingKey !== record.addressKey && !this.byKey.has(buildingKey))
        this.byKey.set(buildingKey, point);
      if (!sampleAddress.has(record.street)) sampleAddress.set(record.street, record.address);
      if (!anyPointByStreet.has(record.street)) anyPointByStreet.set(record.street, point);
      if (record.houseNumberValue !== null) {
        const list = numbersByStreet.get(record.street) ?? [];
        list.push({ value: record.houseNumberValue, lat: record.lat, lon: record.lon });
        numbersByStreet.set(record.street, list);
      }
    }
    for (const [street, sample] of sampleAddress) {
      const numbered = (numbersByStreet.get(street) ?? []).sort((a, b) => a.value - b.value);
      const parsed = normalizeAddress(sample);
      const display =
        parsed && parsed.street === street
          ? formatAddress({
              ...parsed,
              houseNumber: null,
              unit: null,
              city: null,
              state: null,
              zip: null,
              zip4: null,
            })
          : street;
      const middle = numbered[Math.floor(numbered.length / 2)] ?? anyPointByStreet.get(street)!;
      const indexed: IndexedStreet = {
        street,
        display,
        numbered,
        even: numbered.filter((p) => Math.floor(p.value) % 2 === 0),
        odd: numbered.filter((p) => Math.floor(p.value) % 2 !== 0),
        middle: { lat: middle.lat, lon: middle.lon },
        trigrams: trigramsOf(street),
      };
      this.streets.set(street, indexed);
      if (parsed && parsed.street === street) {
        const bare = bareStreetOf(parsed);
        this.byBareStreet.set(bare, [...(this.byBareStreet.get(bare) ?? []), indexed]);
      }
    }
  }

  get pointCount(): number {
    return this.recordCount;
  }

  get streetCount(): number {
    return this.streets.size;
  }

  lookup(address: NormalizedAddress): { match: AddressMatch | null; candidates: AddressCandidate[] } {
    const exact = this.exactOn(address.key, address);
    if (exact) return { match: { ...exact, quality: 'exact' }, candidates: [] };

    let street = this.streets.get(address.street);
    if (!street && address.streetSuffix === null) {
      // '740 Main': the suffix was left out and only one street has that name.
      const sameName = this.byBareStreet.get(bareStreetOf(address)) ?? [];
      if (sameName.length === 1) {
        street = sameName[0]!;
        const onThatStreet =
          address.houseNumber === null
            ? undefined
            : this.exactOn(`${address.houseNumber} ${street.street}`, address);
        if (onThatStreet) return { match: { ...onThatStreet, quality: 'exact' }, candidates: [] };
      }
    }
    if (street) return { match: this.pointOnStreet(street, address), candidates: [] };
    // '31 School St E Hartford': without a comma the 'E' of the town reads as a post-directional.
    // When no street has that directional, try the street without it.
    if (address.postDirectional !== null && address.city !== null) {
      const retry = this.lookup(withoutPostDirectional(address));
      if (retry.match) return retry;
    }
    return { match: null, candidates: this.similarStreets(address) };
  }

  /** The point of this unit, or of its building when the unit has no point of its own. */
  private exactOn(buildingKey: string, address: NormalizedAddress) {
    return (
      (address.unit ? this.byKey.get(buildingKey + unitSuffixOf(address)) : undefined) ??
      this.byKey.get(buildingKey)
    );
  }

  /** Interpolated between the numbers on either side (same side of the street first), else the street. */
  private pointOnStreet(street: IndexedStreet, address: NormalizedAddress): AddressMatch {
    const value = address.houseNumberValue;
    if (value === null || address.houseNumber === null || street.numbered.length === 0) {
      return { address: street.display, ...street.middle, quality: 'street' };
    }
    const sameSide = Math.floor(value) % 2 === 0 ? street.even : street.odd;
    const between = interpolate(sameSide, value) ?? interpolate(street.numbered, value);
    if (between)
      return { address: `${address.houseNumber} ${street.display}`, ...between, quality: 'interpolated' };
    // Beyond the known numbers: the nearest end of the street is the best guess, and only a street match.
    const nearest = nearestByNumber(sameSide.length > 0 ? sameSide : street.numbered, value);
    return { address: street.display, lat: nearest.lat, lon: nearest.lon, quality: 'street' };
  }

  /**
   * The hundred-block of an address on a known street: '743 Main St' → '700 block of Main St', at
   * the mean of the block's address points (both sides), so the point is the block's and not the
   * house's. Null when the street is unknown.
   */
  hundredBlock(address: NormalizedAddress): HundredBlock | null {
    const street = this.streets.get(address.street) ?? this.onlyStreetNamed(address);
    if (!street) return null;
    return blockOf(street, address.houseNumberValue);
  }

  /**
   * The hundred-block of the address point nearest to a point, within `maxMetres`. A linear scan:
   * fast enough for one request's generalisation; bulk callers should generalise by address.
   */
  hundredBlockNear(lat: number, lon: number, maxMetres = 250): HundredBlock | null {
    let best: { street: IndexedStreet; value: number; metres: number } | null = null;
    const cosLat = Math.cos((lat * Math.PI) / 180);
    for (const street of this.streets.values()) {
      for (const point of street.numbered) {
        const dy = (point.lat - lat) * 111_320;
        const dx = (point.lon - lon) * 111_320 * cosLat;
        const metres = Math.sqrt(dx * dx + dy * dy);
        if (metres <= maxMetres && (!best || metres < best.metres))
          best = { street, value: point.value, metres };
      }
    }
    return best ? blockOf(best.street, best.value) : null;
  }

  private onlyStreetNamed(address: NormalizedAddress): IndexedStreet | undefined {
    if (address.streetSuffix !== null) return undefined;
    const sameName = this.byBareStreet.get(bareStreetOf(address)) ?? [];
    return sameName.length === 1 ? sameName[0] : undefined;
  }

  private similarStreets(address: NormalizedAddress): AddressCandidate[] {
    const wanted = trigramsOf(address.street);
    const scored: Array<{ street: IndexedStreet; score: number }> = [];
    for (const street of this.streets.values()) {
      const score = trigramSimilarity(wanted, street.trigrams);
      if (score >= MIN_CANDIDATE_SCORE) scored.push({ street, score });
    }
    scored.sort((a, b) => b.score - a.score || (a.street.street < b.street.street ? -1 : 1));
    return scored.slice(0, MAX_CANDIDATES).map(({ street, score }) => {
      const point =
        this.byKey.get(`${address.houseNumber} ${street.street}`) ?? this.pointOnStreet(street, address);
      return { address: point.address, lat: point.lat, lon: point.lon, score: roundScore(score) };
    });
  }
}

function blockOf(street: IndexedStreet, houseNumber: number | null): HundredBlock {
  if (houseNumber === null)
    return { label: street.display, street: street.display, block: null, ...street.middle };
  const block = Math.floor(houseNumber / 100) * 100;
  const inBlock = street.numbered.filter((point) => point.value >= block && point.value < block + 100);
  const point =
    inBlock.length > 0
      ? {
          lat: inBlock.reduce((sum, p) => sum + p.lat, 0) / inBlock.length,
          lon: inBlock.reduce((sum, p) => sum + p.lon, 0) / inBlock.length,
        }
      : (interpolate(street.numbered, block + 50) ?? street.middle);
  return {
    label: `${block} block of ${street.display}`,
    street: street.display,
    block,
    lat: point.lat,
    lon: point.lon,
  };
}

function withoutPostDirectional(address: NormalizedAddress): NormalizedAddress {
  const street = [address.preDirectional, address.streetName, address.streetSuffix].filter(Boolean).join(' ');
  return {
    ...address,
    postDirectional: null,
    street,
    key: address.houseNumber === null ? street : `${address.houseNumber} ${street}`,
    city: `${address.postDirectional} ${address.city}`,
  };
}

/** The point between the two numbers around `value` on a sorted list, or the point with that number. */
function interpolate(points: readonly NumberedPoint[], value: number): { lat: number; lon: number } | null {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (points[mid]!.value < value) low = mid + 1;
    else high = mid;
  }
  const above = points[low];
  if (above && above.value === value) return { lat: above.lat, lon: above.lon };
  const below = points[low - 1];
  if (!above || !below) return null;
  const t = (value - below.value) / (above.value - below.value);
  return { lat: below.lat + t * (above.lat - below.lat), lon: below.lon + t * (above.lon - below.lon) };
}

function nearestByNumber(points: readonly NumberedPoint[], value: number): NumberedPoint {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return Math.abs(first.value - value) <= Math.abs(last.value - value) ? first : last;
}
