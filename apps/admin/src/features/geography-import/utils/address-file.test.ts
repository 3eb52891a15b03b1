import { describe, expect, it } from 'vitest';
import { AddressFileError, csvRecords, splitAddressFile } from './address-file';

describe('splitting an address-points file', () => {
  it('keeps quoted commas and line breaks inside their CSV record', () => {
    expect(csvRecords('address,lat,lon\r\n"12 Main St, Apt 3",41.7,-72.6\n"Unit\nB",1,2')).toEqual([
      'address,lat,lon',
      '"12 Main St, Apt 3",41.7,-72.6',
      '"Unit\nB",1,2',
    ]);
  });

  it('repeats the CSV header in every part and maps line numbers back to the whole file', () => {
    const rows = Array.from({ length: 5 }, (_, index) => `${index + 1} Main St,41.7,-72.6`);
    const parts = splitAddressFile('points.csv', `address,lat,lon\n${rows.join('\n')}\n\n`, 2);
    expect(parts.map((part) => part.rows)).toEqual([2, 2, 1]);
    expect(parts[1]?.body).toBe('address,lat,lon\n3 Main St,41.7,-72.6\n4 Main St,41.7,-72.6\n');
    // Line 2 of the second part (its first data row) is line 4 of the file.
    expect(2 + (parts[1]?.rowOffset ?? 0)).toBe(4);
    expect(parts.every((part) => part.contentType === 'text/csv')).toBe(true);
  });

  it('splits a GeoJSON FeatureCollection by features, with feature indexes offset', () => {
    const features = Array.from({ length: 3 }, (_, index) => ({
      type: 'Feature',
      properties: { address: `${index}` },
    }));
    const parts = splitAddressFile(
      'points.geojson',
      JSON.stringify({ type: 'FeatureCollection', features }),
      2,
    );
    expect(parts).toHaveLength(2);
    expect(parts[1]).toMatchObject({ rows: 1, rowOffset: 2, contentType: 'application/json' });
  });

  it('says what is wrong with a file it cannot split', () => {
    expect(() => splitAddressFile('points.geojson', '{"type":')).toThrow(AddressFileError);
    expect(() => splitAddressFile('points.json', '{"type":"Feature"}')).toThrow(/FeatureCollection/);
    expect(() => splitAddressFile('points.csv', '')).toThrow(/header/);
  });
});
