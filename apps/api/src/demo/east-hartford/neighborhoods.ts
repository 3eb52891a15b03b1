// Demo-mode neighborhoods for East Hartford, CT.
//
// The police department's six real neighborhood boundaries are not public, so these are ILLUSTRATIVE:
// hand-drawn, simplified polygons named after the town's well-known areas, only so the demo map looks
// like East Hartford. A department replaces them by loading its own boundaries.
//
// How they were drawn (keep these properties when editing, the unit tests check them):
// - WGS84 [lon, lat], one closed ring per polygon, counter-clockwise exterior (RFC 7946), no holes.
// - Neighbours share exactly the same border vertices, so there are no gaps and no overlaps.
// - Together they cover the whole town; the outer edge runs roughly 100-150 m outside the town line
//   (the Connecticut River on the west) so that addresses near the line never fall outside every polygon.

// `geojson` type definitions are not a direct dependency of apps/api, so the few shapes used here are
// declared locally; they are structurally compatible with @types/geojson, so turf accepts them.
export type LonLat = [number, number];

export interface DemoNeighborhoodProperties {
  code: string;
  name: string;
  description: string;
}

export interface DemoNeighborhoodFeature {
  type: 'Feature';
  properties: DemoNeighborhoodProperties;
  geometry: { type: 'Polygon'; coordinates: LonLat[][] };
}

export interface DemoNeighborhoodCollection {
  type: 'FeatureCollection';
  features: DemoNeighborhoodFeature[];
}

export const demoNeighborhoods: DemoNeighborhoodCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {
        code: 'HOC',
        name: 'Hockanum',
        description:
          'West side along the Connecticut River: the town center on Main Street (Town Hall, police headquarters), Connecticut Boulevard, East River Drive and the Hockanum streets north of Burnside Avenue.',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-72.625, 41.7999],
            [-72.631, 41.7999],
            [-72.64, 41.7995],
            [-72.6475, 41.799],
            [-72.6468, 41.7915],
            [-72.6474, 41.7858],
            [-72.6525, 41.7802],
            [-72.659, 41.778],
            [-72.666, 41.7728],
            [-72.6665, 41.766],
            [-72.6635, 41.7598],
            [-72.6612, 41.7572],
            [-72.6568, 41.7532],
            [-72.65, 41.7524],
            [-72.642, 41.7521],
            [-72.6365, 41.7525],
            [-72.6366, 41.76],
            [-72.636, 41.7665],
            [-72.634, 41.7708],
            [-72.6322, 41.7762],
            [-72.6292, 41.783],
            [-72.6268, 41.7918],
            [-72.625, 41.7999],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: {
        code: 'BUR',
        name: 'Burnside',
        description:
          'North-east: Burnside Avenue (US 44) east of the center, Tolland Street, Ellington Road and the streets up to the South Windsor and Manchester lines.',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-72.5786, 41.7805],
            [-72.5788, 41.7828],
            [-72.5802, 41.789],
            [-72.5822, 41.8018],
            [-72.5998, 41.8011],
            [-72.61, 41.8006],
            [-72.625, 41.7999],
            [-72.6268, 41.7918],
            [-72.6292, 41.783],
            [-72.6322, 41.7762],
            [-72.634, 41.7708],
            [-72.63, 41.7716],
            [-72.626, 41.7725],
            [-72.619, 41.774],
            [-72.612, 41.7752],
            [-72.6085, 41.7758],
            [-72.605, 41.7768],
            [-72.601, 41.7776],
            [-72.5975, 41.7782],
            [-72.593, 41.7789],
            [-72.588, 41.7795],
            [-72.583, 41.7801],
            [-72.5786, 41.7805],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: {
        code: 'MAY',
        name: 'Mayberry Village',
        description:
          'East-central: Mayberry Village south of Burnside Avenue, Great Hill Road, Burnham Street and the east end of Silver Lane at the Manchester line.',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-72.5723, 41.7455],
            [-72.5735, 41.7525],
            [-72.5745, 41.7572],
            [-72.576, 41.766],
            [-72.5772, 41.7738],
            [-72.5785, 41.7792],
            [-72.5786, 41.7805],
            [-72.583, 41.7801],
            [-72.588, 41.7795],
            [-72.593, 41.7789],
            [-72.5975, 41.7782],
            [-72.5982, 41.774],
            [-72.5978, 41.77],
            [-72.5985, 41.764],
            [-72.599, 41.756],
            [-72.5985, 41.749],
            [-72.598, 41.7455],
            [-72.592, 41.7455],
            [-72.586, 41.7452],
            [-72.58, 41.7454],
            [-72.5723, 41.7455],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: {
        code: 'SIL',
        name: 'Silver Lane',
        description:
          'Central west: Silver Lane from Main Street past Rentschler Field, Roberts Street, the Pratt & Whitney campus and the riverside streets by Goodwin University.',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-72.6568, 41.7532],
            [-72.65, 41.749],
            [-72.6458, 41.7452],
            [-72.644, 41.74],
            [-72.644, 41.7385],
            [-72.633, 41.7385],
            [-72.629, 41.743],
            [-72.6255, 41.747],
            [-72.619, 41.7478],
            [-72.6125, 41.748],
            [-72.6124, 41.7505],
            [-72.6128, 41.754],
            [-72.613, 41.7595],
            [-72.6122, 41.765],
            [-72.6118, 41.77],
            [-72.612, 41.7752],
            [-72.619, 41.774],
            [-72.626, 41.7725],
            [-72.63, 41.7716],
            [-72.634, 41.7708],
            [-72.636, 41.7665],
            [-72.6366, 41.76],
            [-72.6365, 41.7525],
            [-72.642, 41.7521],
            [-72.65, 41.7524],
            [-72.6568, 41.7532],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: {
        code: 'FSR',
        name: 'Forbes / Sunset Ridge',
        description:
          'Central: the Forbes Street corridor from Burnside Avenue down past the high school, Sunset Ridge and the side streets off Forbes.',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-72.598, 41.7455],
            [-72.5985, 41.749],
            [-72.599, 41.756],
            [-72.5985, 41.764],
            [-72.5978, 41.77],
            [-72.5982, 41.774],
            [-72.5975, 41.7782],
            [-72.601, 41.7776],
            [-72.605, 41.7768],
            [-72.6085, 41.7758],
            [-72.612, 41.7752],
            [-72.6118, 41.77],
            [-72.6122, 41.765],
            [-72.613, 41.7595],
            [-72.6128, 41.754],
            [-72.6124, 41.7505],
            [-72.6125, 41.748],
            [-72.609, 41.7476],
            [-72.605, 41.747],
            [-72.6015, 41.7462],
            [-72.598, 41.7455],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: {
        code: 'GPK',
        name: 'Goodwin / Pitkin',
        description:
          'South: the Goodwin and Pitkin school areas, Brewer, High and Hills Streets, May Road and the streets up to the Glastonbury line.',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-72.644, 41.7385],
            [-72.644, 41.7355],
            [-72.65, 41.7282],
            [-72.6365, 41.7238],
            [-72.6245, 41.7255],
            [-72.616, 41.7265],
            [-72.604, 41.7284],
            [-72.5955, 41.7297],
            [-72.584, 41.7311],
            [-72.57, 41.7328],
            [-72.572, 41.744],
            [-72.5723, 41.7455],
            [-72.58, 41.7454],
            [-72.586, 41.7452],
            [-72.592, 41.7455],
            [-72.598, 41.7455],
            [-72.6015, 41.7462],
            [-72.605, 41.747],
            [-72.609, 41.7476],
            [-72.6125, 41.748],
            [-72.619, 41.7478],
            [-72.6255, 41.747],
            [-72.629, 41.743],
            [-72.633, 41.7385],
            [-72.644, 41.7385],
          ],
        ],
      },
    },
  ],
};
