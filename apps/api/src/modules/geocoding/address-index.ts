import type { GeocodeQuality } from '@nsp/contracts';
import { formatAddress, type NormalizedAddress, normalizeAddress } from './address-normalizer.ts';
import { FuzzyNames } from './fuzzy-names.ts';
import { SpatialGrid } from './spatial-grid.ts';
import { LocalProjection, StreetCentreline } from './street-geometry.ts';
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
  /** For a corrected match: how precise the point is, and the street as typed. */
  precision?: 'exact' | 'interpolated' | 'street';
  correctedFrom?: string;
  /** For an intersection: the two streets' display names. */
  streets?: string[];
}

/** The nearest building to a point: what reverse geocoding answers. */
export interface NearestAddress {
  address: string;
  lat: number;
  lon: number;
  meters: number;
  street: string;
  houseNumberValue: number | null;
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
  /** The street's name without suffix ('BURNSIDE'), for typo matching of a street typed without one. */
  bare: string | null;
  /** 'N Main St', for addresses built on this street. */
  display: string;
  numbered: NumberedPoint[];
  even: NumberedPoint[];
  odd: NumberedPoint[];
  /** Where a geocode that knows only the street lands: the middle address point. */
  middle: { lat: number; lon: number };
  trigrams: Set<string>;
  /** Lazily: the centreline drawn through its address points (street-geometry.ts). */
  centreline?: StreetCentreline;
  /** Lazily: per hundred-block, the mean of its address points. */
  blocks?: Map<number, { lat: number; lon: number }>;
}

/** A building's point in the spatial grid (units of a building share its point and are left out). */
interface GridAddress {
  address: string;
  lat: number;
  lon: number;
  street: IndexedStreet;
  houseNumberValue: number | null;
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

/** Reverse geocoding and generalisation look no further than this for an address point. */
export const NEAREST_ADDRESS_MAX_METERS = 250;
/** Names this short are too easily turned into another by one slip: no correction without a house number. */
const MIN_LETTERS_TO_CORRECT_STREET_ONLY = 4;
const MIN_LETTERS_TO_CORRECT = 3;

/** What a typo correction settled on, and why it is the clear best (see `correctedStreet`). */
interface StreetCorrection {
  street: IndexedStreet;
  precision: 'exact' | 'interpolated' | 'street';
}

/**
 * The department's address points in memory: exact keys, and per street the numbered points sorted
 * by house number (per side, odd and even) for interpolation, trigrams for candidates, one-edit
 * neighbourhoods for typo correction, and a spatial grid of buildings for reverse geocoding.
 */
export class AddressIndex {
  private readonly byKey = new Map<string, { address: string; lat: number; lon: number }>();
  private readonly streets = new Map<string, IndexedStreet>();
  private readonly byBareStreet = new Map<string, IndexedStreet[]>();
  private readonly streetsByFullName = new FuzzyNames<IndexedStreet>();
  private readonly streetsByBareName = new FuzzyNames<IndexedStreet>();
  private readonly buildings: SpatialGrid<GridAddress>;
  private readonly projection: LocalProjection;
  private readonly meetings = new Map<string, Array<{ lat: number; lon: number; gap: number }>>();
  private readonly recordCount: number;
  /** Streets by trigram, for candidates: count shared trigrams instead of comparing every street. */
  private readonly streetList: IndexedStreet[] = [];
  private readonly streetsByTrigram = new Map<string, number[]>();
  /** Per street, shared trigrams with the query being scored; always back to zeros after use. */
  private readonly sharedScratch: Int32Array;

  static readonly empty = new AddressIndex([]);

  constructor(records: readonly AddressPointRecord[]) {
    this.recordCount = records.length;
    const sampleAddress = new Map<string, string>();
    const numbersByStreet = new Map<string, NumberedPoint[]>();
    const anyPointByStreet = new Map<string, { lat: number; lon: number }>();
    const buildingRecords = new Map<string, AddressPointRecord>();
    for (const record of records) {
      const point = { address: record.address, lat: record.lat, lon: record.lon };
      this.byKey.set(record.addressKey, point);
      const buildingKey = buildingKeyOf(record.addressKey);
      // A unit stands for its building only when the building itself has no point.
      if (buildingKey !== record.addressKey && !this.byKey.has(buildingKey))
        this.byKey.set(buildingKey, point);
      if (buildingKey === record.addressKey || !buildingRecords.has(buildingKey))
        buildingRecords.set(buildingKey, record);
      if (!sampleAddress.has(record.street)) sampleAddress.set(record.street, record.address);
      if (!anyPointByStreet.has(record.street)) anyPointByStreet.set(record.street, point);
      if (record.houseNumberValue !== null) {
        const list = numbersByStreet.get(record.street) ?? [];
        list.push({ value: record.houseNumberValue, lat: record.lat, lon: record.lon });
        numbersByStreet.set(record.street, list);
      }
    }
    const meanLat = records.length > 0 ? records.reduce((sum, r) => sum + r.lat, 0) / records.length : 0;
    this.projection = new LocalProjection(meanLat);
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
      const bare = parsed && parsed.street === street ? bareStreetOf(parsed) : null;
      const indexed: IndexedStreet = {
        street,
        bare,
        display,
        numbered,
        even: numbered.filter((p) => Math.floor(p.value) % 2 === 0),
        odd: numbered.filter((p) => Math.floor(p.value) % 2 !== 0),
        middle: { lat: middle.lat, lon: middle.lon },
        trigrams: trigramsOf(street),
      };
      this.streets.set(street, indexed);
      for (const trigram of indexed.trigrams) {
        const postings = this.streetsByTrigram.get(trigram);
        if (postings) postings.push(this.streetList.length);
        else this.streetsByTrigram.set(trigram, [this.streetList.length]);
      }
      this.streetList.push(indexed);
      this.streetsByFullName.add(street, indexed);
      if (bare !== null) {
        this.byBareStreet.set(bare, [...(this.byBareStreet.get(bare) ?? []), indexed]);
        this.streetsByBareName.add(bare, indexed);
      }
    }
    this.sharedScratch = new Int32Array(this.streetList.length);
    const gridPoints: GridAddress[] = [];
    for (const record of buildingRecords.values()) {
      const street = this.streets.get(record.street);
      if (!street) continue;
      gridPoints.push({
        address: this.byKey.get(buildingKeyOf(record.addressKey))?.address ?? record.address,
        lat: record.lat,
        lon: record.lon,
        street,
        houseNumberValue: record.houseNumberValue,
      });
    }
    this.buildings = new SpatialGrid(gridPoints, 100);
  }

  get pointCount(): number {
    return this.recordCount;
  }

  get streetCount(): number {
    return this.streets.size;
  }

  lookup(address: NormalizedAddress): { match: AddressMatch | null; candidates: AddressCandidate[] } {
    const found = this.lookupWithoutCorrection(address);
    if (found.match) return found;
    const correction = this.correctedStreet(address);
    if (!correction) return found;
    const point = this.pointOnStreet(correction.street, address);
    const match: AddressMatch = {
      ...point,
      quality: 'corrected',
      precision: correction.precision,
      correctedFrom: address.street,
    };
    // The candidates are still listed, the street settled on first.
    const listed = found.candidates.find((c) => c.address === match.address);
    const candidates = found.candidates.filter((c) => c !== listed);
    const score =
      listed?.score ?? roundScore(trigramSimilarity(trigramsOf(address.street), correction.street.trigrams));
    return {
      match,
      candidates: [{ address: match.address, lat: match.lat, lon: match.lon, score }, ...candidates].slice(
        0,
        MAX_CANDIDATES,
      ),
    };
  }

  private lookupWithoutCorrection(address: NormalizedAddress): {
    match: AddressMatch | null;
    candidates: AddressCandidate[];
  } {
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
      const retry = this.lookupWithoutCorrection(withoutPostDirectional(address));
      if (retry.match) return retry;
    }
    return { match: null, candidates: this.similarStreets(address) };
  }

  /**
   * The one street a misspelt street name clearly means, or null. Why a street is "clearly best":
   *  1. it is one typing slip away (one letter inserted, deleted, changed, or two neighbours
   *     swapped: Damerau–Levenshtein distance 1) from what was typed, compared on the whole street
   *     ('BURNSDE AVE' ~ 'BURNSIDE AVE') or, when no suffix was typed, on the name alone;
   *  2. and no other street is as close, unless the house number settles it: when a number was
   *     typed, the street must have an address point with that number (precision exact) — or, when
   *     no close street has it, be the only close street whose numbers span it (interpolated). Two
   *     close streets that both have the number, or neither, are a tie: no correction.
   *  3. Without a house number, a single close street is used only for names of 4 letters or more.
   * Two or more slips, ties and names under 3 letters stay unmatched, with the candidates.
   */
  private correctedStreet(address: NormalizedAddress): StreetCorrection | null {
    const bare = bareStreetOf(address);
    let letters = 0;
    for (let i = 0; i < bare.length; i++) {
      const code = bare.charCodeAt(i);
      if (code >= 65 && code <= 90) letters++;
    }
    if (letters < MIN_LETTERS_TO_CORRECT) return null;
    const close = new Set<IndexedStreet>();
    for (const [street, distance] of this.streetsByFullName.within1(address.street)) {
      if (distance === 1) close.add(street);
    }
    if (address.streetSuffix === null) {
      for (const [street, distance] of this.streetsByBareName.within1(bare)) {
        if (distance === 1) close.add(street);
      }
    }
    if (close.size === 0) return null;
    const value = address.houseNumberValue;
    if (address.houseNumber === null || value === null) {
      if (close.size !== 1 || letters < MIN_LETTERS_TO_CORRECT_STREET_ONLY) return null;
      return { street: [...close][0]!, precision: 'street' };
    }
    const withThatNumber = [...close].filter((street) =>
      this.byKey.has(`${address.houseNumber} ${street.street}`),
    );
    if (withThatNumber.length === 1) return { street: withThatNumber[0]!, precision: 'exact' };
    if (withThatNumber.length > 1) return null;
    const spanning = [...close].filter((street) => {
      const first = street.numbered[0];
      const last = street.numbered[street.numbered.length - 1];
      return first !== undefined && last !== undefined && value >= first.value && value <= last.value;
    });
    return spanning.length === 1 ? { street: spanning[0]!, precision: 'interpolated' } : null;
  }

  /**
   * A street as typed in an intersection ('Main', 'Burnside Ave', 'Burnsde Ave'): the exact street,
   * the only street of that name when no suffix was typed, or a clear one-slip correction.
   */
  resolveStreet(address: NormalizedAddress): { street: string; display: string; corrected: boolean } | null {
    let street = this.streets.get(address.street);
    if (!street && address.streetSuffix === null) {
      const sameName = this.byBareStreet.get(bareStreetOf(address)) ?? [];
      if (sameName.length === 1) street = sameName[0];
    }
    if (street) return { street: street.street, display: street.display, corrected: false };
    const correction = this.correctedStreet({ ...address, houseNumber: null, houseNumberValue: null });
    return correction
      ? { street: correction.street.street, display: correction.street.display, corrected: true }
      : null;
  }

  /** Streets like a typed one (for candidates when an intersection's street is unknown). */
  candidatesFor(address: NormalizedAddress): AddressCandidate[] {
    return this.similarStreets(address);
  }

  /**
   * Where two streets meet, from their centrelines (street-geometry.ts), nearest-first order as the
   * lines give them; empty when they do not meet. Cached per pair: the index never changes.
   */
  meetingPoints(streetA: string, streetB: string): Array<{ lat: number; lon: number; gap: number }> {
    const key = streetA < streetB ? `${streetA}|${streetB}` : `${streetB}|${streetA}`;
    const cached = this.meetings.get(key);
    if (cached) return cached;
    const a = this.streets.get(streetA);
    const b = this.streets.get(streetB);
    const points =
      a && b && a !== b
        ? this.centrelineOf(a)
            .meetingPoints(this.centrelineOf(b))
            .map((point) => ({ ...this.projection.toLatLon(point), gap: point.gap }))
        : [];
    if (this.meetings.size > 10_000) this.meetings.clear();
    this.meetings.set(key, points);
    return points;
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
    const exact = this.exactOn(`${address.houseNumber} ${street.street}`, address);
    if (exact) return { ...exact, quality: 'exact' };
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
   * The hundred-block of the building nearest to a point, within `maxMeters`: a grid search
   * (spatial-grid.ts), a few microseconds, so the public surface and open data may call it per row.
   */
  hundredBlockNear(lat: number, lon: number, maxMeters = NEAREST_ADDRESS_MAX_METERS): HundredBlock | null {
    const nearest = this.buildings.nearest(lat, lon, maxMeters);
    return nearest ? blockOf(nearest.point.street, nearest.point.houseNumberValue) : null;
  }

  /**
   * Reverse geocoding in one grid search: the nearest building, the street it is on (at a corner,
   * the nearer house decides; a centreline alone would pick a side street whose first houses stand
   * near the corner, even for a point in front of a main-street house) with the distance to that
   * street's centreline, and the building's hundred-block. Null when no building is within reach.
   */
  reverse(
    lat: number,
    lon: number,
    maxMeters = NEAREST_ADDRESS_MAX_METERS,
  ): {
    address: NearestAddress;
    street: { name: string; meters: number };
    hundredBlock: HundredBlock;
  } | null {
    const nearest = this.buildings.nearest(lat, lon, maxMeters);
    if (!nearest) return null;
    const { point, meters } = nearest;
    const street = point.street;
    const centreline = this.centrelineOf(street).distanceNear(
      this.projection.toXY(lat, lon),
      numberIndexOf(street.numbered, point.houseNumberValue),
    );
    return {
      address: {
        address: point.address,
        lat: point.lat,
        lon: point.lon,
        meters,
        street: street.display,
        houseNumberValue: point.houseNumberValue,
      },
      street: { name: street.display, meters: Math.min(centreline, meters) },
      hundredBlock: blockOf(street, point.houseNumberValue),
    };
  }

  private centrelineOf(street: IndexedStreet): StreetCentreline {
    street.centreline ??= new StreetCentreline(street.numbered, this.projection);
    return street.centreline;
  }

  private onlyStreetNamed(address: NormalizedAddress): IndexedStreet | undefined {
    if (address.streetSuffix !== null) return undefined;
    const sameName = this.byBareStreet.get(bareStreetOf(address)) ?? [];
    return sameName.length === 1 ? sameName[0] : undefined;
  }

  private similarStreets(address: NormalizedAddress): AddressCandidate[] {
    const wanted = trigramsOf(address.street);
    // Shared trigrams per street from the postings; similarity = shared / (|a| + |b| - shared).
    const shared = this.sharedScratch;
    const touched: number[] = [];
    for (const trigram of wanted) {
      const postings = this.streetsByTrigram.get(trigram);
      if (!postings) continue;
      for (const index of postings) {
        if (shared[index] === 0) touched.push(index);
        shared[index]!++;
      }
    }
    // The best MAX_CANDIDATES by score, then name: kept in order while scoring (a typo of a common
    // word scores dozens of streets, and sorting them all was most of the cost of a candidate list).
    const scored: Array<{ street: IndexedStreet; score: number }> = [];
    for (let t = 0; t < touched.length; t++) {
      const index = touched[t]!;
      const count = shared[index]!;
      shared[index] = 0;
      const street = this.streetList[index]!;
      const score = count / (wanted.size + street.trigrams.size - count);
      if (score < MIN_CANDIDATE_SCORE) continue;
      let at = scored.length;
      while (at > 0 && ranksBefore(score, street.street, scored[at - 1]!)) at--;
      if (at >= MAX_CANDIDATES) continue;
      scored.splice(at, 0, { street, score });
      if (scored.length > MAX_CANDIDATES) scored.pop();
    }
    return scored.map(({ street, score }) => {
      const point =
        this.byKey.get(`${address.houseNumber} ${street.street}`) ?? this.pointOnStreet(street, address);
      return { address: point.address, lat: point.lat, lon: point.lon, score: roundScore(score) };
    });
  }
}

/** Candidate order: higher score first, then the street's name. */
function ranksBefore(
  score: number,
  street: string,
  other: { street: IndexedStreet; score: number },
): boolean {
  return score > other.score || (score === other.score && street < other.street.street);
}

/** Where a house number sits in a street's sorted numbers (the first at or above it). */
function numberIndexOf(points: readonly NumberedPoint[], value: number | null): number {
  if (value === null) return Math.floor(points.length / 2);
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (points[mid]!.value < value) low = mid + 1;
    else high = mid;
  }
  return Math.min(low, Math.max(0, points.length - 1));
}

/** The block's point: the mean of its address points, computed once per block. */
function blockOf(street: IndexedStreet, houseNumber: number | null): HundredBlock {
  if (houseNumber === null)
    return { label: street.display, street: street.display, block: null, ...street.middle };
  const block = Math.floor(houseNumber / 100) * 100;
  street.blocks ??= blockCentres(street.numbered);
  const point = street.blocks.get(block) ?? interpolate(street.numbered, block + 50) ?? street.middle;
  return {
    label: `${block} block of ${street.display}`,
    street: street.display,
    block,
    lat: point.lat,
    lon: point.lon,
  };
}

function blockCentres(numbered: readonly NumberedPoint[]): Map<number, { lat: number; lon: number }> {
  const sums = new Map<number, { lat: number; lon: number; count: number }>();
  for (const point of numbered) {
    const block = Math.floor(point.value / 100) * 100;
    const sum = sums.get(block) ?? { lat: 0, lon: 0, count: 0 };
    sum.lat += point.lat;
    sum.lon += point.lon;
    sum.count++;
    sums.set(block, sum);
  }
  return new Map(
    [...sums].map(([block, sum]) => [block, { lat: sum.lat / sum.count, lon: sum.lon / sum.count }]),
  );
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
