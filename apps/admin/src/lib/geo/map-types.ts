import type { BoundaryGeometry } from './map-geometry';

/** A clickable, keyboard-focusable area on the map (a neighborhood, a beat). */
export interface MapArea {
  id: string;
  geometry: BoundaryGeometry;
  /** What a screen reader announces for the shape; starts with the drawn name. */
  accessibleName: string;
  /** Drawn on the map: a short code in bold over the name. */
  label: { code: string; name: string };
  fillColor: string;
  /** Dashed outline, e.g. for a retired area. */
  dashed?: boolean;
}

/** How a point is drawn; a shape of its own, so meaning never rests on colour alone. */
export type MapPointShape = 'circle' | 'diamond';

/** A marker with a popup linking to its page (an open service request). */
export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  accessibleName: string;
  shape: MapPointShape;
  popup: { title: string; href: string; lines: string[] };
}

/** A raster tile server; without one the map draws its areas over a plain background. */
export interface MapTiles {
  url: string;
  attribution: string | null;
}
