import { type BoundaryGeometry, labelPosition, type Point, polygonsOf } from './map-geometry';

/*
 * Plain-data helpers for the Leaflet map, kept free of Leaflet itself so they run in the unit
 * tests (Node, no DOM) and do not pull Leaflet into any chunk but the map's.
 */

/** Leaflet wants [latitude, longitude]; GeoJSON gives [longitude, latitude]. */
export type LatLngTuple = [number, number];

/** Polygons → rings → positions, in Leaflet's order: what `L.polygon` takes for a multipolygon. */
export function toLeafletPolygons(geometry: BoundaryGeometry): LatLngTuple[][][] {
  return polygonsOf(geometry)
    .map((polygon) =>
      polygon
        .map((ring) =>
          ring
            .filter(([lon, lat]) => Number.isFinite(lon) && Number.isFinite(lat))
            .map(([lon, lat]) => [lat, lon] as LatLngTuple),
        )
        .filter((ring) => ring.length >= 3),
    )
    .filter((polygon) => polygon.length > 0);
}

/** [[south, west], [north, east]] around the given polygons and points, or null when there is nothing. */
export function leafletBoundsOf(
  polygons: readonly LatLngTuple[][][][],
  points: readonly LatLngTuple[] = [],
): [LatLngTuple, LatLngTuple] | null {
  let south = Number.POSITIVE_INFINITY;
  let west = Number.POSITIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  const include = ([lat, lon]: LatLngTuple) => {
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, lon);
    east = Math.max(east, lon);
  };
  for (const shape of polygons)
    for (const polygon of shape) for (const ring of polygon) ring.forEach(include);
  points.forEach(include);
  return Number.isFinite(south)
    ? [
        [south, west],
        [north, east],
      ]
    : null;
}

/**
 * Where a neighborhood's name goes: inside its largest part, as far from the edges as possible
 * (see labelPosition), worked out on a local flat projection where a degree of longitude is
 * shortened by cos(latitude) so distances to the edges compare fairly in both directions.
 */
export function labelLatLng(geometry: BoundaryGeometry): LatLngTuple | null {
  const polygons = toLeafletPolygons(geometry);
  const bounds = leafletBoundsOf([polygons]);
  if (!bounds) return null;
  const lonScale = Math.cos((((bounds[0][0] + bounds[1][0]) / 2) * Math.PI) / 180);
  const projected = polygons.map((polygon) =>
    polygon.map((ring) => ring.map(([lat, lon]) => [lon * lonScale, lat] as Point)),
  );
  const label = labelPosition(projected);
  return label ? [label[1], label[0] / lonScale] : null;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
