import { describe, expect, it } from 'vitest';
import {
  type AddressUnit,
  formatAddress,
  type NormalizedAddress,
  normalizeAddress,
} from '../../src/modules/geocoding/address-normalizer.ts';
import {
  DIRECTIONALS,
  ORDINAL_WORDS,
  SECONDARY_UNIT_DESIGNATORS,
  STATES,
  STREET_SUFFIX_TABLE,
  STREET_SUFFIXES,
} from '../../src/modules/geocoding/street-suffixes.ts';

const EAST_HARTFORD_TOWNS = [
  'East Hartford',
  'E Hartford',
  'E. Hartford',
  'Hartford',
  'Manchester',
  'Glastonbury',
];

type Parts = Omit<NormalizedAddress, 'street' | 'zip4'>;

interface Expectation {
  houseNumber?: string | null;
  /** Defaults to the house number when that is plain digits. */
  houseNumberValue?: number | null;
  preDirectional?: string | null;
  streetName: string;
  streetSuffix?: string | null;
  postDirectional?: string | null;
  unit?: AddressUnit | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
}

interface Case {
  input: string;
  key: string;
  expectation: Expectation;
  knownCities?: readonly string[];
}

/** A row of the table: the input, the key it must produce, and the parts that are not null. */
function row(input: string, key: string, expectation: Expectation, knownCities?: readonly string[]): Case {
  return knownCities === undefined ? { input, key, expectation } : { input, key, expectation, knownCities };
}

function expectedParts(testCase: Case): Parts {
  const { expectation } = testCase;
  const houseNumber = expectation.houseNumber ?? null;
  const plainNumber = houseNumber !== null && /^\d+$/.test(houseNumber) ? Number(houseNumber) : null;
  return {
    houseNumber,
    houseNumberValue: expectation.houseNumberValue === undefined ? plainNumber : expectation.houseNumberValue,
    preDirectional: expectation.preDirectional ?? null,
    streetName: expectation.streetName,
    streetSuffix: expectation.streetSuffix ?? null,
    postDirectional: expectation.postDirectional ?? null,
    unit: expectation.unit ?? null,
    city: expectation.city ?? null,
    state: expectation.state ?? null,
    zip: expectation.zip ?? null,
    key: testCase.key,
  };
}

function actualParts(address: NormalizedAddress): Parts {
  const { street: _street, zip4: _zip4, ...parts } = address;
  return parts;
}

function runCase(testCase: Case): void {
  const options = testCase.knownCities === undefined ? {} : { knownCities: testCase.knownCities };
  const address = normalizeAddress(testCase.input, options);
  expect(address).not.toBeNull();
  if (address === null) return;
  expect(actualParts(address)).toEqual(expectedParts(testCase));
}

const BRIEF_EXAMPLES: Case[] = [
  row('12 burnside av apt 3', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    unit: { type: 'APT', id: '3' },
  }),
  row('12 Burnside Avenue, East Hartford CT 06108', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    city: 'EAST HARTFORD',
    state: 'CT',
    zip: '06108',
  }),
  row('740 main st.', '740 MAIN ST', { houseNumber: '740', streetName: 'MAIN', streetSuffix: 'ST' }),
  row('31 SCHOOL STREET', '31 SCHOOL ST', { houseNumber: '31', streetName: 'SCHOOL', streetSuffix: 'ST' }),
  row('12A Main', '12A MAIN', { houseNumber: '12A', houseNumberValue: 12, streetName: 'MAIN' }),
  row('12 1/2 Elm St', '12 1/2 ELM ST', {
    houseNumber: '12 1/2',
    houseNumberValue: 12.5,
    streetName: 'ELM',
    streetSuffix: 'ST',
  }),
  row('12-14 Maple Ave', '12-14 MAPLE AVE', {
    houseNumber: '12-14',
    houseNumberValue: 12,
    streetName: 'MAPLE',
    streetSuffix: 'AVE',
  }),
  row('100 N Main St', '100 N MAIN ST', {
    houseNumber: '100',
    preDirectional: 'N',
    streetName: 'MAIN',
    streetSuffix: 'ST',
  }),
  row('100 Main Street North', '100 MAIN ST N', {
    houseNumber: '100',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    postDirectional: 'N',
  }),
  row('1 First Ave', '1 1ST AVE', { houseNumber: '1', streetName: '1ST', streetSuffix: 'AVE' }),
  row('1 1st Avenue', '1 1ST AVE', { houseNumber: '1', streetName: '1ST', streetSuffix: 'AVE' }),
  row('5 Oak St # 4', '5 OAK ST', {
    houseNumber: '5',
    streetName: 'OAK',
    streetSuffix: 'ST',
    unit: { type: '#', id: '4' },
  }),
  row('5 Oak St Unit 2B', '5 OAK ST', {
    houseNumber: '5',
    streetName: 'OAK',
    streetSuffix: 'ST',
    unit: { type: 'UNIT', id: '2B' },
  }),
  row('18 Connecticut Blvd Ste 100', '18 CONNECTICUT BLVD', {
    houseNumber: '18',
    streetName: 'CONNECTICUT',
    streetSuffix: 'BLVD',
    unit: { type: 'STE', id: '100' },
  }),
  row('18 Connecticut Blvd Fl 2', '18 CONNECTICUT BLVD', {
    houseNumber: '18',
    streetName: 'CONNECTICUT',
    streetSuffix: 'BLVD',
    unit: { type: 'FL', id: '2' },
  }),
  row('740 Main St Rm 3', '740 MAIN ST', {
    houseNumber: '740',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'RM', id: '3' },
  }),
  row(
    '12 Burnside Ave E Hartford',
    '12 BURNSIDE AVE',
    { houseNumber: '12', streetName: 'BURNSIDE', streetSuffix: 'AVE', city: 'E HARTFORD' },
    EAST_HARTFORD_TOWNS,
  ),
  row('12 Burnside Ave 06108-1234', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    zip: '06108',
  }),
  row('Burnside Ave', 'BURNSIDE AVE', { streetName: 'BURNSIDE', streetSuffix: 'AVE' }),
];

/** [typed suffix, USPS standard]: the street is always '12 Oak <suffix>'. */
const SUFFIX_SPELLINGS: readonly (readonly [string, string])[] = [
  ['Alley', 'ALY'],
  ['Allee', 'ALY'],
  ['Annex', 'ANX'],
  ['Arcade', 'ARC'],
  ['Av', 'AVE'],
  ['Aven', 'AVE'],
  ['Avenu', 'AVE'],
  ['Avn', 'AVE'],
  ['Avnue', 'AVE'],
  ['Bayou', 'BYU'],
  ['Beach', 'BCH'],
  ['Bend', 'BND'],
  ['Bluff', 'BLF'],
  ['Bottom', 'BTM'],
  ['Boulevard', 'BLVD'],
  ['Boul', 'BLVD'],
  ['Boulv', 'BLVD'],
  ['Branch', 'BR'],
  ['Brdge', 'BRG'],
  ['Brook', 'BRK'],
  ['Bypass', 'BYP'],
  ['Bypas', 'BYP'],
  ['Canyon', 'CYN'],
  ['Causeway', 'CSWY'],
  ['Center', 'CTR'],
  ['Centre', 'CTR'],
  ['Circle', 'CIR'],
  ['Crcle', 'CIR'],
  ['Cliffs', 'CLFS'],
  ['Common', 'CMN'],
  ['Commons', 'CMNS'],
  ['Corners', 'CORS'],
  ['Court', 'CT'],
  ['Ct', 'CT'],
  ['Courts', 'CTS'],
  ['Cove', 'CV'],
  ['Creek', 'CRK'],
  ['Crescent', 'CRES'],
  ['Crsnt', 'CRES'],
  ['Crest', 'CRST'],
  ['Crossing', 'XING'],
  ['Crssng', 'XING'],
  ['Curve', 'CURV'],
  ['Dale', 'DL'],
  ['Divide', 'DV'],
  ['Drive', 'DR'],
  ['Driv', 'DR'],
  ['Drv', 'DR'],
  ['Estates', 'ESTS'],
  ['Expressway', 'EXPY'],
  ['Extension', 'EXT'],
  ['Extn', 'EXT'],
  ['Falls', 'FLS'],
  ['Ferry', 'FRY'],
  ['Field', 'FLD'],
  ['Fields', 'FLDS'],
  ['Flats', 'FLTS'],
  ['Forest', 'FRST'],
  ['Forge', 'FRG'],
  ['Fork', 'FRK'],
  ['Freeway', 'FWY'],
  ['Garden', 'GDN'],
  ['Gardens', 'GDNS'],
  ['Gateway', 'GTWY'],
  ['Glen', 'GLN'],
  ['Green', 'GRN'],
  ['Grove', 'GRV'],
  ['Harbor', 'HBR'],
  ['Haven', 'HVN'],
  ['Heights', 'HTS'],
  ['Ht', 'HTS'],
  ['Highway', 'HWY'],
  ['Hiway', 'HWY'],
  ['Hill', 'HL'],
  ['Hills', 'HLS'],
  ['Hollow', 'HOLW'],
  ['Inlet', 'INLT'],
  ['Island', 'IS'],
  ['Isle', 'ISLE'],
  ['Junction', 'JCT'],
  ['Key', 'KY'],
  ['Knoll', 'KNL'],
  ['Knolls', 'KNLS'],
  ['Lake', 'LK'],
  ['Landing', 'LNDG'],
  ['Lane', 'LN'],
  ['Ln', 'LN'],
  ['Light', 'LGT'],
  ['Lodge', 'LDG'],
  ['Loop', 'LOOP'],
  ['Mall', 'MALL'],
  ['Manor', 'MNR'],
  ['Meadow', 'MDW'],
  ['Mdw', 'MDW'],
  ['Meadows', 'MDWS'],
  ['Medows', 'MDWS'],
  ['Mews', 'MEWS'],
  ['Mill', 'ML'],
  ['Mission', 'MSN'],
  ['Mount', 'MT'],
  ['Mountain', 'MTN'],
  ['Neck', 'NCK'],
  ['Orchard', 'ORCH'],
  ['Oval', 'OVAL'],
  ['Overpass', 'OPAS'],
  ['Park', 'PARK'],
  ['Parks', 'PARK'],
  ['Parkway', 'PKWY'],
  ['Pky', 'PKWY'],
  ['Pass', 'PASS'],
  ['Path', 'PATH'],
  ['Pike', 'PIKE'],
  ['Pines', 'PNES'],
  ['Place', 'PL'],
  ['Plaza', 'PLZ'],
  ['Point', 'PT'],
  ['Port', 'PRT'],
  ['Prairie', 'PR'],
  ['Ranch', 'RNCH'],
  ['Ridge', 'RDG'],
  ['River', 'RIV'],
  ['Road', 'RD'],
  ['Row', 'ROW'],
  ['Run', 'RUN'],
  ['Shore', 'SHR'],
  ['Shores', 'SHRS'],
  ['Spring', 'SPG'],
  ['Springs', 'SPGS'],
  ['Square', 'SQ'],
  ['Station', 'STA'],
  ['Stravenue', 'STRA'],
  ['Street', 'ST'],
  ['Str', 'ST'],
  ['Strt', 'ST'],
  ['Summit', 'SMT'],
  ['Terrace', 'TER'],
  ['Terr', 'TER'],
  ['Trace', 'TRCE'],
  ['Track', 'TRAK'],
  ['Trail', 'TRL'],
  ['Trails', 'TRL'],
  ['Tunnel', 'TUNL'],
  ['Turnpike', 'TPKE'],
  ['Tpke', 'TPKE'],
  ['Underpass', 'UPAS'],
  ['Union', 'UN'],
  ['Valley', 'VLY'],
  ['Viaduct', 'VIA'],
  ['View', 'VW'],
  ['Village', 'VLG'],
  ['Ville', 'VL'],
  ['Vista', 'VIS'],
  ['Walk', 'WALK'],
  ['Wall', 'WALL'],
  ['Way', 'WAY'],
  ['Wy', 'WAY'],
  ['Wells', 'WLS'],
];

const SUFFIX_CASES: Case[] = SUFFIX_SPELLINGS.map(([typed, standard]) =>
  row(`12 Oak ${typed}`, `12 OAK ${standard}`, {
    houseNumber: '12',
    streetName: 'OAK',
    streetSuffix: standard,
  }),
);

const DIRECTIONAL_CASES: Case[] = [
  row('100 North St', '100 NORTH ST', { houseNumber: '100', streetName: 'NORTH', streetSuffix: 'ST' }),
  row('East St', 'EAST ST', { streetName: 'EAST', streetSuffix: 'ST' }),
  row('25 West Ave', '25 WEST AVE', { houseNumber: '25', streetName: 'WEST', streetSuffix: 'AVE' }),
  row('9 South Rd', '9 SOUTH RD', { houseNumber: '9', streetName: 'SOUTH', streetSuffix: 'RD' }),
  row('1 N St', '1 N ST', { houseNumber: '1', streetName: 'N', streetSuffix: 'ST' }),
  row('100 North Main Street', '100 N MAIN ST', {
    houseNumber: '100',
    preDirectional: 'N',
    streetName: 'MAIN',
    streetSuffix: 'ST',
  }),
  row('100 N. Main St.', '100 N MAIN ST', {
    houseNumber: '100',
    preDirectional: 'N',
    streetName: 'MAIN',
    streetSuffix: 'ST',
  }),
  row('100 S Main', '100 S MAIN', { houseNumber: '100', preDirectional: 'S', streetName: 'MAIN' }),
  row('100 Main S', '100 MAIN S', { houseNumber: '100', streetName: 'MAIN', postDirectional: 'S' }),
  row('100 Main St E', '100 MAIN ST E', {
    houseNumber: '100',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    postDirectional: 'E',
  }),
  row('100 Main St East', '100 MAIN ST E', {
    houseNumber: '100',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    postDirectional: 'E',
  }),
  row('500 Northeast 5th Ave', '500 NE 5TH AVE', {
    houseNumber: '500',
    preDirectional: 'NE',
    streetName: '5TH',
    streetSuffix: 'AVE',
  }),
  row('500 N.E. 5th Ave', '500 NE 5TH AVE', {
    houseNumber: '500',
    preDirectional: 'NE',
    streetName: '5TH',
    streetSuffix: 'AVE',
  }),
  row('431 Marietta St NW', '431 MARIETTA ST NW', {
    houseNumber: '431',
    streetName: 'MARIETTA',
    streetSuffix: 'ST',
    postDirectional: 'NW',
  }),
  row('1517 Connecticut Avenue Northwest', '1517 CONNECTICUT AVE NW', {
    houseNumber: '1517',
    streetName: 'CONNECTICUT',
    streetSuffix: 'AVE',
    postDirectional: 'NW',
  }),
  row('1044 West 29th Street North', '1044 W 29TH ST N', {
    houseNumber: '1044',
    preDirectional: 'W',
    streetName: '29TH',
    streetSuffix: 'ST',
    postDirectional: 'N',
  }),
  row('100 N East St', '100 N EAST ST', {
    houseNumber: '100',
    preDirectional: 'N',
    streetName: 'EAST',
    streetSuffix: 'ST',
  }),
  row('100 East North St', '100 E NORTH ST', {
    houseNumber: '100',
    preDirectional: 'E',
    streetName: 'NORTH',
    streetSuffix: 'ST',
  }),
  row('100 North', '100 NORTH', { houseNumber: '100', streetName: 'NORTH' }),
  row('4140 West 5415 South', '4140 W 5415 S', {
    houseNumber: '4140',
    preDirectional: 'W',
    streetName: '5415',
    postDirectional: 'S',
  }),
  row('100 Main St NE', '100 MAIN ST NE', {
    houseNumber: '100',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    postDirectional: 'NE',
  }),
  row('525 North Avenue, Grand Junction, CO 81501', '525 NORTH AVE', {
    houseNumber: '525',
    streetName: 'NORTH',
    streetSuffix: 'AVE',
    city: 'GRAND JUNCTION',
    state: 'CO',
    zip: '81501',
  }),
];

const ORDINAL_CASES: Case[] = [
  row('2 Second St', '2 2ND ST', { houseNumber: '2', streetName: '2ND', streetSuffix: 'ST' }),
  row('2 2nd St', '2 2ND ST', { houseNumber: '2', streetName: '2ND', streetSuffix: 'ST' }),
  row('3 Third Ave', '3 3RD AVE', { houseNumber: '3', streetName: '3RD', streetSuffix: 'AVE' }),
  row('4 4th St', '4 4TH ST', { houseNumber: '4', streetName: '4TH', streetSuffix: 'ST' }),
  row('11 Eleventh St', '11 11TH ST', { houseNumber: '11', streetName: '11TH', streetSuffix: 'ST' }),
  row('12 Twelfth St', '12 12TH ST', { houseNumber: '12', streetName: '12TH', streetSuffix: 'ST' }),
  row('20 Twentieth St', '20 20TH ST', { houseNumber: '20', streetName: '20TH', streetSuffix: 'ST' }),
  row('21 21st St', '21 21ST ST', { houseNumber: '21', streetName: '21ST', streetSuffix: 'ST' }),
  row('21 Twenty-First St', '21 21ST ST', { houseNumber: '21', streetName: '21ST', streetSuffix: 'ST' }),
  row('21 Twenty First St', '21 21ST ST', { houseNumber: '21', streetName: '21ST', streetSuffix: 'ST' }),
  row('22 22nd Ave', '22 22ND AVE', { houseNumber: '22', streetName: '22ND', streetSuffix: 'AVE' }),
  row('113 113th St', '113 113TH ST', { houseNumber: '113', streetName: '113TH', streetSuffix: 'ST' }),
  row('3 3th St', '3 3RD ST', { houseNumber: '3', streetName: '3RD', streetSuffix: 'ST' }),
  row('1st Ave', '1ST AVE', { streetName: '1ST', streetSuffix: 'AVE' }),
  row('10 W Forty-Second St', '10 W 42ND ST', {
    houseNumber: '10',
    preDirectional: 'W',
    streetName: '42ND',
    streetSuffix: 'ST',
  }),
];

const HOUSE_NUMBER_CASES: Case[] = [
  row('12 A Main St', '12A MAIN ST', {
    houseNumber: '12A',
    houseNumberValue: 12,
    streetName: 'MAIN',
    streetSuffix: 'ST',
  }),
  row('12a main st', '12A MAIN ST', {
    houseNumber: '12A',
    houseNumberValue: 12,
    streetName: 'MAIN',
    streetSuffix: 'ST',
  }),
  row('12-A Main St', '12A MAIN ST', {
    houseNumber: '12A',
    houseNumberValue: 12,
    streetName: 'MAIN',
    streetSuffix: 'ST',
  }),
  row('12 A Park Ave', '12A PARK AVE', {
    houseNumber: '12A',
    houseNumberValue: 12,
    streetName: 'PARK',
    streetSuffix: 'AVE',
  }),
  row('12 B St', '12 B ST', { houseNumber: '12', streetName: 'B', streetSuffix: 'ST' }),
  row('12-1/2 Elm St', '12 1/2 ELM ST', {
    houseNumber: '12 1/2',
    houseNumberValue: 12.5,
    streetName: 'ELM',
    streetSuffix: 'ST',
  }),
  row('12\u00bd Elm St', '12 1/2 ELM ST', {
    houseNumber: '12 1/2',
    houseNumberValue: 12.5,
    streetName: 'ELM',
    streetSuffix: 'ST',
  }),
  row('2615 1/2 Gary Avenue', '2615 1/2 GARY AVE', {
    houseNumber: '2615 1/2',
    houseNumberValue: 2615.5,
    streetName: 'GARY',
    streetSuffix: 'AVE',
  }),
  row('12 - 14 Maple Ave', '12-14 MAPLE AVE', {
    houseNumber: '12-14',
    houseNumberValue: 12,
    streetName: 'MAPLE',
    streetSuffix: 'AVE',
  }),
  row('94-210 Leokane St', '94-210 LEOKANE ST', {
    houseNumber: '94-210',
    houseNumberValue: 94,
    streetName: 'LEOKANE',
    streetSuffix: 'ST',
  }),
  row('012 Main St', '12 MAIN ST', { houseNumber: '12', streetName: 'MAIN', streetSuffix: 'ST' }),
  row('0 Main St', '0 MAIN ST', { houseNumber: '0', streetName: 'MAIN', streetSuffix: 'ST' }),
  row('12345 Main St', '12345 MAIN ST', { houseNumber: '12345', streetName: 'MAIN', streetSuffix: 'ST' }),
];

const STREET_NAME_CASES: Case[] = [
  row('10 Park Ave', '10 PARK AVE', { houseNumber: '10', streetName: 'PARK', streetSuffix: 'AVE' }),
  row('10 Court St', '10 COURT ST', { houseNumber: '10', streetName: 'COURT', streetSuffix: 'ST' }),
  row('10 Park', '10 PARK', { houseNumber: '10', streetName: 'PARK' }),
  row('2 Broadway', '2 BROADWAY', { houseNumber: '2', streetName: 'BROADWAY' }),
  row('5 Avenue A', '5 AVE A', { houseNumber: '5', streetName: 'AVE A' }),
  row('5 Ave A', '5 AVE A', { houseNumber: '5', streetName: 'AVE A' }),
  row('12 Forest Hill Rd', '12 FOREST HILL RD', {
    houseNumber: '12',
    streetName: 'FOREST HILL',
    streetSuffix: 'RD',
  }),
  row('12 Forest Hill', '12 FOREST HL', { houseNumber: '12', streetName: 'FOREST', streetSuffix: 'HL' }),
  row('12 Forest Hill Ct', '12 FOREST HILL CT', {
    houseNumber: '12',
    streetName: 'FOREST HILL',
    streetSuffix: 'CT',
  }),
  row('40 Mill Pond Rd', '40 MILL POND RD', {
    houseNumber: '40',
    streetName: 'MILL POND',
    streetSuffix: 'RD',
  }),
  row('40 Fox Run Rd', '40 FOX RUN RD', { houseNumber: '40', streetName: 'FOX RUN', streetSuffix: 'RD' }),
  row('12 Park Terrace Ave', '12 PARK TERRACE AVE', {
    houseNumber: '12',
    streetName: 'PARK TERRACE',
    streetSuffix: 'AVE',
  }),
  row('12 Main St Ext', '12 MAIN ST EXT', { houseNumber: '12', streetName: 'MAIN ST', streetSuffix: 'EXT' }),
  row('12 Main Street Extension', '12 MAIN ST EXT', {
    houseNumber: '12',
    streetName: 'MAIN ST',
    streetSuffix: 'EXT',
  }),
  row('12 Saint James Ave', '12 ST JAMES AVE', {
    houseNumber: '12',
    streetName: 'ST JAMES',
    streetSuffix: 'AVE',
  }),
  row('12 St. James Ave', '12 ST JAMES AVE', {
    houseNumber: '12',
    streetName: 'ST JAMES',
    streetSuffix: 'AVE',
  }),
  row("8 O'Brien Dr", '8 OBRIEN DR', { houseNumber: '8', streetName: 'OBRIEN', streetSuffix: 'DR' }),
  row('8 Wilkes-Barre Blvd', '8 WILKES-BARRE BLVD', {
    houseNumber: '8',
    streetName: 'WILKES-BARRE',
    streetSuffix: 'BLVD',
  }),
  row('287 New Britain Avenue', '287 NEW BRITAIN AVE', {
    houseNumber: '287',
    streetName: 'NEW BRITAIN',
    streetSuffix: 'AVE',
  }),
  row('100 Route 5', '100 RTE 5', { houseNumber: '100', streetName: 'RTE 5' }),
  row('100 Rt 5', '100 RTE 5', { houseNumber: '100', streetName: 'RTE 5' }),
  row('100 Rte. 5', '100 RTE 5', { houseNumber: '100', streetName: 'RTE 5' }),
  row('1285 Highway 7 East', '1285 HWY 7 E', {
    houseNumber: '1285',
    streetName: 'HWY 7',
    postDirectional: 'E',
  }),
  row('1130 US Highway 52', '1130 US HWY 52', { houseNumber: '1130', streetName: 'US HWY 52' }),
  row('55 County Road 12', '55 COUNTY RD 12', { houseNumber: '55', streetName: 'COUNTY RD 12' }),
  row('3390 Silver Ln', '3390 SILVER LN', { houseNumber: '3390', streetName: 'SILVER', streetSuffix: 'LN' }),
  row('3 Lake Shore Dr', '3 LAKE SHORE DR', {
    houseNumber: '3',
    streetName: 'LAKE SHORE',
    streetSuffix: 'DR',
  }),
];

const UNIT_CASES: Case[] = [
  row('12 Main St Apt 3', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'APT', id: '3' },
  }),
  row('12 Main St Apt. 3', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'APT', id: '3' },
  }),
  row('12 Main St apartment 3', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'APT', id: '3' },
  }),
  row('12 Main St #3', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: '#', id: '3' },
  }),
  row('12 Main St, #3B', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: '#', id: '3B' },
  }),
  row('12 Main St Apt #3', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'APT', id: '3' },
  }),
  row('12 Main St Apt3', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'APT', id: '3' },
  }),
  row('12 Main St Apt A', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'APT', id: 'A' },
  }),
  row('12 Main St Suite 200', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'STE', id: '200' },
  }),
  row('12 Main St Floor 2', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'FL', id: '2' },
  }),
  row('12 Main St 2nd Floor', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'FL', id: '2' },
  }),
  row('12 Main St second fl', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'FL', id: '2' },
  }),
  row('12 Main St Room 3', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'RM', id: '3' },
  }),
  row('12 Main St Rear', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'REAR', id: null },
  }),
  row('12 Main St Basement', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'BSMT', id: null },
  }),
  row('12 Main St Front', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'FRNT', id: null },
  }),
  row('12 Main St Upper', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'UPPR', id: null },
  }),
  row('12 Main St PH', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'PH', id: null },
  }),
  row('12 Main St Bldg C', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'BLDG', id: 'C' },
  }),
  row('12 Main St Lot 14', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'LOT', id: '14' },
  }),
  row('12 Main St Trlr 5', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'TRLR', id: '5' },
  }),
  row('12 Main St Dept 5', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'DEPT', id: '5' },
  }),
  row('12 Main St Spc 4', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'SPC', id: '4' },
  }),
  row('12 Main St Unit 2-B', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'UNIT', id: '2-B' },
  }),
  row('12 Main St 3', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: '#', id: '3' },
  }),
  row('12 Main St Bldg 5 Apt 3', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'APT', id: '3' },
  }),
  row('Apt 3, 12 Main St', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'APT', id: '3' },
  }),
  row('12 Burnside Apt 3', '12 BURNSIDE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    unit: { type: 'APT', id: '3' },
  }),
  row('431 Marietta St NW Floor 3', '431 MARIETTA ST NW', {
    houseNumber: '431',
    streetName: 'MARIETTA',
    streetSuffix: 'ST',
    postDirectional: 'NW',
    unit: { type: 'FL', id: '3' },
  }),
  row('12 Front St', '12 FRONT ST', { houseNumber: '12', streetName: 'FRONT', streetSuffix: 'ST' }),
  row('12 Lower Main St', '12 LOWER MAIN ST', {
    houseNumber: '12',
    streetName: 'LOWER MAIN',
    streetSuffix: 'ST',
  }),
  row('12 Pine Key Ln', '12 PINE KEY LN', { houseNumber: '12', streetName: 'PINE KEY', streetSuffix: 'LN' }),
  row('12 Lake Side', '12 LAKE SIDE', { houseNumber: '12', streetName: 'LAKE SIDE' }),
];

const PLACE_CASES: Case[] = [
  row('12 Burnside Ave, East Hartford, CT 06108', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    city: 'EAST HARTFORD',
    state: 'CT',
    zip: '06108',
  }),
  row('12 Burnside Ave East Hartford CT 06108', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    city: 'EAST HARTFORD',
    state: 'CT',
    zip: '06108',
  }),
  row(
    '12 Burnside Ave E Hartford CT 06108',
    '12 BURNSIDE AVE',
    {
      houseNumber: '12',
      streetName: 'BURNSIDE',
      streetSuffix: 'AVE',
      city: 'E HARTFORD',
      state: 'CT',
      zip: '06108',
    },
    EAST_HARTFORD_TOWNS,
  ),
  row(
    '12 Burnside Ave E. Hartford',
    '12 BURNSIDE AVE',
    { houseNumber: '12', streetName: 'BURNSIDE', streetSuffix: 'AVE', city: 'E HARTFORD' },
    EAST_HARTFORD_TOWNS,
  ),
  row(
    '12 Burnside Ave East Hartford',
    '12 BURNSIDE AVE',
    { houseNumber: '12', streetName: 'BURNSIDE', streetSuffix: 'AVE', city: 'EAST HARTFORD' },
    EAST_HARTFORD_TOWNS,
  ),
  row(
    '12 Burnside Ave Hartford',
    '12 BURNSIDE AVE',
    { houseNumber: '12', streetName: 'BURNSIDE', streetSuffix: 'AVE', city: 'HARTFORD' },
    EAST_HARTFORD_TOWNS,
  ),
  row(
    '12 Burnside Apt 3 Manchester',
    '12 BURNSIDE',
    { houseNumber: '12', streetName: 'BURNSIDE', unit: { type: 'APT', id: '3' }, city: 'MANCHESTER' },
    EAST_HARTFORD_TOWNS,
  ),
  row(
    '12 Oak Ct Glastonbury CT',
    '12 OAK CT',
    { houseNumber: '12', streetName: 'OAK', streetSuffix: 'CT', city: 'GLASTONBURY', state: 'CT' },
    EAST_HARTFORD_TOWNS,
  ),
  row('12 Burnside Ave, E Hartford, Connecticut', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    city: 'E HARTFORD',
    state: 'CT',
  }),
  row('12 Burnside Ave CT 06118', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    state: 'CT',
    zip: '06118',
  }),
  row('12 Burnside Ave 06108', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    zip: '06108',
  }),
  row('12 Burnside Ave 061081234', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    zip: '06108',
  }),
  row('12 Burnside Ave, CT', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    state: 'CT',
  }),
  row('12 Burnside Ave CT', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    state: 'CT',
  }),
  row('740 Main St Hartford CT 06103', '740 MAIN ST', {
    houseNumber: '740',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    city: 'HARTFORD',
    state: 'CT',
    zip: '06103',
  }),
  row('12 Main St Apt 3 Manchester CT 06040', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'APT', id: '3' },
    city: 'MANCHESTER',
    state: 'CT',
    zip: '06040',
  }),
  row('12 Main St, Apt 3, East Hartford', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'APT', id: '3' },
    city: 'EAST HARTFORD',
  }),
  row('12 Oak Ct', '12 OAK CT', { houseNumber: '12', streetName: 'OAK', streetSuffix: 'CT' }),
  row('12 Oak Ct 06108', '12 OAK CT', {
    houseNumber: '12',
    streetName: 'OAK',
    streetSuffix: 'CT',
    zip: '06108',
  }),
  row('12 Oak Ct, CT 06108', '12 OAK CT', {
    houseNumber: '12',
    streetName: 'OAK',
    streetSuffix: 'CT',
    state: 'CT',
    zip: '06108',
  }),
  row('1006 Howard Street, Omaha, NE 68102', '1006 HOWARD ST', {
    houseNumber: '1006',
    streetName: 'HOWARD',
    streetSuffix: 'ST',
    city: 'OMAHA',
    state: 'NE',
    zip: '68102',
  }),
  row('100 Main St NE Washington DC 20002', '100 MAIN ST NE', {
    houseNumber: '100',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    postDirectional: 'NE',
    city: 'WASHINGTON',
    state: 'DC',
    zip: '20002',
  }),
  row('9 Dana Street, Portland, ME 04101', '9 DANA ST', {
    houseNumber: '9',
    streetName: 'DANA',
    streetSuffix: 'ST',
    city: 'PORTLAND',
    state: 'ME',
    zip: '04101',
  }),
  row('783 HOPE ST, PROVIDENCE, RHODE ISLAND 02906', '783 HOPE ST', {
    houseNumber: '783',
    streetName: 'HOPE',
    streetSuffix: 'ST',
    city: 'PROVIDENCE',
    state: 'RI',
    zip: '02906',
  }),
  row('104 West 57th Street, New York, NY 10019', '104 W 57TH ST', {
    houseNumber: '104',
    preDirectional: 'W',
    streetName: '57TH',
    streetSuffix: 'ST',
    city: 'NEW YORK',
    state: 'NY',
    zip: '10019',
  }),
  row('1646 Red Leaf Drive Fort Mill, South Carolina 29715 United States', '1646 RED LEAF DR', {
    houseNumber: '1646',
    streetName: 'RED LEAF',
    streetSuffix: 'DR',
    city: 'FORT MILL',
    state: 'SC',
    zip: '29715',
  }),
  row('18530 mack ave # 445 grosse pointe farms mi 48236-3254', '18530 MACK AVE', {
    houseNumber: '18530',
    streetName: 'MACK',
    streetSuffix: 'AVE',
    unit: { type: '#', id: '445' },
    city: 'GROSSE POINTE FARMS',
    state: 'MI',
    zip: '48236',
  }),
  row('2100 Main St Tampa Fla 33602', '2100 MAIN ST', {
    houseNumber: '2100',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    city: 'TAMPA',
    state: 'FL',
    zip: '33602',
  }),
  row('12 Main St 2nd Fl', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    unit: { type: 'FL', id: '2' },
  }),
  row('4919 Mount Pleasant Street Northwest, Green, OH 44232', '4919 MOUNT PLEASANT ST NW', {
    houseNumber: '4919',
    streetName: 'MOUNT PLEASANT',
    streetSuffix: 'ST',
    postDirectional: 'NW',
    city: 'GREEN',
    state: 'OH',
    zip: '44232',
  }),
  row('12 Main St Hartford, Connecticut, USA', '12 MAIN ST', {
    houseNumber: '12',
    streetName: 'MAIN',
    streetSuffix: 'ST',
    city: 'HARTFORD',
    state: 'CT',
  }),
  row('Main Street, Medford, NJ 08055', 'MAIN ST', {
    streetName: 'MAIN',
    streetSuffix: 'ST',
    city: 'MEDFORD',
    state: 'NJ',
    zip: '08055',
  }),
  row('12 George Washington', '12 GEORGE WASHINGTON', { houseNumber: '12', streetName: 'GEORGE WASHINGTON' }),
  row('100 Maine', '100 MAINE', { houseNumber: '100', streetName: 'MAINE' }),
];

const NOISE_CASES: Case[] = [
  row('  12   burnside    ave  ', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
  }),
  row('12 BURNSIDE AVE.', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
  }),
  row('12, Burnside Ave.', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
  }),
  row('12 bUrNsIdE aVeNuE', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
  }),
  row('12\tBurnside\nAve', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
  }),
  row('"12 Burnside Ave"', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
  }),
  row('12 Burnside Ave (rear)', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    unit: { type: 'REAR', id: null },
  }),
  row('12 Burnside Ave.,, East Hartford,,CT', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    city: 'EAST HARTFORD',
    state: 'CT',
  }),
  row('12 Burnside Ave - East Hartford', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    city: 'EAST HARTFORD',
  }),
  row('12 Burnside Ave; Apt 3', '12 BURNSIDE AVE', {
    houseNumber: '12',
    streetName: 'BURNSIDE',
    streetSuffix: 'AVE',
    unit: { type: 'APT', id: '3' },
  }),
  row('12 Caf\u00e9 Ln', '12 CAF\u00c9 LN', {
    houseNumber: '12',
    streetName: 'CAF\u00c9',
    streetSuffix: 'LN',
  }),
  row('#5 Main St', '5 MAIN ST', { houseNumber: '5', streetName: 'MAIN', streetSuffix: 'ST' }),
  row('5 Main St #', '5 MAIN ST', { houseNumber: '5', streetName: 'MAIN', streetSuffix: 'ST' }),
];

const NULL_INPUTS: readonly string[] = [
  '',
  '   ',
  '...',
  ', , ;',
  '#',
  '12',
  '12 1/2',
  '12-14',
  '06108',
  '12 06108',
  'Apt 3',
  '12 Apt 3',
  '# 4',
  'CT 06108',
];

const ALL_CASES: readonly (readonly [string, readonly Case[]])[] = [
  ['examples from the brief', BRIEF_EXAMPLES],
  ['suffix spellings', SUFFIX_CASES],
  ['directionals', DIRECTIONAL_CASES],
  ['ordinals', ORDINAL_CASES],
  ['house numbers', HOUSE_NUMBER_CASES],
  ['street names', STREET_NAME_CASES],
  ['units', UNIT_CASES],
  ['town, state and ZIP', PLACE_CASES],
  ['noise', NOISE_CASES],
];

describe('normalizeAddress', () => {
  for (const [title, cases] of ALL_CASES) {
    describe(title, () => {
      it.each(cases)('$input', runCase);
    });
  }

  it.each(NULL_INPUTS)('returns null for %j', (input) => {
    expect(normalizeAddress(input)).toBeNull();
  });

  it('has at least 150 table cases', () => {
    const total = ALL_CASES.reduce((sum, [, cases]) => sum + cases.length, 0) + NULL_INPUTS.length;
    expect(total).toBeGreaterThanOrEqual(150);
  });

  it('gives every spelling of one address the same key', () => {
    const spellings = [
      '12 Burnside Avenue',
      '12 burnside av',
      '12 BURNSIDE AVE.',
      '12 Burnside Ave, East Hartford, CT 06108',
      '12 Burnside Ave Apt 3',
      '12 Burnside Avenu #3',
    ];
    const keys = new Set(spellings.map((spelling) => normalizeAddress(spelling)?.key));
    expect([...keys]).toEqual(['12 BURNSIDE AVE']);
  });

  it('joins directionals, name and suffix into the street', () => {
    expect(normalizeAddress('100 n main st e apt 2')?.street).toBe('N MAIN ST E');
  });

  it('keeps the ZIP+4 extension', () => {
    const address = normalizeAddress('12 Burnside Ave East Hartford CT 06108-1234');
    expect([address?.zip, address?.zip4]).toEqual(['06108', '1234']);
  });

  it('does not depend on the East Hartford configuration', () => {
    const address = normalizeAddress('55 Elm St Springfield MA 01103', { knownCities: EAST_HARTFORD_TOWNS });
    expect([address?.key, address?.city, address?.state]).toEqual(['55 ELM ST', 'SPRINGFIELD', 'MA']);
  });
});

describe('formatAddress', () => {
  const FORMAT_CASES: readonly (readonly [string, string])[] = [
    ['12 burnside av apt 3', '12 Burnside Ave Apt 3'],
    ['100 n main st', '100 N Main St'],
    ['1 first avenue', '1 1st Ave'],
    ['5 oak st # 4', '5 Oak St #4'],
    ['12 main st rear', '12 Main St Rear'],
    ['12 1/2 elm st', '12 1/2 Elm St'],
    ['12a main', '12A Main'],
    ['100 main street north', '100 Main St N'],
    ['12 BURNSIDE AVENUE, EAST HARTFORD CT 06108', '12 Burnside Ave, East Hartford, CT 06108'],
    ['12 burnside ave 06108-1234', '12 Burnside Ave, 06108-1234'],
    ['8 wilkes-barre blvd', '8 Wilkes-Barre Blvd'],
    ['100 us highway 5', '100 US Hwy 5'],
  ];

  it.each(FORMAT_CASES)('%s → %s', (input, formatted) => {
    const address = normalizeAddress(input);
    expect(address).not.toBeNull();
    if (address !== null) expect(formatAddress(address)).toBe(formatted);
  });

  it('formats an address that normalises to itself', () => {
    const address = normalizeAddress('12 Burnside Ave Apt 3, East Hartford, CT 06108');
    if (address === null) throw new Error('expected an address');
    expect(normalizeAddress(formatAddress(address))).toEqual(address);
  });
});

describe('reference tables', () => {
  it('has the whole of Publication 28 Appendix C1', () => {
    expect(STREET_SUFFIX_TABLE.length).toBeGreaterThanOrEqual(200);
    expect(STREET_SUFFIXES.size).toBeGreaterThanOrEqual(500);
  });

  it('maps every standard abbreviation and primary name to the standard abbreviation', () => {
    for (const entry of STREET_SUFFIX_TABLE) {
      expect(STREET_SUFFIXES.get(entry.standard), entry.standard).toBe(entry.standard);
      expect(STREET_SUFFIXES.get(entry.primary), entry.primary).toBe(entry.standard);
    }
  });

  it.each([
    ['AVENUE', 'AVE'],
    ['AVNUE', 'AVE'],
    ['STREET', 'ST'],
    ['STRT', 'ST'],
    ['BOULV', 'BLVD'],
    ['CRSSNG', 'XING'],
    ['MEDOWS', 'MDWS'],
    ['TRNPK', 'TPKE'],
    ['VILLIAGE', 'VLG'],
  ])('maps %s to %s', (spelling, standard) => {
    expect(STREET_SUFFIXES.get(spelling)).toBe(standard);
  });

  it('knows directionals, unit designators, ordinals and states', () => {
    expect(DIRECTIONALS.get('NORTHEAST')).toBe('NE');
    expect(SECONDARY_UNIT_DESIGNATORS.get('SUITE')).toBe('STE');
    expect(SECONDARY_UNIT_DESIGNATORS.get('PENTHOUSE')).toBe('PH');
    expect(ORDINAL_WORDS.get('TWENTIETH')).toBe('20TH');
    expect(ORDINAL_WORDS.get('TWENTY-THIRD')).toBe('23RD');
    expect(STATES.get('CONNECTICUT')).toBe('CT');
    expect(STATES.get('DISTRICT OF COLUMBIA')).toBe('DC');
  });
});
