import { describe, expect, it } from 'vitest';
import { escapeHtml, labelLatLng, leafletBoundsOf, toLeafletPolygons } from './leaflet-geometry';
import type { MultiPolygonGeometry, PolygonGeometry } from './map-geometry';

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

describe('Leaflet geometry', () => {
  it('turns GeoJSON [lon, lat] into Leaflet [lat, lon], keeping holes and every part', () => {
    const withHole: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [square(-72.7, 41.7, 0.1).coordinates[0]!, square(-72.67, 41.73, 0.02).coordinates[0]!],
    };
    const multi: MultiPolygonGeometry = {
      type: 'MultiPolygon',
      coordinates: [withHole.coordinates, square(-72.5, 41.7, 0.05).coordinates],
    };
    const polygons = toLeafletPolygons(multi);
    expect(polygons).toHaveLength(2);
    expect(polygons[0]).toHaveLength(2);
    expect(polygons[0]![0]![0]).toEqual([41.7, -72.7]);
    expect(polygons[1]![0]![1]).toEqual([41.7, -72.45]);
  });

  it('drops positions that are not numbers and rings too short to draw', () => {
    const broken: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [-72.7, 41.7],
          [Number.NaN, 41.8],
          [-72.6, 41.8],
          [-72.7, 41.7],
        ],
        [[-72.65, 41.75], [-72.64]],
      ],
    };
    expect(toLeafletPolygons(broken)).toEqual([
      [
        [
          [41.7, -72.7],
          [41.8, -72.6],
          [41.7, -72.7],
        ],
      ],
    ]);
    expect(toLeafletPolygons({ type: 'Polygon', coordinates: [[[1, 2]]] })).toEqual([]);
  });

  it('bounds polygons and points as [[south, west], [north, east]]', () => {
    const polygons = [
      toLeafletPolygons(square(-72.7, 41.7, 0.1)),
      toLeafletPolygons(square(-72.5, 41.75, 0.1)),
    ];
    expect(leafletBoundsOf(polygons)).toEqual([
      [41.7, -72.7],
      [41.85, -72.4],
    ]);
    expect(leafletBoundsOf([], [[41.9, -72.8]])).toEqual([
      [41.9, -72.8],
      [41.9, -72.8],
    ]);
    expect(leafletBoundsOf([])).toBeNull();
  });

  it('puts the label inside a C-shaped neighborhood, whose centroid is outside', () => {
    const cShape: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [-72.7, 41.7],
          [-72.6, 41.7],
          [-72.6, 41.72],
          [-72.68, 41.72],
          [-72.68, 41.78],
          [-72.6, 41.78],
          [-72.6, 41.8],
          [-72.7, 41.8],
          [-72.7, 41.7],
        ],
      ],
    };
    const [lat, lon] = labelLatLng(cShape)!;
    // Inside the C's spine (west of -72.68), not in the open middle.
    expect(lon).toBeGreaterThan(-72.7);
    expect(lon).toBeLessThan(-72.68);
    expect(lat).toBeGreaterThan(41.7);
    expect(lat).toBeLessThan(41.8);
  });

  it('labels a multipolygon in its largest part', () => {
    const [, lon] = labelLatLng({
      type: 'MultiPolygon',
      coordinates: [square(-72.7, 41.7, 0.01).coordinates, square(-72.5, 41.7, 0.1).coordinates],
    })!;
    expect(lon).toBeGreaterThan(-72.5);
    expect(lon).toBeLessThan(-72.4);
  });

  it('escapes text for the places where Leaflet inserts HTML (tile attribution)', () => {
    expect(escapeHtml('© <b>Town</b> & "GIS" \'office\'')).toBe(
      '© &lt;b&gt;Town&lt;/b&gt; &amp; &quot;GIS&quot; &#39;office&#39;',
    );
  });
});
