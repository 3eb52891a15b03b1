import { describe, expect, it } from 'vitest';
import {
  AddressIndex,
  type AddressPointRecord,
  addressKeyOf,
} from '../../src/modules/geocoding/address-index.ts';
import { normalizeAddress } from '../../src/modules/geocoding/address-normalizer.ts';
import { trigramSimilarity, trigramsOf } from '../../src/modules/geocoding/trigram.ts';

function record(address: string, lat: number, lon: number): AddressPointRecord {
  const normalized = normalizeAddress(address);
  if (!normalized) throw new Error(`unreadable test address ${address}`);
  return {
    addressKey: addressKeyOf(normalized),
    address,
    street: normalized.street,
    houseNumberValue: normalized.houseNumberValue,
    lat,
    lon,
  };
}

// Elm St: even numbers on the north side (lat 10.002), odd on the south side (lat 10.000), numbers
// growing eastward by 0.001° per 10.
const index = new AddressIndex([
  record('10 Elm St', 10.002, 20.001),
  record('30 Elm St', 10.002, 20.003),
  record('11 Elm St', 10.0, 20.001),
  record('51 Elm St', 10.0, 20.005),
  record('10 Elm St Apt 2', 10.002, 20.001),
  record('5 Oak Ave', 11, 21),
  record('7 Oak Ave', 11, 21.002),
  record('9 Oak Ave', 11, 21.004),
  record('1 Maple Rd', 12, 22),
  record('1 Maple Ln', 12.5, 22.5),
  record('100 N Main St', 13, 23),
]);

const lookup = (address: string) => {
  const normalized = normalizeAddress(address);
  if (!normalized) throw new Error(`unreadable ${address}`);
  return index.lookup(normalized);
};

describe('address index lookup', () => {
  it('matches the normalised address exactly, however it was typed', () => {
    expect(lookup('10 elm street').match).toEqual({
      address: '10 Elm St',
      lat: 10.002,
      lon: 20.001,
      quality: 'exact',
    });
    expect(lookup('10 ELM ST., East Hartford, CT 06108').match?.quality).toBe('exact');
  });

  it('matches a unit that has its own point, and falls back to the building for one that has not', () => {
    expect(lookup('10 Elm St #2').match).toMatchObject({ address: '10 Elm St Apt 2', quality: 'exact' });
    expect(lookup('10 Elm St Unit 9').match).toMatchObject({ address: '10 Elm St', quality: 'exact' });
  });

  it('interpolates between the numbers on the same side of the street', () => {
    const { match } = lookup('20 Elm St');
    expect(match?.quality).toBe('interpolated');
    expect(match?.address).toBe('20 Elm St');
    // Between 10 (20.001) and 30 (20.003) on the even side, not between odd 11 and 51.
    expect(match?.lat).toBeCloseTo(10.002, 9);
    expect(match?.lon).toBeCloseTo(20.002, 9);
    const odd = lookup('31 Elm St').match;
    expect(odd?.lat).toBeCloseTo(10.0, 9);
    expect(odd?.lon).toBeCloseTo(20.003, 9);
  });

  it('interpolates across sides when one side has no numbers around it', () => {
    // Even numbers stop at 30, so 40 lies between the nearest numbers of either side: 30 and 51.
    const { match } = lookup('40 Elm St');
    expect(match?.quality).toBe('interpolated');
    expect(match?.lon).toBeCloseTo(20.003 + (0.002 * 10) / 21, 9);
  });

  it('gives a street match for a number beyond the known ones or for no number', () => {
    expect(lookup('900 Elm St').match).toMatchObject({ address: 'Elm St', quality: 'street', lon: 20.003 });
    expect(lookup('Oak Avenue').match).toMatchObject({
      address: 'Oak Ave',
      quality: 'street',
      lat: 11,
      lon: 21.002,
    });
  });

  it('reads the E of "E Springfield" as part of the town when no street has that directional', () => {
    expect(lookup('7 Oak Ave E Springfield MA 01101').match).toMatchObject({
      address: '7 Oak Ave',
      quality: 'exact',
    });
    expect(lookup('100 Main St N Springfield').match).toBeNull();
  });

  it('recognises a street typed without its suffix when only one street has that name', () => {
    expect(lookup('7 oak').match).toMatchObject({ address: '7 Oak Ave', quality: 'exact' });
    expect(lookup('8 oak').match).toMatchObject({ address: '8 Oak Ave', quality: 'interpolated' });
    const ambiguous = lookup('1 maple');
    expect(ambiguous.match).toBeNull();
    expect(ambiguous.candidates.map((c) => c.address).sort()).toEqual(['1 Maple Ln', '1 Maple Rd']);
  });

  it('corrects a street one slip away when the house number is on it, and still lists the candidates', () => {
    const { match, candidates } = lookup('7 Oka Ave');
    expect(match).toEqual({
      address: '7 Oak Ave',
      lat: 11,
      lon: 21.002,
      quality: 'corrected',
      precision: 'exact',
      correctedFrom: 'OKA AVE',
    });
    expect(candidates[0]).toMatchObject({ address: '7 Oak Ave', lat: 11, lon: 21.002 });
    // A number between two points of the street: the correction is interpolated.
    expect(lookup('8 Oka Ave').match).toMatchObject({ quality: 'corrected', precision: 'interpolated' });
    expect(lookup('Elmm St').match).toMatchObject({
      address: 'Elm St',
      quality: 'corrected',
      precision: 'street',
    });
  });

  it('leaves weak matches and ties unmatched, with candidates ranked by similarity', () => {
    // Beyond the street's numbers: the slip is not settled by the number.
    const beyond = lookup('700 Oka Ave');
    expect(beyond.match).toBeNull();
    expect(beyond.candidates[0]).toMatchObject({ address: 'Oak Ave' });
    // Two slips away.
    expect(lookup('7 Okaa Avee').match).toBeNull();
    // One slip from both Maple Rd and Maple Ln, and 1 is on both: a tie.
    const tie = lookup('1 mapl');
    expect(tie.match).toBeNull();
    expect(tie.candidates.map((c) => c.address).sort()).toEqual(['1 Maple Ln', '1 Maple Rd']);
    for (let i = 1; i < tie.candidates.length; i++) {
      expect(tie.candidates[i - 1]!.score).toBeGreaterThanOrEqual(tie.candidates[i]!.score);
    }
    expect(tie.candidates.every((c) => c.score >= 0.3 && c.score <= 1)).toBe(true);
    const mainWithoutDirection = lookup('100 Main St');
    expect(mainWithoutDirection.match).toBeNull();
    expect(mainWithoutDirection.candidates[0]).toMatchObject({ address: '100 N Main St', lat: 13 });
    expect(lookup('12 Zebra Crossing Blvd')).toEqual({ match: null, candidates: [] });
  });
});

describe('trigram similarity', () => {
  it('computes what pg_trgm computes', () => {
    // PostgreSQL documentation: similarity('word', 'two words') = 0.363636
    expect(trigramSimilarity(trigramsOf('word'), trigramsOf('two words'))).toBeCloseTo(0.363636, 5);
    expect(trigramSimilarity(trigramsOf('MAIN ST'), trigramsOf('main st'))).toBe(1);
    expect(trigramSimilarity(trigramsOf(''), trigramsOf('main'))).toBe(0);
  });
});

describe('hundred-block generalisation', () => {
  const blockIndex = new AddressIndex([
    record('701 Main St', 41.0, -72.0),
    record('743 Main St', 41.001, -72.0),
    record('790 Main St', 41.002, -72.0002),
    record('812 Main St', 41.004, -72.0),
  ]);
  const block = (address: string) => blockIndex.hundredBlock(normalizeAddress(address)!);

  it('says "700 block of Main St" for 743 Main St, at a point that is not the house', () => {
    const generalised = block('743 Main St');
    expect(generalised?.label).toBe('700 block of Main St');
    expect(generalised?.block).toBe(700);
    expect([generalised?.lat, generalised?.lon]).not.toEqual([41.001, -72.0]);
    // The mean of the block's three address points.
    expect(generalised?.lat).toBeCloseTo(41.001, 6);
    expect(generalised?.lon).toBeCloseTo(-72.0000667, 6);
  });

  it('finds the block of the nearest address point to a coordinate, and nothing far from any', () => {
    expect(blockIndex.hundredBlockNear(41.0039, -72.0)?.label).toBe('800 block of Main St');
    expect(blockIndex.hundredBlockNear(42, -72)).toBeNull();
  });

  it('knows nothing of a street it has no points on', () => {
    expect(block('743 Elm St')).toBeNull();
  });
});
