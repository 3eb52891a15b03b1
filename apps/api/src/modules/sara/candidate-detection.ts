import { createHash } from 'node:crypto';
import type { SaraArea, SaraCandidate } from '@nsp/contracts';
import { circleAround } from './area-geometry.ts';
import { dbscan } from './dbscan.ts';

/**
 * Candidate problems found in NSP's own requests, with no one asking: repeat places, spatial
 * clusters per category, and spikes per neighborhood and category. Pure functions over rows, so the
 * rules are tested on generated data without a database (candidate-detection.test.ts).
 */
export interface ScanRow {
  id: string;
  serviceCode: string;
  neighborhoodId: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  createdAt: number;
}

export interface DetectionSettings {
  now: number;
  /** The window scanned for repeat places and clusters. */
  windowDays: number;
  /** A place with at least this many requests in the window is a repeat place. */
  repeatPlaceMinimum: number;
  /** DBSCAN neighbourhood radius in metres. */
  clusterRadiusMeters: number;
  /** The smallest cluster reported, whatever the background. */
  clusterMinimum: number;
  /** Spikes: the recent period, compared with the rest of the window before it. */
  spikeRecentDays: number;
  /** Family-wise significance of the spike tests (Bonferroni-corrected over all pairs tested). */
  spikeAlpha: number;
  spikeMinimum: number;
}

export const defaultDetectionSettings = (now: number): DetectionSettings => ({
  now,
  windowDays: 90,
  repeatPlaceMinimum: 5,
  clusterRadiusMeters: 150,
  clusterMinimum: 8,
  spikeRecentDays: 28,
  spikeAlpha: 0.01,
  spikeMinimum: 5,
});

export type DetectedCandidate = Omit<SaraCandidate, 'neighborhoodName' | 'computedAt' | 'requestCount'>;

const DAY_MS = 86_400_000;
const keyOf = (kind: string, identity: string) =>
  `${kind}-${createHash('sha1').update(identity).digest('hex').slice(0, 20)}`;
const located = (row: ScanRow): row is ScanRow & { lat: number; lon: number } =>
  row.lat !== null && row.lon !== null;
const mostCommon = <T>(values: T[]): T | null => {
  const counts = new Map<T, number>();
  let best: T | null = null;
  for (const value of values) {
    const next = (counts.get(value) ?? 0) + 1;
    counts.set(value, next);
    if (best === null || next > (counts.get(best) ?? 0)) best = value;
  }
  return best;
};

/** "12 Burnside Ave Apt 3" and "12 burnside ave" are one place: the unit is dropped, case ignored. */
export function placeKeyOfAddress(address: string): string {
  return address
    .toLowerCase()
    .replace(/\b(apt|apartment|unit|ste|suite|fl|floor|#)\b.*$/, '')
    .replace(/,.*$/, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function detectRepeatPlaces(rows: ScanRow[], settings: DetectionSettings): DetectedCandidate[] {
  const from = settings.now - settings.windowDays * DAY_MS;
  const places = new Map<string, { label: string; rows: ScanRow[] }>();
  for (const row of rows) {
    if (row.createdAt < from) continue;
    const byAddress = row.address ? placeKeyOfAddress(row.address) : '';
    // Without an address a point is its place (to about 11 m).
    const identity = byAddress || (located(row) ? `@${row.lat.toFixed(4)},${row.lon.toFixed(4)}` : '');
    if (!identity) continue;
    const place = places.get(identity) ?? {
      label:
        byAddress && row.address ? row.address : `the point ${row.lat?.toFixed(4)}, ${row.lon?.toFixed(4)}`,
      rows: [],
    };
    place.rows.push(row);
    places.set(identity, place);
  }
  const found: DetectedCandidate[] = [];
  for (const [identity, place] of places) {
    if (place.rows.length < settings.repeatPlaceMinimum) continue;
    const area = circleAround(place.rows.filter(located), 50);
    if (!area) continue;
    found.push({
      key: keyOf('repeat_place', identity),
      kind: 'repeat_place',
      title: `${place.rows.length} requests at ${place.label}`,
      serviceCode: mostCommon(place.rows.map((row) => row.serviceCode)),
      neighborhoodId: mostCommon(place.rows.map((row) => row.neighborhoodId)),
      score: place.rows.length / settings.repeatPlaceMinimum,
      requestIds: place.rows.map((row) => row.id),
      area,
      periodFrom: new Date(from).toISOString(),
      periodTo: new Date(settings.now).toISOString(),
      detail: {
        requests: place.rows.length,
        threshold: settings.repeatPlaceMinimum,
        windowDays: settings.windowDays,
      },
    });
  }
  return found;
}

/** P(X ≥ k) for X ~ Poisson(λ), summed in log space so large λ does not underflow. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/** P(X ≥ k) for X ~ Binomial(n, p), exact (log-gamma terms). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let total = 0;
  for (let i = k; i <= n; i++)
    total += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
  return Math.min(1, total);
}
function logChoose(n: number, k: number) {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}
const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}

/**
 * DBSCAN (dbscan.ts, radius in metres) per category. A fixed minimum would call any dense
 * part of town a cluster, so a point is a core point only when its neighbourhood holds more requests
 * than the category's town-wide density makes likely: beyond the 0.01 / n upper tail of a Poisson
 * count with the background mean (expected = density × π r²; n = the category's requests). A uniform background therefore yields no
 * cluster; a planted one does.
 */
export function detectClusters(rows: ScanRow[], settings: DetectionSettings): DetectedCandidate[] {
  const from = settings.now - settings.windowDays * DAY_MS;
  const recent = rows.filter((row) => row.createdAt >= from).filter(located);
  if (recent.length === 0) return [];
  // The town's extent: the box around every located request of any category.
  let [minLat, maxLat, minLon, maxLon] = [90, -90, 180, -180];
  for (const row of recent) {
    minLat = Math.min(minLat, row.lat);
    maxLat = Math.max(maxLat, row.lat);
    minLon = Math.min(minLon, row.lon);
    maxLon = Math.max(maxLon, row.lon);
  }
  const midLat = (minLat + maxLat) / 2;
  const townSquareMeters = Math.max(
    1e6,
    (maxLat - minLat) * 111_320 * (maxLon - minLon) * 111_320 * Math.cos((midLat * Math.PI) / 180),
  );
  const byCategory = new Map<string, typeof recent>();
  for (const row of recent) {
    const list = byCategory.get(row.serviceCode) ?? [];
    list.push(row);
    byCategory.set(row.serviceCode, list);
  }
  const disc = Math.PI * settings.clusterRadiusMeters ** 2;
  const found: DetectedCandidate[] = [];
  for (const [serviceCode, categoryRows] of byCategory) {
    if (categoryRows.length < settings.clusterMinimum) continue;
    const expected = (categoryRows.length / townSquareMeters) * disc;
    let minPoints = settings.clusterMinimum;
    // Corrected for testing every point of the category (Bonferroni), so chance alone makes no core point.
    const tail = 0.01 / categoryRows.length;
    while (poissonUpperTail(minPoints, expected) > tail) minPoints++;
    const { cluster, core } = dbscan(categoryRows, settings.clusterRadiusMeters, minPoints);
    const members = new Map<number, typeof recent>();
    for (let index = 0; index < categoryRows.length; index++) {
      // Core points only: an edge point is background that happens to lie next to the cluster.
      const id = cluster[index]!;
      if (id < 0 || !core[index]) continue;
      const list = members.get(id) ?? [];
      list.push(categoryRows[index]!);
      members.set(id, list);
    }
    for (const clusterRows of members.values()) {
      if (clusterRows.length < settings.clusterMinimum) continue;
      const area = circleAround(clusterRows) as Extract<SaraArea, { kind: 'circle' }> | null;
      if (!area) continue;
      const expectedInArea = Math.max(
        (categoryRows.length / townSquareMeters) * Math.PI * area.radiusMeters ** 2,
        1e-9,
      );
      // One cluster keeps one key while it stays in its ~500 m cell.
      const cell = `${Math.round(area.lat / 0.005)}:${Math.round(area.lon / 0.005)}`;
      found.push({
        key: keyOf('cluster', `${serviceCode}|${cell}`),
        kind: 'cluster',
        title: `${clusterRows.length} ${serviceCode} requests within ${area.radiusMeters} m`,
        serviceCode,
        neighborhoodId: mostCommon(clusterRows.map((row) => row.neighborhoodId)),
        score: clusterRows.length / expectedInArea,
        requestIds: clusterRows.map((row) => row.id),
        area,
        periodFrom: new Date(from).toISOString(),
        periodTo: new Date(settings.now).toISOString(),
        detail: {
          requests: clusterRows.length,
          expectedAtBackgroundDensity: Number(expectedInArea.toFixed(2)),
          radiusMeters: settings.clusterRadiusMeters,
          minPoints,
        },
      });
    }
  }
  return found;
}

/**
 * Spikes: per neighborhood and category, the last `spikeRecentDays` against the rest of the window
 * before them. Test: the exact conditional test for two Poisson rates (Przyborowski & Wilenski 1940):
 * given n requests in both periods together, under "same rate" the recent count is
 * Binomial(n, recentDays / windowDays); the one-sided p-value P(X ≥ recent) must fall below
 * spikeAlpha / (pairs tested) (Bonferroni), with at least spikeMinimum recent requests and at least
 * 1.5 times the baseline rate.
 */
export function detectSpikes(rows: ScanRow[], settings: DetectionSettings): DetectedCandidate[] {
  const from = settings.now - settings.windowDays * DAY_MS;
  const recentFrom = settings.now - settings.spikeRecentDays * DAY_MS;
  const baselineDays = settings.windowDays - settings.spikeRecentDays;
  const pairs = new Map<
    string,
    { neighborhoodId: string; serviceCode: string; recent: ScanRow[]; baseline: number }
  >();
  for (const row of rows) {
    if (row.createdAt < from || !row.neighborhoodId) continue;
    const id = `${row.neighborhoodId}|${row.serviceCode}`;
    const pair = pairs.get(id) ?? {
      neighborhoodId: row.neighborhoodId,
      serviceCode: row.serviceCode,
      recent: [],
      baseline: 0,
    };
    if (row.createdAt >= recentFrom) pair.recent.push(row);
    else pair.baseline++;
    pairs.set(id, pair);
  }
  const tested = Math.max(1, pairs.size);
  const share = settings.spikeRecentDays / settings.windowDays;
  const found: DetectedCandidate[] = [];
  for (const pair of pairs.values()) {
    const recent = pair.recent.length;
    if (recent < settings.spikeMinimum) continue;
    const expected = (pair.baseline / baselineDays) * settings.spikeRecentDays;
    if (recent < 1.5 * expected) continue;
    const pValue = binomialUpperTail(recent, recent + pair.baseline, share);
    if (pValue >= settings.spikeAlpha / tested) continue;
    const area = circleAround(pair.recent.filter(located));
    if (!area) continue;
    found.push({
      key: keyOf('spike', `${pair.neighborhoodId}|${pair.serviceCode}`),
      kind: 'spike',
      title: `${pair.serviceCode}: ${recent} requests in ${settings.spikeRecentDays} days (about ${expected.toFixed(1)} expected)`,
      serviceCode: pair.serviceCode,
      neighborhoodId: pair.neighborhoodId,
      score: Math.min(50, -Math.log10(Math.max(pValue, 1e-300))),
      requestIds: pair.recent.map((row) => row.id),
      area,
      periodFrom: new Date(recentFrom).toISOString(),
      periodTo: new Date(settings.now).toISOString(),
      detail: {
        recent,
        baseline: pair.baseline,
        baselineDays,
        recentDays: settings.spikeRecentDays,
        expected: Number(expected.toFixed(2)),
        pValue,
        threshold: settings.spikeAlpha / tested,
        test: 'exact conditional binomial test of two Poisson rates, Bonferroni-corrected',
      },
    });
  }
  return found;
}

export function detectCandidates(rows: ScanRow[], settings: DetectionSettings): DetectedCandidate[] {
  return [
    ...detectRepeatPlaces(rows, settings),
    ...detectClusters(rows, settings),
    ...detectSpikes(rows, settings),
  ];
}
