/**
 * Reference tables for US address normalisation, after USPS Publication 28.
 *
 * Everything here is upper case and built once at module load, so that the normaliser only does map
 * look-ups on its hot path.
 */

export interface StreetSuffixEntry {
  /** The primary street suffix name as Publication 28 spells it out, e.g. 'AVENUE'. */
  readonly primary: string;
  /** The Postal Service standard suffix abbreviation, e.g. 'AVE'. */
  readonly standard: string;
  /** Every commonly used spelling (including the primary name and the standard abbreviation). */
  readonly variants: readonly string[];
}

/**
 * Publication 28 Appendix C1, one row per primary name: [primary, standard, ...other common spellings].
 * The primary name and the standard abbreviation are always accepted, so they are not repeated.
 */
const SUFFIX_ROWS: readonly (readonly string[])[] = [
  ['ALLEY', 'ALY', 'ALLEE', 'ALLY'],
  ['ANEX', 'ANX', 'ANNEX', 'ANNX'],
  ['ARCADE', 'ARC'],
  ['AVENUE', 'AVE', 'AV', 'AVEN', 'AVENU', 'AVN', 'AVNUE'],
  ['BAYOU', 'BYU', 'BAYOO'],
  ['BEACH', 'BCH'],
  ['BEND', 'BND'],
  ['BLUFF', 'BLF', 'BLUF'],
  ['BLUFFS', 'BLFS'],
  ['BOTTOM', 'BTM', 'BOT', 'BOTTM'],
  ['BOULEVARD', 'BLVD', 'BOUL', 'BOULV'],
  ['BRANCH', 'BR', 'BRNCH'],
  ['BRIDGE', 'BRG', 'BRDGE'],
  ['BROOK', 'BRK'],
  ['BROOKS', 'BRKS'],
  ['BURG', 'BG'],
  ['BURGS', 'BGS'],
  ['BYPASS', 'BYP', 'BYPA', 'BYPAS', 'BYPS'],
  ['CAMP', 'CP', 'CMP'],
  ['CANYON', 'CYN', 'CANYN', 'CNYN'],
  ['CAPE', 'CPE'],
  ['CAUSEWAY', 'CSWY', 'CAUSWA'],
  ['CENTER', 'CTR', 'CEN', 'CENT', 'CENTR', 'CENTRE', 'CNTER', 'CNTR'],
  ['CENTERS', 'CTRS'],
  ['CIRCLE', 'CIR', 'CIRC', 'CIRCL', 'CRCL', 'CRCLE'],
  ['CIRCLES', 'CIRS'],
  ['CLIFF', 'CLF'],
  ['CLIFFS', 'CLFS'],
  ['CLUB', 'CLB'],
  ['COMMON', 'CMN'],
  ['COMMONS', 'CMNS'],
  ['CORNER', 'COR'],
  ['CORNERS', 'CORS'],
  ['COURSE', 'CRSE'],
  ['COURT', 'CT'],
  ['COURTS', 'CTS'],
  ['COVE', 'CV'],
  ['COVES', 'CVS'],
  ['CREEK', 'CRK'],
  ['CRESCENT', 'CRES', 'CRSENT', 'CRSNT'],
  ['CREST', 'CRST'],
  ['CROSSING', 'XING', 'CRSSNG'],
  ['CROSSROAD', 'XRD'],
  ['CROSSROADS', 'XRDS'],
  ['CURVE', 'CURV'],
  ['DALE', 'DL'],
  ['DAM', 'DM'],
  ['DIVIDE', 'DV', 'DIV', 'DVD'],
  ['DRIVE', 'DR', 'DRIV', 'DRV'],
  ['DRIVES', 'DRS'],
  ['ESTATE', 'EST'],
  ['ESTATES', 'ESTS'],
  ['EXPRESSWAY', 'EXPY', 'EXP', 'EXPR', 'EXPRESS', 'EXPW'],
  ['EXTENSION', 'EXT', 'EXTN', 'EXTNSN'],
  ['EXTENSIONS', 'EXTS'],
  ['FALL', 'FALL'],
  ['FALLS', 'FLS'],
  ['FERRY', 'FRY', 'FRRY'],
  ['FIELD', 'FLD'],
  ['FIELDS', 'FLDS'],
  ['FLAT', 'FLT'],
  ['FLATS', 'FLTS'],
  ['FORD', 'FRD'],
  ['FORDS', 'FRDS'],
  ['FOREST', 'FRST', 'FORESTS'],
  ['FORGE', 'FRG', 'FORG'],
  ['FORGES', 'FRGS'],
  ['FORK', 'FRK'],
  ['FORKS', 'FRKS'],
  ['FORT', 'FT', 'FRT'],
  ['FREEWAY', 'FWY', 'FREEWY', 'FRWAY', 'FRWY'],
  ['GARDEN', 'GDN', 'GARDN', 'GRDEN', 'GRDN'],
  ['GARDENS', 'GDNS', 'GRDNS'],
  ['GATEWAY', 'GTWY', 'GATEWY', 'GATWAY', 'GTWAY'],
  ['GLEN', 'GLN'],
  ['GLENS', 'GLNS'],
  ['GREEN', 'GRN'],
  ['GREENS', 'GRNS'],
  ['GROVE', 'GRV', 'GROV'],
  ['GROVES', 'GRVS'],
  ['HARBOR', 'HBR', 'HARB', 'HARBR', 'HRBOR'],
  ['HARBORS', 'HBRS'],
  ['HAVEN', 'HVN'],
  ['HEIGHTS', 'HTS', 'HT'],
  ['HIGHWAY', 'HWY', 'HIGHWY', 'HIWAY', 'HIWY', 'HWAY'],
  ['HILL', 'HL'],
  ['HILLS', 'HLS'],
  ['HOLLOW', 'HOLW', 'HLLW', 'HOLLOWS', 'HOLWS'],
  ['INLET', 'INLT'],
  ['ISLAND', 'IS', 'ISLND'],
  ['ISLANDS', 'ISS', 'ISLNDS'],
  ['ISLE', 'ISLE', 'ISLES'],
  ['JUNCTION', 'JCT', 'JCTION', 'JCTN', 'JUNCTN', 'JUNCTON'],
  ['JUNCTIONS', 'JCTS', 'JCTNS'],
  ['KEY', 'KY'],
  ['KEYS', 'KYS'],
  ['KNOLL', 'KNL', 'KNOL'],
  ['KNOLLS', 'KNLS'],
  ['LAKE', 'LK'],
  ['LAKES', 'LKS'],
  ['LAND', 'LAND'],
  ['LANDING', 'LNDG', 'LNDNG'],
  ['LANE', 'LN'],
  ['LIGHT', 'LGT'],
  ['LIGHTS', 'LGTS'],
  ['LOAF', 'LF'],
  ['LOCK', 'LCK'],
  ['LOCKS', 'LCKS'],
  ['LODGE', 'LDG', 'LDGE', 'LODG'],
  ['LOOP', 'LOOP', 'LOOPS'],
  ['MALL', 'MALL'],
  ['MANOR', 'MNR'],
  ['MANORS', 'MNRS'],
  ['MEADOW', 'MDW'],
  // Publication 28 also lists MDW as a spelling of MEADOWS; MDW is MEADOW's own standard, which wins.
  ['MEADOWS', 'MDWS', 'MDW', 'MEDOWS'],
  ['MEWS', 'MEWS'],
  ['MILL', 'ML'],
  ['MILLS', 'MLS'],
  ['MISSION', 'MSN', 'MISSN', 'MSSN'],
  ['MOTORWAY', 'MTWY'],
  ['MOUNT', 'MT', 'MNT'],
  ['MOUNTAIN', 'MTN', 'MNTAIN', 'MNTN', 'MOUNTIN', 'MTIN'],
  ['MOUNTAINS', 'MTNS', 'MNTNS'],
  ['NECK', 'NCK'],
  ['ORCHARD', 'ORCH', 'ORCHRD'],
  ['OVAL', 'OVAL', 'OVL'],
  ['OVERPASS', 'OPAS'],
  ['PARK', 'PARK', 'PRK'],
  ['PARKS', 'PARK'],
  ['PARKWAY', 'PKWY', 'PARKWY', 'PKWAY', 'PKY'],
  ['PARKWAYS', 'PKWY', 'PKWYS'],
  ['PASS', 'PASS'],
  ['PASSAGE', 'PSGE'],
  ['PATH', 'PATH', 'PATHS'],
  ['PIKE', 'PIKE', 'PIKES'],
  ['PINE', 'PNE'],
  ['PINES', 'PNES'],
  ['PLACE', 'PL'],
  ['PLAIN', 'PLN'],
  ['PLAINS', 'PLNS'],
  ['PLAZA', 'PLZ', 'PLZA'],
  ['POINT', 'PT'],
  ['POINTS', 'PTS'],
  ['PORT', 'PRT'],
  ['PORTS', 'PRTS'],
  ['PRAIRIE', 'PR', 'PRR'],
  ['RADIAL', 'RADL', 'RAD', 'RADIEL'],
  ['RAMP', 'RAMP'],
  ['RANCH', 'RNCH', 'RANCHES', 'RNCHS'],
  ['RAPID', 'RPD'],
  ['RAPIDS', 'RPDS'],
  ['REST', 'RST'],
  ['RIDGE', 'RDG', 'RDGE'],
  ['RIDGES', 'RDGS'],
  ['RIVER', 'RIV', 'RVR', 'RIVR'],
  ['ROAD', 'RD'],
  ['ROADS', 'RDS'],
  ['ROUTE', 'RTE'],
  ['ROW', 'ROW'],
  ['RUE', 'RUE'],
  ['RUN', 'RUN'],
  ['SHOAL', 'SHL'],
  ['SHOALS', 'SHLS'],
  ['SHORE', 'SHR', 'SHOAR'],
  ['SHORES', 'SHRS', 'SHOARS'],
  ['SKYWAY', 'SKWY'],
  ['SPRING', 'SPG', 'SPNG', 'SPRNG'],
  ['SPRINGS', 'SPGS', 'SPNGS', 'SPRNGS'],
  ['SPUR', 'SPUR'],
  ['SPURS', 'SPUR'],
  ['SQUARE', 'SQ', 'SQR', 'SQRE', 'SQU'],
  ['SQUARES', 'SQS', 'SQRS'],
  ['STATION', 'STA', 'STATN', 'STN'],
  ['STRAVENUE', 'STRA', 'STRAV', 'STRAVEN', 'STRAVN', 'STRVN', 'STRVNUE'],
  ['STREAM', 'STRM', 'STREME'],
  ['STREET', 'ST', 'STRT', 'STR'],
  ['STREETS', 'STS'],
  ['SUMMIT', 'SMT', 'SUMIT', 'SUMITT'],
  ['TERRACE', 'TER', 'TERR'],
  ['THROUGHWAY', 'TRWY'],
  ['TRACE', 'TRCE', 'TRACES'],
  ['TRACK', 'TRAK', 'TRACKS', 'TRK', 'TRKS'],
  ['TRAFFICWAY', 'TRFY'],
  ['TRAIL', 'TRL', 'TRAILS', 'TRLS'],
  ['TRAILER', 'TRLR', 'TRLRS'],
  ['TUNNEL', 'TUNL', 'TUNEL', 'TUNLS', 'TUNNELS', 'TUNNL'],
  ['TURNPIKE', 'TPKE', 'TRNPK', 'TURNPK'],
  ['UNDERPASS', 'UPAS'],
  ['UNION', 'UN'],
  ['UNIONS', 'UNS'],
  ['VALLEY', 'VLY', 'VALLY', 'VLLY'],
  ['VALLEYS', 'VLYS'],
  ['VIADUCT', 'VIA', 'VDCT', 'VIADCT'],
  ['VIEW', 'VW'],
  ['VIEWS', 'VWS'],
  ['VILLAGE', 'VLG', 'VILL', 'VILLAG', 'VILLG', 'VILLIAGE'],
  ['VILLAGES', 'VLGS'],
  ['VILLE', 'VL'],
  ['VISTA', 'VIS', 'VIST', 'VST', 'VSTA'],
  ['WALK', 'WALK'],
  ['WALKS', 'WALK'],
  ['WALL', 'WALL'],
  ['WAY', 'WAY', 'WY'],
  ['WAYS', 'WAYS'],
  ['WELL', 'WL'],
  ['WELLS', 'WLS'],
];

export const STREET_SUFFIX_TABLE: readonly StreetSuffixEntry[] = SUFFIX_ROWS.map((row) => {
  const [primary = '', standard = '', ...others] = row;
  return { primary, standard, variants: [...new Set([primary, standard, ...others])] };
});

/** Every spelling in Appendix C1 mapped to its standard abbreviation ('AVENU' → 'AVE'). */
export const STREET_SUFFIXES: ReadonlyMap<string, string> = (() => {
  const suffixes = new Map<string, string>();
  for (const entry of STREET_SUFFIX_TABLE) {
    for (const variant of entry.variants) suffixes.set(variant, entry.standard);
  }
  // A standard abbreviation must always mean its own suffix, whatever other row also lists it.
  for (const entry of STREET_SUFFIX_TABLE) suffixes.set(entry.standard, entry.standard);
  return suffixes;
})();

/** Directional words and their Publication 28 abbreviations. */
export const DIRECTIONALS: ReadonlyMap<string, string> = new Map([
  ['N', 'N'],
  ['NORTH', 'N'],
  ['S', 'S'],
  ['SOUTH', 'S'],
  ['E', 'E'],
  ['EAST', 'E'],
  ['W', 'W'],
  ['WEST', 'W'],
  ['NE', 'NE'],
  ['NORTHEAST', 'NE'],
  ['NW', 'NW'],
  ['NORTHWEST', 'NW'],
  ['SE', 'SE'],
  ['SOUTHEAST', 'SE'],
  ['SW', 'SW'],
  ['SOUTHWEST', 'SW'],
]);

/**
 * Secondary unit designators (Publication 28 Appendix C2) and the spellings people type for them,
 * mapped to the USPS abbreviation. '#' is the USPS designator for "a unit of unknown kind".
 */
export const SECONDARY_UNIT_DESIGNATORS: ReadonlyMap<string, string> = new Map([
  ['APARTMENT', 'APT'],
  ['APT', 'APT'],
  ['APPT', 'APT'],
  ['BASEMENT', 'BSMT'],
  ['BSMT', 'BSMT'],
  ['BUILDING', 'BLDG'],
  ['BLDG', 'BLDG'],
  ['BLDNG', 'BLDG'],
  ['DEPARTMENT', 'DEPT'],
  ['DEPT', 'DEPT'],
  ['FLOOR', 'FL'],
  ['FL', 'FL'],
  ['FLR', 'FL'],
  ['FRONT', 'FRNT'],
  ['FRNT', 'FRNT'],
  ['HANGAR', 'HNGR'],
  ['HANGER', 'HNGR'],
  ['HNGR', 'HNGR'],
  ['KEY', 'KEY'],
  ['LOBBY', 'LBBY'],
  ['LBBY', 'LBBY'],
  ['LOT', 'LOT'],
  ['LOWER', 'LOWR'],
  ['LOWR', 'LOWR'],
  ['OFFICE', 'OFC'],
  ['OFC', 'OFC'],
  ['PENTHOUSE', 'PH'],
  ['PH', 'PH'],
  ['PIER', 'PIER'],
  ['REAR', 'REAR'],
  ['ROOM', 'RM'],
  ['RM', 'RM'],
  ['SIDE', 'SIDE'],
  ['SLIP', 'SLIP'],
  ['SPACE', 'SPC'],
  ['SPC', 'SPC'],
  ['STOP', 'STOP'],
  ['SUITE', 'STE'],
  ['STE', 'STE'],
  ['TRAILER', 'TRLR'],
  ['TRLR', 'TRLR'],
  ['UNIT', 'UNIT'],
  ['UPPER', 'UPPR'],
  ['UPPR', 'UPPR'],
  ['#', '#'],
]);

/** Designators that Publication 28 uses without a unit number ('REAR', not 'REAR 2'). */
export const UNIT_DESIGNATORS_WITHOUT_ID: ReadonlySet<string> = new Set([
  'BSMT',
  'FRNT',
  'LBBY',
  'LOWR',
  'OFC',
  'PH',
  'REAR',
  'SIDE',
  'UPPR',
]);

const ORDINAL_UNIT_WORDS: readonly (readonly [string, number])[] = [
  ['FIRST', 1],
  ['SECOND', 2],
  ['THIRD', 3],
  ['FOURTH', 4],
  ['FIFTH', 5],
  ['SIXTH', 6],
  ['SEVENTH', 7],
  ['EIGHTH', 8],
  ['NINTH', 9],
];

const ORDINAL_TEEN_WORDS: readonly (readonly [string, number])[] = [
  ['TENTH', 10],
  ['ELEVENTH', 11],
  ['TWELFTH', 12],
  ['THIRTEENTH', 13],
  ['FOURTEENTH', 14],
  ['FIFTEENTH', 15],
  ['SIXTEENTH', 16],
  ['SEVENTEENTH', 17],
  ['EIGHTEENTH', 18],
  ['NINETEENTH', 19],
];

const TENS_WORDS: readonly (readonly [cardinal: string, ordinal: string, value: number])[] = [
  ['TWENTY', 'TWENTIETH', 20],
  ['THIRTY', 'THIRTIETH', 30],
  ['FORTY', 'FORTIETH', 40],
  ['FIFTY', 'FIFTIETH', 50],
  ['SIXTY', 'SIXTIETH', 60],
  ['SEVENTY', 'SEVENTIETH', 70],
  ['EIGHTY', 'EIGHTIETH', 80],
  ['NINETY', 'NINETIETH', 90],
];

/** The canonical numeric form of an ordinal: 1 → '1ST', 12 → '12TH', 22 → '22ND'. */
export function numericOrdinal(value: number): string {
  const lastTwo = value % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return value + 'TH';
  switch (value % 10) {
    case 1:
      return value + 'ST';
    case 2:
      return value + 'ND';
    case 3:
      return value + 'RD';
    default:
      return value + 'TH';
  }
}

/**
 * Spelled-out ordinals mapped to their numeric form: 'FIRST' → '1ST', 'TWENTIETH' → '20TH', and the
 * hyphenated or run-together compounds 'TWENTY-FIRST' / 'TWENTYFIRST' → '21ST', up to 'HUNDREDTH'.
 */
export const ORDINAL_WORDS: ReadonlyMap<string, string> = (() => {
  const ordinals = new Map<string, string>();
  for (const [word, value] of [...ORDINAL_UNIT_WORDS, ...ORDINAL_TEEN_WORDS]) {
    ordinals.set(word, numericOrdinal(value));
  }
  for (const [cardinal, ordinal, tens] of TENS_WORDS) {
    ordinals.set(ordinal, numericOrdinal(tens));
    for (const [unitWord, unit] of ORDINAL_UNIT_WORDS) {
      ordinals.set(cardinal + '-' + unitWord, numericOrdinal(tens + unit));
      ordinals.set(cardinal + unitWord, numericOrdinal(tens + unit));
    }
  }
  ordinals.set('HUNDREDTH', numericOrdinal(100));
  return ordinals;
})();

/** Tens as separate words ('TWENTY' in 'TWENTY FIRST ST'), for ordinals typed as two words. */
export const ORDINAL_TENS_WORDS: ReadonlyMap<string, number> = new Map(
  TENS_WORDS.map(([cardinal, , value]) => [cardinal, value]),
);

/** The single-word ordinals below ten ('FIRST' → 1), which follow a tens word in a compound. */
export const ORDINAL_UNIT_VALUES: ReadonlyMap<string, number> = new Map(ORDINAL_UNIT_WORDS);

const STATE_ROWS: readonly (readonly [code: string, name: string])[] = [
  ['AL', 'ALABAMA'],
  ['AK', 'ALASKA'],
  ['AZ', 'ARIZONA'],
  ['AR', 'ARKANSAS'],
  ['CA', 'CALIFORNIA'],
  ['CO', 'COLORADO'],
  ['CT', 'CONNECTICUT'],
  ['DE', 'DELAWARE'],
  ['DC', 'DISTRICT OF COLUMBIA'],
  ['FL', 'FLORIDA'],
  ['GA', 'GEORGIA'],
  ['HI', 'HAWAII'],
  ['ID', 'IDAHO'],
  ['IL', 'ILLINOIS'],
  ['IN', 'INDIANA'],
  ['IA', 'IOWA'],
  ['KS', 'KANSAS'],
  ['KY', 'KENTUCKY'],
  ['LA', 'LOUISIANA'],
  ['ME', 'MAINE'],
  ['MD', 'MARYLAND'],
  ['MA', 'MASSACHUSETTS'],
  ['MI', 'MICHIGAN'],
  ['MN', 'MINNESOTA'],
  ['MS', 'MISSISSIPPI'],
  ['MO', 'MISSOURI'],
  ['MT', 'MONTANA'],
  ['NE', 'NEBRASKA'],
  ['NV', 'NEVADA'],
  ['NH', 'NEW HAMPSHIRE'],
  ['NJ', 'NEW JERSEY'],
  ['NM', 'NEW MEXICO'],
  ['NY', 'NEW YORK'],
  ['NC', 'NORTH CAROLINA'],
  ['ND', 'NORTH DAKOTA'],
  ['OH', 'OHIO'],
  ['OK', 'OKLAHOMA'],
  ['OR', 'OREGON'],
  ['PA', 'PENNSYLVANIA'],
  ['RI', 'RHODE ISLAND'],
  ['SC', 'SOUTH CAROLINA'],
  ['SD', 'SOUTH DAKOTA'],
  ['TN', 'TENNESSEE'],
  ['TX', 'TEXAS'],
  ['UT', 'UTAH'],
  ['VT', 'VERMONT'],
  ['VA', 'VIRGINIA'],
  ['WA', 'WASHINGTON'],
  ['WV', 'WEST VIRGINIA'],
  ['WI', 'WISCONSIN'],
  ['WY', 'WYOMING'],
  ['AS', 'AMERICAN SAMOA'],
  ['GU', 'GUAM'],
  ['MP', 'NORTHERN MARIANA ISLANDS'],
  ['PR', 'PUERTO RICO'],
  ['VI', 'VIRGIN ISLANDS'],
  ['FM', 'FEDERATED STATES OF MICRONESIA'],
  ['MH', 'MARSHALL ISLANDS'],
  ['PW', 'PALAU'],
  ['AA', 'ARMED FORCES AMERICAS'],
  ['AE', 'ARMED FORCES EUROPE'],
  ['AP', 'ARMED FORCES PACIFIC'],
];

/** Traditional (pre-ZIP) state abbreviations that callers still use. */
const TRADITIONAL_STATE_ABBREVIATIONS: readonly (readonly [spelling: string, code: string])[] = [
  ['ALA', 'AL'],
  ['ARIZ', 'AZ'],
  ['ARK', 'AR'],
  ['CALIF', 'CA'],
  ['COLO', 'CO'],
  ['CONN', 'CT'],
  ['DEL', 'DE'],
  ['FLA', 'FL'],
  ['MASS', 'MA'],
  ['MICH', 'MI'],
  ['MINN', 'MN'],
  ['MISS', 'MS'],
  ['PENNA', 'PA'],
  ['TENN', 'TN'],
  ['TEX', 'TX'],
  ['WASH', 'WA'],
  ['WISC', 'WI'],
];

/** Two-letter state, district and territory codes, including military 'states'. */
export const STATE_CODES: ReadonlySet<string> = new Set(STATE_ROWS.map(([code]) => code));

/** Every state spelling (code, full name, traditional abbreviation) mapped to its two-letter code. */
export const STATES: ReadonlyMap<string, string> = new Map([
  ...STATE_ROWS.map(([code]) => [code, code] as const),
  ...STATE_ROWS.map(([code, name]) => [name, code] as const),
  ...TRADITIONAL_STATE_ABBREVIATIONS,
]);
