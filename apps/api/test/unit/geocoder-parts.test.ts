import { describe, expect, it } from 'vitest';
import { editDistanceUpTo1, FuzzyNames } from '../../src/modules/geocoding/fuzzy-names.ts';
import { splitIntersection } from '../../src/modules/geocoding/intersections.ts';
import { JurisdictionRules } from '../../src/modules/geocoding/jurisdiction.ts';
import { placeKeyOf } from '../../src/modules/geocoding/places-index.ts';
import { SpatialGrid } from '../../src/modules/geocoding/spatial-grid.ts';

describe('one-slip names', () => {
  it('counts one insertion, deletion, substitution or swap as one edit, anything more as two', () => {
    expect(editDistanceUpTo1('BURNSIDE', 'BURNSIDE')).toBe(0);
    for (const slip of ['BURNSDE', 'BURNSIIDE', 'BURNSIDD', 'BRUNSIDE', 'URNSIDE', 'BURNSIDEX']) {
      expect(editDistanceUpTo1(slip, 'BURNSIDE'), slip).toBe(1);
    }
    for (const far of ['BRNSDE', 'BURNSIDEXX', 'MAIN', 'BUNRSDIE'])
      expect(editDistanceUpTo1(far, 'BURNSIDE'), far).toBe(2);
  });

  it('finds every stored name one slip away, whatever the number of names', () => {
    const names = new FuzzyNames<string>();
    for (const name of ['HILLS ST', 'HILL ST', 'HIGH ST', 'MAIN ST']) names.add(name, name);
    expect([...names.within1('HILS ST')].sort()).toEqual([
      ['HILL ST', 1],
      ['HILLS ST', 1],
    ]);
    expect([...names.within1('MIAN ST')]).toEqual([['MAIN ST', 1]]);
    expect(names.within1('ELM ST').size).toBe(0);
  });
});

describe('spatial grid', () => {
  it('finds the same nearest point as a full scan', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const points = Array.from({ length: 3000 }, (_, id) => ({
      id,
      lat: 41.7 + random() * 0.1,
      lon: -72.7 + random() * 0.1,
    }));
    const grid = new SpatialGrid(points, 100);
    const meters = (a: { lat: number; lon: number }, lat: number, lon: number) =>
      Math.hypot((a.lat - lat) * 111_320, (a.lon - lon) * 111_320 * Math.cos((lat * Math.PI) / 180));
    for (let i = 0; i < 500; i++) {
      const lat = 41.69 + random() * 0.12;
      const lon = -72.71 + random() * 0.12;
      let best: { id: number; m: number } | null = null;
      for (const p of points) {
        const m = meters(p, lat, lon);
        if (m <= 250 && (!best || m < best.m)) best = { id: p.id, m };
      }
      const found = grid.nearest(lat, lon, 250);
      expect(found?.point.id ?? null).toBe(best?.id ?? null);
    }
  });
});

describe('reading an intersection', () => {
  it('splits the ways people write two streets, and nothing else', () => {
    expect(splitIntersection('Main St & Burnside Ave')).toEqual(['Main St', 'Burnside Ave']);
    expect(splitIntersection('Main and Burnside')).toEqual(['Main', 'Burnside']);
    expect(splitIntersection('corner of Main St and Burnside Ave')).toEqual(['Main St', 'Burnside Ave']);
    expect(splitIntersection('the intersection of Main / Burnside, East Hartford')).toEqual([
      'Main',
      'Burnside, East Hartford',
    ]);
    expect(splitIntersection('N Main St at 1st Ave')).toEqual(['N Main St', '1st Ave']);
    expect(splitIntersection('Main St @ Elm')).toEqual(['Main St', 'Elm']);
    for (const text of [
      '12 Main St',
      '12 Main St & 14 Elm St',
      'Main St & Elm & Oak',
      'Grand Ave',
      '& Main',
    ]) {
      expect(splitIntersection(text), text).toBeNull();
    }
  });
});

describe('jurisdiction names', () => {
  const rules = new JurisdictionRules({
    state: 'CT',
    towns: [{ name: 'East Hartford', aliases: ['E. Htfd'] }],
    villages: [{ name: 'Burnside', aliases: [] }],
    zipCodes: ['06108', '06118'],
  });
  const check = (city: string | null, zip: string | null = null, state: string | null = null) =>
    rules.check({ city, zip, state }).status;

  it('says inside for the town, an alias, "E" for East, a village, a slip or a ZIP of its own', () => {
    for (const city of ['EAST HARTFORD', 'E HARTFORD', 'E HTFD', 'BURNSIDE', 'EAST HARFORD'])
      expect(check(city), city).toBe('inside');
    expect(check(null, '06118')).toBe('inside');
    expect(check('HARTFORD', '06108')).toBe('inside');
    expect(check(null)).toBe('not_stated');
  });

  it('says outside for another town, ZIP or state', () => {
    expect(check('HARTFORD')).toBe('outside');
    expect(check(null, '06106')).toBe('outside');
    expect(check(null, null, 'MA')).toBe('outside');
    expect(check('EAST HARTFORD', null, 'NY')).toBe('outside');
  });

  it('checks nothing until names are configured', () => {
    expect(JurisdictionRules.none.check({ city: 'SPRINGFIELD', zip: '99999', state: 'ZZ' }).status).toBe(
      'unchecked',
    );
  });
});

describe('place keys', () => {
  it('reads names the same however they are punctuated', () => {
    expect(placeKeyOf("The Robert J. O'Brien School")).toBe('ROBERT J OBRIEN SCHOOL');
    expect(placeKeyOf('Pratt & Whitney Stadium')).toBe(placeKeyOf('pratt and whitney stadium'));
  });
});
