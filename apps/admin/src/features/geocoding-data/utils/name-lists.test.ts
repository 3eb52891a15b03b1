import { describe, expect, it } from 'vitest';
import { namesToText, placesFileOf, textToNames, textToZipCodes } from './name-lists';

describe('name lists as text', () => {
  it('reads one town per line with its spellings after semicolons, and back', () => {
    const text = 'East Hartford; E Hartford;  East Htfd\n\n  Burnside \n';
    const names = textToNames(text);
    expect(names).toEqual([
      { name: 'East Hartford', aliases: ['E Hartford', 'East Htfd'] },
      { name: 'Burnside', aliases: [] },
    ]);
    expect(namesToText(names)).toBe('East Hartford; E Hartford; East Htfd\nBurnside');
  });

  it('reads ZIP codes separated any way, and tells CSV from GeoJSON', () => {
    expect(textToZipCodes('06108, 06118\n06128 ;06138')).toEqual(['06108', '06118', '06128', '06138']);
    expect(placesFileOf('places.csv', 'name,lat,lon').contentType).toBe('text/csv');
    expect(placesFileOf('places.geojson', '{}').contentType).toBe('application/json');
    expect(placesFileOf('export', ' {"type":"FeatureCollection"}').contentType).toBe('application/json');
  });
});
