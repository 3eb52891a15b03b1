import type { Neighborhood, NeighborhoodLieutenant } from '@nsp/contracts';
import { iso } from '../../lib/iso.ts';
import type { BoundaryRow, NeighborhoodRow } from './repo.ts';

export function toNeighborhoodDto(
  neighborhood: NeighborhoodRow,
  boundary: BoundaryRow | null,
  lieutenant: NeighborhoodLieutenant | null,
  options: { includeBoundary: boolean },
): Neighborhood {
  return {
    id: neighborhood.id,
    code: neighborhood.code,
    name: neighborhood.name,
    description: neighborhood.description,
    status: neighborhood.status,
    lieutenant,
    boundaryVersion: boundary?.versionNumber ?? null,
    areaSquareMeters: boundary ? Math.round(boundary.areaSquareMeters) : null,
    bbox: boundary ? [boundary.minLon, boundary.minLat, boundary.maxLon, boundary.maxLat] : null,
    ...(options.includeBoundary ? { boundary: boundary?.geometry ?? null } : {}),
    createdAt: iso(neighborhood.createdAt),
    updatedAt: iso(neighborhood.updatedAt),
    version: neighborhood.version,
  };
}

export function toBoundaryVersionDto(row: BoundaryRow) {
  return {
    id: row.id,
    neighborhoodId: row.neighborhoodId,
    versionNumber: row.versionNumber,
    validFrom: iso(row.validFrom),
    validTo: iso(row.validTo),
    areaSquareMeters: Math.round(row.areaSquareMeters),
    bbox: [row.minLon, row.minLat, row.maxLon, row.maxLat] as [number, number, number, number],
    importId: row.importId,
    createdBy: row.createdBy,
    geometry: row.geometry,
  };
}

/** What the audit log keeps of a neighborhood (the geometry itself stays in the boundary versions). */
export function neighborhoodAuditView(neighborhood: NeighborhoodRow, boundary?: BoundaryRow | null) {
  return {
    code: neighborhood.code,
    name: neighborhood.name,
    description: neighborhood.description,
    status: neighborhood.status,
    ...(boundary !== undefined
      ? {
          boundaryVersion: boundary?.versionNumber ?? null,
          areaSquareMeters: boundary ? Math.round(boundary.areaSquareMeters) : null,
        }
      : {}),
  };
}
