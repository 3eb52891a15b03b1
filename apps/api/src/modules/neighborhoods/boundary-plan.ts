import type { BoundaryImportReport } from '@nsp/contracts';
import type { Executor } from '../../db/client.ts';
import { type AnalysedBoundary, findGaps, findOverlaps } from './boundary-analysis.ts';
import { type CheckedBoundary, checkBoundaryGeometry } from './boundary-geometry.ts';
import { compareCodes, NeighborhoodLocator } from './neighborhood-locator.ts';
import {
  findActiveBoundaries,
  findNeighborhoodCodesByIds,
  findNeighborhoodsByCodes,
  findOpenRequestPositions,
  type NeighborhoodRow,
  type RequestMove,
} from './repo.ts';

/** One proposed boundary, as read from a feature (or from a create / edit request). */
export interface ProposedBoundary {
  code: string | null;
  name: string | null;
  description: string | null;
  geometry: unknown;
  /** Problems found while reading the feature itself (no properties, no code...). */
  readingProblems: string[];
}

export interface PlannedBoundary {
  index: number;
  code: string;
  name: string;
  description: string | null;
  existing: NeighborhoodRow | null;
  boundary: CheckedBoundary;
  /** False when an existing neighborhood already has exactly this boundary: no new version then. */
  boundaryChanged: boolean;
}

/** What a set of boundaries would do: the report for people, and what applying needs. */
export interface BoundaryPlan {
  report: Omit<BoundaryImportReport, 'importId' | 'dryRun' | 'applied'>;
  /** The valid features, in input order. */
  boundaries: PlannedBoundary[];
  /** Request moves; `to.id` is `new:<CODE>` for neighborhoods the import creates. */
  moves: RequestMove[];
}

export const newNeighborhoodKey = (code: string) => `new:${code.toUpperCase()}`;

/** Reads GeoJSON features into proposals, naming what is missing or malformed in each. */
export function readFeatures(features: readonly unknown[]): ProposedBoundary[] {
  return features.map((feature) => {
    const readingProblems: string[] = [];
    if (feature === null || typeof feature !== 'object' || Array.isArray(feature)) {
      return {
        code: null,
        name: null,
        description: null,
        geometry: null,
        readingProblems: ['is not a GeoJSON Feature'],
      };
    }
    const { type, properties, geometry } = feature as {
      type?: unknown;
      properties?: unknown;
      geometry?: unknown;
    };
    if (type !== 'Feature')
      readingProblems.push(`has type ${JSON.stringify(type ?? null)}; expected "Feature"`);
    const props = (properties && typeof properties === 'object' ? properties : {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
    const code = text(props.code) ?? (typeof props.code === 'number' ? String(props.code) : null);
    if (code === null) readingProblems.push('has no properties.code');
    else if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/.test(code)) {
      readingProblems.push(`code "${code}" may hold only letters, digits, "-" and "_" (at most 32)`);
    }
    const name = text(props.name);
    if (name !== null && name.length > 200)
      readingProblems.push('properties.name is longer than 200 characters');
    return { code, name, description: text(props.description), geometry: geometry ?? null, readingProblems };
  });
}

/**
 * Checks a proposed set of boundaries against each other and against the active neighborhoods the
 * set leaves alone, and works out which open requests would change neighborhood. Reads only.
 */
export async function planBoundaries(
  executor: Executor,
  proposals: readonly ProposedBoundary[],
  options: { allowRetiredCodes?: readonly string[] } = {},
): Promise<BoundaryPlan> {
  const codes = proposals.flatMap((p) => (p.code ? [p.code] : []));
  const existingByCode = new Map(
    (await findNeighborhoodsByCodes(executor, codes)).map((row) => [row.code.toUpperCase(), row]),
  );
  const allowRetired = new Set((options.allowRetiredCodes ?? []).map((code) => code.toUpperCase()));
  const active = await findActiveBoundaries(executor);
  const currentGeometry = new Map(
    active.map((row) => [row.neighborhood.id, JSON.stringify(row.boundary.geometry)]),
  );
  const seen = new Map<string, number>();

  const features: BoundaryImportReport['features'] = [];
  const planned: PlannedBoundary[] = [];
  proposals.forEach((proposal, index) => {
    const reasons = [...proposal.readingProblems];
    const existing = proposal.code ? (existingByCode.get(proposal.code.toUpperCase()) ?? null) : null;
    if (proposal.code) {
      const earlier = seen.get(proposal.code.toUpperCase());
      if (earlier !== undefined) reasons.push(`code ${proposal.code} is already used by feature ${earlier}`);
      else seen.set(proposal.code.toUpperCase(), index);
      if (!existing && proposal.name === null) {
        reasons.push(`code ${proposal.code} is unknown; give properties.name to create a new neighborhood`);
      }
      if (existing?.status === 'retired' && !allowRetired.has(existing.code.toUpperCase())) {
        reasons.push(`neighborhood ${existing.code} is retired; reactivate it before changing its boundary`);
      }
    }
    const check = proposal.geometry === null ? null : checkBoundaryGeometry(proposal.geometry);
    if (check === null) reasons.push('has no geometry');
    else if (!check.valid) reasons.push(...check.reasons);
    const boundary = check?.valid ? check.boundary : null;
    // Applying the same file twice changes nothing: an identical boundary gets no new version.
    const boundaryChanged =
      !existing || !boundary || currentGeometry.get(existing.id) !== JSON.stringify(boundary.geometry);
    features.push({
      index,
      code: existing?.code ?? proposal.code,
      name: proposal.name ?? existing?.name ?? null,
      valid: reasons.length === 0,
      reasons,
      codeStatus: proposal.code ? (existing ? 'existing' : 'new') : null,
      boundaryChanged,
      neighborhoodId: existing?.id ?? null,
      areaSquareMeters: boundary ? Math.round(boundary.areaSquareMeters) : null,
      vertexCount: boundary?.vertexCount ?? null,
      overlaps: [],
      requestsMovingIn: 0,
      requestsMovingOut: 0,
    });
    if (reasons.length === 0 && boundary && proposal.code) {
      planned.push({
        index,
        code: existing?.code ?? proposal.code,
        name: proposal.name ?? existing!.name,
        description: proposal.description,
        existing,
        boundary,
        boundaryChanged,
      });
    }
  });

  // The map after the change: the valid proposals, plus every active neighborhood the set leaves alone
  // (including those whose proposal is invalid: they would keep their current boundary).
  const replaced = new Set(planned.map((p) => p.code.toUpperCase()));
  const unchanged = active.filter((row) => !replaced.has(row.neighborhood.code.toUpperCase()));
  const resulting: Array<AnalysedBoundary & { id: string; name: string; featureIndex: number | null }> = [
    ...planned.map((p) => ({
      id: p.existing?.id ?? newNeighborhoodKey(p.code),
      code: p.code,
      name: p.name,
      geometry: p.boundary.geometry,
      bbox: p.boundary.bbox,
      featureIndex: p.index,
    })),
    ...unchanged.map(({ neighborhood, boundary }) => ({
      id: neighborhood.id,
      code: neighborhood.code,
      name: neighborhood.name,
      geometry: boundary.geometry,
      bbox: [boundary.minLon, boundary.minLat, boundary.maxLon, boundary.maxLat] as AnalysedBoundary['bbox'],
      featureIndex: null,
    })),
  ];

  const overlaps = findOverlaps(resulting).filter(
    (o) => resulting[o.a]!.featureIndex !== null || resulting[o.b]!.featureIndex !== null,
  );
  for (const overlap of overlaps) {
    for (const [self, other] of [
      [resulting[overlap.a]!, resulting[overlap.b]!],
      [resulting[overlap.b]!, resulting[overlap.a]!],
    ] as const) {
      if (self.featureIndex === null) continue;
      features[self.featureIndex]!.overlaps.push({
        code: other.code,
        name: other.name,
        neighborhoodId: other.id.startsWith('new:') ? null : other.id,
        areaSquareMeters: overlap.areaSquareMeters,
      });
    }
  }
  const gaps = findGaps(resulting);

  const locator = new NeighborhoodLocator(resulting);
  const codeOfId = new Map(resulting.map((r) => [r.id, r.code]));
  const featureOfId = new Map(resulting.map((r) => [r.id, r.featureIndex]));
  const requests = await findOpenRequestPositions(executor);
  // A request can sit in a neighborhood that is not on the map (retired): name it too.
  const offMap = [
    ...new Set(
      requests.flatMap((r) =>
        r.neighborhoodId && !codeOfId.has(r.neighborhoodId) ? [r.neighborhoodId] : [],
      ),
    ),
  ];
  for (const [id, code] of await findNeighborhoodCodesByIds(executor, offMap)) codeOfId.set(id, code);
  const moves: RequestMove[] = [];
  let outsideAfter = 0;
  const moveCounts = new Map<string, { from: string | null; to: string; count: number }>();
  // Only requests in or entering a neighborhood whose boundary changes move: a request staff routed
  // by hand elsewhere is not reverted by an import that does not touch its area.
  const affected = new Set(
    resulting
      .filter(
        (r) => r.featureIndex !== null && planned.find((p) => p.index === r.featureIndex)?.boundaryChanged,
      )
      .map((r) => r.id),
  );
  for (const request of requests) {
    const fromAffected = request.neighborhoodId !== null && affected.has(request.neighborhoodId);
    const target = locator.locate(request.lat, request.lon);
    if (!target) {
      if (fromAffected) outsideAfter++;
      continue;
    }
    if (target.id === request.neighborhoodId || !(fromAffected || affected.has(target.id))) continue;
    const fromCode = request.neighborhoodId ? (codeOfId.get(request.neighborhoodId) ?? null) : null;
    moves.push({
      requestId: request.id,
      from: request.neighborhoodId ? { id: request.neighborhoodId, code: fromCode ?? '?' } : null,
      to: { id: target.id, code: target.code },
    });
    const key = `${request.neighborhoodId ?? ''}>${target.id}`;
    const counted = moveCounts.get(key) ?? { from: fromCode, to: target.code, count: 0 };
    counted.count++;
    moveCounts.set(key, counted);
    const into = featureOfId.get(target.id);
    if (into !== undefined && into !== null) features[into]!.requestsMovingIn++;
    const outOf = request.neighborhoodId ? featureOfId.get(request.neighborhoodId) : undefined;
    if (outOf !== undefined && outOf !== null) features[outOf]!.requestsMovingOut++;
  }
  const invalidCount = features.filter((f) => !f.valid).length;
  const canApply = invalidCount === 0 && overlaps.length === 0;
  const newCodes = planned.filter((p) => !p.existing).map((p) => p.code);
  const existingCodes = planned.filter((p) => p.existing).map((p) => p.code);
  const report: BoundaryPlan['report'] = {
    canApply,
    summary: summarise(features.length, invalidCount, overlaps.length, gaps.length, moves.length),
    featureCount: features.length,
    invalidCount,
    newCodes,
    existingCodes,
    unchangedCodes: unchanged.map((row) => row.neighborhood.code).sort(compareCodes),
    features,
    overlaps: overlaps.map((o) => ({
      codes: [resulting[o.a]!.code, resulting[o.b]!.code] as [string, string],
      areaSquareMeters: o.areaSquareMeters,
    })),
    gaps: gaps.map((gap) => ({ areaSquareMeters: gap.areaSquareMeters, point: gap.point, bbox: gap.bbox })),
    requests: {
      open: requests.length,
      moving: moves.length,
      outsideAfter,
      moves: [...moveCounts.values()].sort((a, b) => b.count - a.count),
    },
  };
  return { report, boundaries: planned, moves };
}

function summarise(
  features: number,
  invalid: number,
  overlaps: number,
  gaps: number,
  moving: number,
): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const parts = [
    `${plural(features, 'feature')}: ${features - invalid} valid, ${invalid} invalid`,
    plural(overlaps, 'overlap'),
    plural(gaps, 'gap'),
    `${plural(moving, 'open request')} would change neighborhood`,
  ];
  const verdict =
    invalid === 0 && overlaps === 0
      ? 'The set can be applied.'
      : 'The set cannot be applied until the invalid features and overlaps are fixed.';
  return `${parts.join('; ')}. ${verdict}`;
}
