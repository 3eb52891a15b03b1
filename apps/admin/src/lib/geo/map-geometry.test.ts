import { describe, expect, it } from 'vitest';
import {
  type PolygonGeometry,
  boundsOf,
  fitProjection,
  labelPosition,
  projectPolygons,
  toSvgPath,
} from './map-geometry';

const square = (lon: number, lat: number, size: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

describe('map geometry', () => {
  it('fits the bounds inside the padded view and puts north up', () => {
    const bounds = boundsOf([square(-72.66, 41.72, 0.08)]);
    expect(bounds).toEqual([-72.66, 41.72, -72.58, 41.8]);
    const projection = fitProjection(bounds!, { width: 800, padding: 20 });
    const [westX, northY] = projection.project(-72.66, 41.8);
    const [eastX, southY] = projection.project(-72.58, 41.72);
    expect(northY).toBeLessThan(southY);
    for (const value of [westX, eastX]) expect(value).toBeGreaterThanOrEqual(19.99);
    for (const value of [westX, eastX]) expect(value).toBeLessThanOrEqual(780.01);
    expect(northY).toBeGreaterThanOrEqual(19.99);
    expect(southY).toBeLessThanOrEqual(projection.height - 19.99);
  });

  it('shrinks longitude by cos(latitude) so a square in degrees is narrower than tall', () => {
    const projection = fitProjection([-72.66, 41.72, -72.58, 41.8], {
      width: 800,
      padding: 0,
      maxHeight: 5000,
    });
    const [x0, y0] = projection.project(-72.66, 41.8);
    const [x1, y1] = projection.project(-72.58, 41.72);
    const ratio = (x1 - x0) / (y1 - y0);
    expect(ratio).toBeCloseTo(Math.cos((41.76 * Math.PI) / 180), 3);
  });

  it('places the label inside a C-shaped polygon whose centroid is outside', () => {
    const cShape: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 2],
          [2, 2],
          [2, 8],
          [10, 8],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    const projection = fitProjection(boundsOf([cShape])!, { padding: 0 });
    const polygons = projectPolygons(cShape, projection);
    const label = labelPosition(polygons)!;
    const [leftX] = projection.project(0, 0);
    const [innerX] = projection.project(2, 0);
    expect(label[0]).toBeGreaterThan(leftX);
    expect(label[0]).toBeLessThan(innerX);
  });

  it('draws every ring of a multipolygon as a closed subpath', () => {
    const projection = fitProjection([0, 0, 3, 1]);
    const path = toSvgPath(
      projectPolygons(
        {
          type: 'MultiPolygon',
          coordinates: [square(0, 0, 1).coordinates, square(2, 0, 1).coordinates],
        },
        projection,
      ),
    );
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/Z/g)).toHaveLength(2);
  });
});
