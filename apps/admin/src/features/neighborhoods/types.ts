/** GeoJSON positions are [longitude, latitude] (WGS84). */
export type Position = number[];
export type Ring = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

export type BoundaryGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface NeighborhoodLieutenant {
  personnelId: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
}

export interface Neighborhood {
  id: string;
  code: string;
  name: string;
  status: 'active' | 'retired';
  description: string | null;
  lieutenant: NeighborhoodLieutenant | null;
  /** Present only when the list is requested with `includeBoundary=true`. */
  boundary?: BoundaryGeometry | null;
}
