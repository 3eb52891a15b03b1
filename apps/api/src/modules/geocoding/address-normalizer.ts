import {
  DIRECTIONALS,
  numericOrdinal,
  ORDINAL_TENS_WORDS,
  ORDINAL_UNIT_VALUES,
  ORDINAL_WORDS,
  SECONDARY_UNIT_DESIGNATORS,
  STATE_CODES,
  STATES,
  STREET_SUFFIXES,
  UNIT_DESIGNATORS_WITHOUT_ID,
} from './street-suffixes.ts';

export interface AddressUnit {
  /** USPS designator abbreviation: 'APT', 'UNIT', 'STE', 'FL', 'RM', 'REAR', '#', ... */
  type: string;
  id: string | null;
}

export interface NormalizedAddress {
  /** Canonical text: '12', '12A', '12 1/2', '12-14'. */
  houseNumber: string | null;
  /** The number used for interpolation along a segment: 12 for '12A' and '12-14', 12.5 for '12 1/2'. */
  houseNumberValue: number | null;
  preDirectional: string | null;
  /** Upper case, ordinals in numeric form ('1ST'), without directionals or suffix. */
  streetName: string;
  /** USPS standard suffix abbreviation ('AVE', 'ST', 'LN'). */
  streetSuffix: string | null;
  postDirectional: string | null;
  unit: AddressUnit | null;
  /** Upper case, as recognised ('EAST HARTFORD', or the alias 'E HARTFORD' when that was typed). */
  city: string | null;
  /** Two-letter code. */
  state: string | null;
  zip: string | null;
  zip4: string | null;
  /** Pre-directional, name, suffix and post-directional joined by single spaces: 'N MAIN ST'. */
  street: string;
  /** House number and street, without unit or city: '12 BURNSIDE AVE'. */
  key: string;
}

export interface NormalizeOptions {
  /**
   * Town names (and their aliases) to recognise after the street even without a comma, e.g.
   * ['EAST HARTFORD', 'E HARTFORD', 'HARTFORD']. Pass the same array on every call: it is prepared once.
   */
  knownCities?: readonly string[];
}

/** Marker for a free-standing dash right after the first number, so that '12 - 14' stays a range. */
const RANGE_DASH = '-';

/** Suffixes that end a street name for sure; landscape words (HILL, PARK, LAKE) often sit inside names. */
const THOROUGHFARE_SUFFIXES: ReadonlySet<string> = new Set([
  'ALY',
  'AVE',
  'BLVD',
  'BYP',
  'CIR',
  'CRES',
  'CSWY',
  'CT',
  'DR',
  'EXPY',
  'FWY',
  'HWY',
  'LN',
  'PKWY',
  'PL',
  'PLZ',
  'RD',
  'RTE',
  'ST',
  'TER',
  'TPKE',
]);

/** Unit designators that stand alone ('REAR') and are rarely part of a street or town name. */
const UNAMBIGUOUS_DESIGNATORS_WITHOUT_ID: ReadonlySet<string> = new Set([
  'REAR',
  'BSMT',
  'BASEMENT',
  'FRNT',
  'LOWR',
  'UPPR',
  'PH',
  'LBBY',
  'OFC',
]);

/** Designators people run together with the number ('APT3', 'STE100'). */
const ATTACHABLE_DESIGNATORS: readonly string[] = ['SUITE', 'UNIT', 'BLDG', 'APT', 'STE', 'LOT', 'SPC', 'RM'];

const FLOOR_WORDS: ReadonlySet<string> = new Set(['FL', 'FLOOR', 'FLR']);

/** Words before 'ROAD' that make it a numbered road ('COUNTY RD 12') rather than a suffix. */
const NUMBERED_ROAD_QUALIFIERS: ReadonlySet<string> = new Set(['COUNTY', 'CNTY', 'STATE', 'TOWNSHIP', 'TWP']);

/** Name words spelled two ways that must give one key. */
const NAME_WORD_SPELLINGS: ReadonlyMap<string, string> = new Map([['SAINT', 'ST']]);

const NON_ASCII_LETTER = /\p{L}/u;

interface Words {
  readonly text: string[];
  /** Whether a comma, semicolon, line break or free-standing dash separated the word from the previous one. */
  readonly commaBefore: boolean[];
}

interface PlaceTail {
  /** Index of the first word after the street (and unit). */
  end: number;
  city: string | null;
  state: string | null;
  zip: string | null;
  zip4: string | null;
}

interface HouseNumber {
  text: string;
  value: number;
  /** Index of the first word after the house number. */
  next: number;
}

interface UnitMatch {
  unit: AddressUnit;
  /** Index of the first word after the unit. */
  end: number;
}

interface StreetParts {
  preDirectional: string | null;
  name: string[];
  suffix: string | null;
  postDirectional: string | null;
  /** Words after the street that were not a directional: an unrecognised town, or a bare unit number. */
  trailing: string[];
}

type KnownCities = readonly (readonly string[])[];

const NO_KNOWN_CITIES: KnownCities = [];
const preparedKnownCities = new WeakMap<readonly string[], KnownCities>();

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetterCode(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isWordChar(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (isDigitCode(code) || isLetterCode(code)) return true;
  return code > 127 && NON_ASCII_LETTER.test(text.charAt(index));
}

function isAllDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isDigitCode(text.charCodeAt(i))) return false;
  return true;
}

function isAllLetters(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isLetterCode(text.charCodeAt(i))) return false;
  return true;
}

function containsDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isDigitCode(text.charCodeAt(i))) return true;
  return false;
}

function containsLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isLetterCode(code) || (code > 127 && NON_ASCII_LETTER.test(text.charAt(i)))) return true;
  }
  return false;
}

function leadingDigitCount(text: string): number {
  let count = 0;
  while (count < text.length && isDigitCode(text.charCodeAt(count))) count++;
  return count;
}

function nextNonSpaceIsDigit(text: string, from: number): boolean {
  let index = from;
  while (text.charAt(index) === ' ' || text.charAt(index) === '\t') index++;
  return isDigitCode(text.charCodeAt(index));
}

/**
 * Splits into upper-case words. Periods, apostrophes and other punctuation go; '#' becomes its own word,
 * '-' and '/' survive inside '12-14', 'WILKES-BARRE' and '1/2', and dotted initials join ('N.E.' → 'NE').
 */
function tokenize(input: string): Words {
  const upper = input.toUpperCase();
  const text: string[] = [];
  const commaBefore: boolean[] = [];
  let current = '';
  let pendingComma = false;
  const push = (word: string): void => {
    text.push(word);
    commaBefore.push(pendingComma);
    pendingComma = false;
  };

  for (let i = 0; i < upper.length; i++) {
    if (isWordChar(upper, i)) {
      current += upper.charAt(i);
      continue;
    }
    const char = upper.charAt(i);
    if (char === "'" || char === '\u2019' || char === '`') continue;
    if (
      char === '.' &&
      current.length === 1 &&
      isLetterCode(current.charCodeAt(0)) &&
      isLetterCode(upper.charCodeAt(i + 1)) &&
      !isWordChar(upper, i + 2)
    ) {
      continue;
    }
    if (
      char === '/' &&
      isDigitCode(current.charCodeAt(current.length - 1)) &&
      isDigitCode(upper.charCodeAt(i + 1))
    ) {
      current += char;
      continue;
    }
    if (char === '-' && current !== '' && isWordChar(upper, i + 1)) {
      current += char;
      continue;
    }

    if (current !== '') {
      push(current);
      current = '';
    }
    switch (char) {
      case '#':
        push('#');
        break;
      case ',':
      case ';':
      case '|':
      case '\n':
      case '\r':
        pendingComma = true;
        break;
      case '-':
      case '\u2013':
      case '\u2014':
        if (text.length === 1 && isAllDigits(text[0] ?? '') && nextNonSpaceIsDigit(upper, i + 1))
          push(RANGE_DASH);
        else pendingComma = true;
        break;
      case '\u00bd':
        push('1/2');
        break;
      case '\u00bc':
        push('1/4');
        break;
      case '\u00be':
        push('3/4');
        break;
    }
  }
  if (current !== '') push(current);
  return { text, commaBefore };
}

function prepareKnownCities(cities: readonly string[] | undefined): KnownCities {
  if (cities === undefined || cities.length === 0) return NO_KNOWN_CITIES;
  let prepared = preparedKnownCities.get(cities);
  if (prepared === undefined) {
    prepared = cities
      .map((city) => tokenize(city).text.filter((word) => word !== '#' && word !== RANGE_DASH))
      .filter((words) => words.length > 0)
      .sort((a, b) => b.length - a.length);
    preparedKnownCities.set(cities, prepared);
  }
  return prepared;
}

/** '21st' → '21ST', and the misspelt '3th' → '3RD'; null when the word is not a number with an ordinal ending. */
function canonicalNumericOrdinal(word: string): string | null {
  const digits = leadingDigitCount(word);
  if (digits === 0 || word.length !== digits + 2) return null;
  const ending = word.slice(digits);
  if (ending !== 'ST' && ending !== 'ND' && ending !== 'RD' && ending !== 'TH') return null;
  return numericOrdinal(Number(word.slice(0, digits)));
}

function ordinalOf(word: string): string | null {
  return ORDINAL_WORDS.get(word) ?? canonicalNumericOrdinal(word);
}

function isHouseNumberStart(word: string): boolean {
  return isDigitCode(word.charCodeAt(0)) && canonicalNumericOrdinal(word) === null;
}

function parseFraction(word: string): number | null {
  const slash = word.indexOf('/');
  if (slash <= 0) return null;
  const numerator = word.slice(0, slash);
  const denominator = word.slice(slash + 1);
  if (!isAllDigits(numerator) || !isAllDigits(denominator) || Number(denominator) === 0) return null;
  return Number(numerator) / Number(denominator);
}

function withoutLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits.charAt(start) === '0') start++;
  return digits.slice(start);
}

/** Is there a street word (not the house number, not a '#') before index `end`? */
function hasStreetBefore(words: readonly string[], end: number): boolean {
  for (let i = 0; i < end; i++) {
    const word = words[i] ?? '';
    if (i === 0 && isHouseNumberStart(word)) continue;
    if (word === '#' || parseFraction(word) !== null) continue;
    if (containsLetter(word)) return true;
  }
  return false;
}

function firstStreetIndex(words: readonly string[]): number {
  return isHouseNumberStart(words[0] ?? '') ? 1 : 0;
}

function isIdTakingDesignator(word: string): boolean {
  const type = SECONDARY_UNIT_DESIGNATORS.get(word);
  return type !== undefined && !UNIT_DESIGNATORS_WITHOUT_ID.has(type);
}

function knownCityEndingAt(words: readonly string[], end: number, cities: KnownCities): number | null {
  for (const city of cities) {
    const start = end - city.length;
    if (start < 0) continue;
    let matches = true;
    for (let j = 0; j < city.length && matches; j++) matches = words[start + j] === city[j];
    if (matches && hasStreetBefore(words, start)) return start;
  }
  return null;
}

/**
 * Looks left of a would-be state for the street suffix, counting the town words in between. A state
 * spelled like a street word ('CT' is also Court) is believed only when a real suffix precedes it.
 */
function suffixEvidenceBefore(
  words: readonly string[],
  end: number,
): { thoroughfare: boolean; wordsBetween: number } | null {
  const first = firstStreetIndex(words);
  let wordsBetween = 0;
  let nearest: { thoroughfare: boolean; wordsBetween: number } | null = null;
  for (let i = end - 1; i > first; i--) {
    const word = words[i] ?? '';
    const suffix = STREET_SUFFIXES.get(word);
    if (suffix !== undefined && THOROUGHFARE_SUFFIXES.has(suffix))
      return { thoroughfare: true, wordsBetween };
    if (suffix !== undefined) nearest ??= { thoroughfare: false, wordsBetween };
    if (!containsDigit(word) && word !== '#' && !SECONDARY_UNIT_DESIGNATORS.has(word)) wordsBetween++;
  }
  return nearest;
}

function acceptsState(
  words: Words,
  phrase: string,
  start: number,
  end: number,
  zipFound: boolean,
  cities: KnownCities,
): boolean {
  if (!hasStreetBefore(words.text, start)) return false;
  // 'APT PA' or '# OK' is a unit, not a state.
  const previous = words.text[start - 1] ?? '';
  if (isIdTakingDesignator(previous) && !words.commaBefore[start]) return false;
  if (words.commaBefore[start]) return true;

  const isPlainCode = phrase.length === 2 && STATE_CODES.has(phrase);
  const looksLikeLocator = DIRECTIONALS.has(phrase) || SECONDARY_UNIT_DESIGNATORS.has(phrase);
  const looksLikeStreetWord = STREET_SUFFIXES.has(phrase) || !isPlainCode;
  if (!looksLikeLocator && !looksLikeStreetWord) return true;
  if (knownCityEndingAt(words.text, start, cities) !== null) return true;
  // A spelled-out state that is also a configured town ('WASHINGTON') is the town.
  if (!isPlainCode && knownCityEndingAt(words.text, end, cities) !== null) return false;

  if (FLOOR_WORDS.has(phrase) && ordinalOf(previous) !== null) return false;
  const evidence = suffixEvidenceBefore(words.text, start);
  // 'MAIN ST NE' is a post-directional and '2ND FL' a floor unless a town sits in between.
  if (looksLikeLocator) return zipFound || (evidence !== null && evidence.wordsBetween > 0);
  if (zipFound && !isPlainCode) return true;
  return evidence !== null && (evidence.thoroughfare || evidence.wordsBetween > 0);
}

function parseZip(word: string): [zip: string, zip4: string | null] | null {
  if (word.length === 5 && isAllDigits(word)) return [word, null];
  if (word.length === 9 && isAllDigits(word)) return [word.slice(0, 5), word.slice(5)];
  if (word.length === 10 && word.charAt(5) === '-') {
    const zip = word.slice(0, 5);
    const zip4 = word.slice(6);
    if (isAllDigits(zip) && isAllDigits(zip4)) return [zip, zip4];
  }
  return null;
}

function isPlaceSegment(words: readonly string[], start: number, end: number): boolean {
  const first = words[start] ?? '';
  if (SECONDARY_UNIT_DESIGNATORS.has(first)) return false;
  if (end - start === 1 && DIRECTIONALS.has(first)) return false;
  // '12 BURNSIDE, AVE' split a street from its suffix; '... ST NW, GREEN' is the town of Green.
  if (end - start === 1 && STREET_SUFFIXES.has(first) && !isStreetEnding(words[start - 1] ?? ''))
    return false;
  for (let i = start; i < end; i++) if (containsDigit(words[i] ?? '')) return false;
  return true;
}

/** Peels ZIP, state and town off the end, right to left. */
function parsePlaceTail(words: Words, cities: KnownCities): PlaceTail {
  const text = words.text;
  const tail: PlaceTail = { end: text.length, city: null, state: null, zip: null, zip4: null };

  const last = text[tail.end - 1] ?? '';
  const lastTwo = tail.end >= 2 ? text[tail.end - 2] + ' ' + last : '';
  if (lastTwo === 'UNITED STATES' && hasStreetBefore(text, tail.end - 2)) tail.end -= 2;
  else if (
    (last === 'USA' || (last === 'US' && words.commaBefore[tail.end - 1])) &&
    hasStreetBefore(text, tail.end - 1)
  )
    tail.end -= 1;

  const zip = parseZip(text[tail.end - 1] ?? '');
  if (zip !== null && hasStreetBefore(text, tail.end - 1)) {
    [tail.zip, tail.zip4] = zip;
    tail.end -= 1;
  }

  // Longest first: 'NEW YORK' before 'YORK', 'DISTRICT OF COLUMBIA' before anything shorter.
  for (let size = Math.min(4, tail.end); size >= 1; size--) {
    const start = tail.end - size;
    const phrase = size === 1 ? (text[start] ?? '') : text.slice(start, tail.end).join(' ');
    const code = STATES.get(phrase);
    if (code !== undefined && acceptsState(words, phrase, start, tail.end, tail.zip !== null, cities)) {
      tail.state = code;
      tail.end = start;
      break;
    }
  }

  const cityStart = knownCityEndingAt(text, tail.end, cities);
  if (cityStart !== null) {
    tail.city = text.slice(cityStart, tail.end).join(' ');
    tail.end = cityStart;
    return tail;
  }

  for (let start = tail.end - 1; start >= 1; start--) {
    if (!words.commaBefore[start]) continue;
    if (isPlaceSegment(text, start, tail.end) && hasStreetBefore(text, start)) {
      tail.city = text.slice(start, tail.end).join(' ');
      tail.end = start;
    }
    break;
  }
  return tail;
}

/** '12', '12A', '12 A', '012', '12-14', '12 - 14', '12-A', '12 1/2', '12-1/2', '12½'. */
function parseHouseNumber(words: readonly string[], start: number, end: number): HouseNumber | null {
  const word = words[start] ?? '';
  if (start >= end || !isHouseNumberStart(word)) return null;

  const digitCount = leadingDigitCount(word);
  const digits = withoutLeadingZeros(word.slice(0, digitCount));
  const rest = word.slice(digitCount);
  const value = Number(digits);
  const afterDash = rest.slice(1);

  if (rest === '') return extendPlainHouseNumber(words, start, end, digits, value);
  if (isAllLetters(rest) && rest.length <= 2) return { text: digits + rest, value, next: start + 1 };
  if (rest.charAt(0) === '-' && isAllDigits(afterDash))
    return { text: digits + rest, value, next: start + 1 };
  if (rest.charAt(0) === '-' && isAllLetters(afterDash) && afterDash.length <= 2) {
    return { text: digits + afterDash, value, next: start + 1 };
  }
  const trailingFraction = rest.charAt(0) === '-' ? parseFraction(afterDash) : null;
  if (trailingFraction !== null)
    return { text: digits + ' ' + afterDash, value: value + trailingFraction, next: start + 1 };
  const wholeFraction = parseFraction(word);
  if (wholeFraction !== null) return { text: word, value: wholeFraction, next: start + 1 };
  // Grid numbers such as 'N123W456' or '12B-14' are kept as typed.
  return { text: word, value, next: start + 1 };
}

function extendPlainHouseNumber(
  words: readonly string[],
  start: number,
  end: number,
  digits: string,
  value: number,
): HouseNumber {
  const next = words[start + 1] ?? '';
  if (start + 1 < end) {
    const fraction = parseFraction(next);
    if (fraction !== null) return { text: digits + ' ' + next, value: value + fraction, next: start + 2 };
    const rangeEnd = words[start + 2] ?? '';
    if (next === RANGE_DASH && start + 2 < end && isAllDigits(rangeEnd)) {
      return { text: digits + '-' + rangeEnd, value, next: start + 3 };
    }
    // '12 A Main St' and '12 A Park Ave' are 12A, but in '12 B St' the B is the street's name.
    const nameStart = words[start + 2] ?? '';
    const startsName =
      start + 2 < end &&
      containsLetter(nameStart) &&
      !SECONDARY_UNIT_DESIGNATORS.has(nameStart) &&
      (!STREET_SUFFIXES.has(nameStart) || (start + 3 < end && STREET_SUFFIXES.has(words[start + 3] ?? '')));
    if (next.length === 1 && isLetterCode(next.charCodeAt(0)) && !DIRECTIONALS.has(next) && startsName) {
      return { text: digits + next, value, next: start + 2 };
    }
  }
  return { text: digits, value, next: start + 1 };
}

function isUnitId(word: string): boolean {
  if (word === '' || word === '#') return false;
  if (containsDigit(word)) return true;
  return word.length <= 2 && isAllLetters(word) && !STREET_SUFFIXES.has(word);
}

function isStreetEnding(word: string): boolean {
  return STREET_SUFFIXES.has(word) || DIRECTIONALS.has(word);
}

/** A unit starting at `index`: 'APT 3', 'APT # 3', '# 3', 'UNIT 2B', '2ND FLOOR', 'REAR', 'APT3'. */
function matchUnitAt(words: readonly string[], index: number): UnitMatch | null {
  const word = words[index] ?? '';
  const next = words[index + 1] ?? '';
  if (word === '#') return isUnitId(next) ? { unit: { type: '#', id: next }, end: index + 2 } : null;

  const ordinal = ordinalOf(word);
  if (ordinal !== null && FLOOR_WORDS.has(next)) {
    return { unit: { type: 'FL', id: ordinal.slice(0, -2) }, end: index + 2 };
  }

  const type = SECONDARY_UNIT_DESIGNATORS.get(word);
  if (type === undefined) return matchAttachedUnit(word, index);

  if (UNIT_DESIGNATORS_WITHOUT_ID.has(type)) {
    // 'FRONT', 'SIDE', 'LOWER' are also ordinary words; only trust them last, right after the street.
    const trusted =
      UNAMBIGUOUS_DESIGNATORS_WITHOUT_ID.has(word) ||
      (index === words.length - 1 && index >= 2 && isStreetEnding(words[index - 1] ?? ''));
    return trusted ? { unit: { type, id: null }, end: index + 1 } : null;
  }

  const idIndex = next === '#' ? index + 2 : index + 1;
  const id = words[idIndex];
  if (id !== undefined && isUnitId(id)) return { unit: { type, id }, end: idIndex + 1 };
  if (
    id === undefined &&
    index >= 2 &&
    !STREET_SUFFIXES.has(word) &&
    isStreetEnding(words[index - 1] ?? '')
  ) {
    return { unit: { type, id: null }, end: idIndex };
  }
  return null;
}

function matchAttachedUnit(word: string, index: number): UnitMatch | null {
  if (!containsDigit(word) || !isLetterCode(word.charCodeAt(0))) return null;
  for (const designator of ATTACHABLE_DESIGNATORS) {
    if (word.startsWith(designator) && isDigitCode(word.charCodeAt(designator.length))) {
      const type = SECONDARY_UNIT_DESIGNATORS.get(designator) ?? designator;
      return { unit: { type, id: word.slice(designator.length) }, end: index + 1 };
    }
  }
  return null;
}

function isRouteNumber(word: string): boolean {
  const digits = leadingDigitCount(word);
  if (digits === 0 || canonicalNumericOrdinal(word) !== null) return false;
  const rest = word.slice(digits);
  return rest === '' || (rest.length <= 2 && isAllLetters(rest));
}

/** 'ROUTE 5', 'RT 5', 'HWY 44', 'COUNTY RD 12': the suffix word plus number is the name. */
function routeAbbreviation(words: readonly string[], index: number): string | null {
  const word = words[index] ?? '';
  if (!isRouteNumber(words[index + 1] ?? '')) return null;
  if (word === 'RT') return 'RTE';
  const suffix = STREET_SUFFIXES.get(word);
  if (suffix === 'RTE' || suffix === 'HWY') return suffix;
  if (suffix === 'RD' && NUMBERED_ROAD_QUALIFIERS.has(words[index - 1] ?? '')) return suffix;
  return null;
}

function canonicalNameWords(words: readonly string[]): string[] {
  const name: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const tens = ORDINAL_TENS_WORDS.get(word);
    const unit = ORDINAL_UNIT_VALUES.get(words[i + 1] ?? '');
    if (tens !== undefined && unit !== undefined) {
      name.push(numericOrdinal(tens + unit));
      i++;
      continue;
    }
    name.push(ordinalOf(word) ?? NAME_WORD_SPELLINGS.get(word) ?? word);
  }
  return name;
}

function chooseSuffixIndex(words: readonly string[]): number {
  let chosen = -1;
  for (let i = 1; i < words.length && chosen < 0; i++) {
    const suffix = STREET_SUFFIXES.get(words[i] ?? '');
    if (suffix !== undefined && THOROUGHFARE_SUFFIXES.has(suffix)) chosen = i;
  }
  if (chosen < 0) {
    for (let i = words.length - 1; i >= 1 && chosen < 0; i--)
      if (STREET_SUFFIXES.has(words[i] ?? '')) chosen = i;
    return chosen;
  }
  // 'PARK TERRACE AVE', 'MAIN ST EXT': a later suffix that ends the street wins over an earlier one.
  while (chosen + 1 < words.length) {
    const following = STREET_SUFFIXES.get(words[chosen + 1] ?? '');
    if (following === undefined) break;
    const remaining = words.length - (chosen + 2);
    const endsStreet =
      remaining === 0 || (remaining === 1 && DIRECTIONALS.has(words[words.length - 1] ?? ''));
    if (following !== 'EXT' && !THOROUGHFARE_SUFFIXES.has(following) && !endsStreet) break;
    chosen++;
  }
  return chosen;
}

function splitPostDirectional(parts: StreetParts): void {
  const first = parts.trailing[0];
  // 'MAIN ST EAST HARTFORD' is a town; 'MAIN ST E HARTFORD' and 'MAIN ST EAST' keep the directional.
  if (first !== undefined && DIRECTIONALS.has(first) && (parts.trailing.length === 1 || first.length <= 2)) {
    parts.postDirectional = DIRECTIONALS.get(first) ?? null;
    parts.trailing = parts.trailing.slice(1);
  }
}

function parseStreet(words: readonly string[]): StreetParts | null {
  if (!words.some(containsLetter)) return null;
  const startsWithDirectional = DIRECTIONALS.has(words[0] ?? '');

  for (let i = 0; i + 1 < words.length; i++) {
    const route = routeAbbreviation(words, i);
    if (route === null) continue;
    const hasPre = startsWithDirectional && i >= 1;
    const parts: StreetParts = {
      preDirectional: hasPre ? (DIRECTIONALS.get(words[0] ?? '') ?? null) : null,
      name: [...canonicalNameWords(words.slice(hasPre ? 1 : 0, i)), route, words[i + 1] ?? ''],
      suffix: null,
      postDirectional: null,
      trailing: words.slice(i + 2),
    };
    splitPostDirectional(parts);
    return parts;
  }

  const suffixIndex = chooseSuffixIndex(words);
  if (suffixIndex >= 1) {
    const hasPre = startsWithDirectional && suffixIndex >= 2;
    const nameWords = canonicalNameWords(words.slice(hasPre ? 1 : 0, suffixIndex));
    const suffix = STREET_SUFFIXES.get(words[suffixIndex] ?? '') ?? null;
    // 'MAIN STREET EXTENSION' and 'MAIN ST EXT' are one street.
    if (suffix === 'EXT') {
      const last = nameWords.length - 1;
      const inner = STREET_SUFFIXES.get(nameWords[last] ?? '');
      if (last >= 1 && inner !== undefined && THOROUGHFARE_SUFFIXES.has(inner)) nameWords[last] = inner;
    }
    const parts: StreetParts = {
      preDirectional: hasPre ? (DIRECTIONALS.get(words[0] ?? '') ?? null) : null,
      name: nameWords,
      suffix,
      postDirectional: null,
      trailing: words.slice(suffixIndex + 1),
    };
    splitPostDirectional(parts);
    return parts;
  }

  const hasPre = startsWithDirectional && words.length >= 2;
  const nameStart = hasPre ? 1 : 0;
  const hasPost = words.length - nameStart >= 2 && DIRECTIONALS.has(words[words.length - 1] ?? '');
  const nameWords = canonicalNameWords(words.slice(nameStart, hasPost ? -1 : undefined));
  // 'AVENUE A' and 'AVE A' are one street.
  if (nameWords.length >= 2 && STREET_SUFFIXES.get(nameWords[0] ?? '') === 'AVE') nameWords[0] = 'AVE';
  return {
    preDirectional: hasPre ? (DIRECTIONALS.get(words[0] ?? '') ?? null) : null,
    name: nameWords,
    suffix: null,
    postDirectional: hasPost ? (DIRECTIONALS.get(words[words.length - 1] ?? '') ?? null) : null,
    trailing: [],
  };
}

/** Finds the unit after the street; when several are given ('BLDG 5 APT 3') the last with an id is kept. */
function extractUnit(words: readonly string[]): {
  streetEnd: number;
  unit: AddressUnit | null;
  rest: string[];
} {
  for (let index = 1; index < words.length; index++) {
    let match = matchUnitAt(words, index);
    if (match === null) continue;
    let unit = match.unit;
    let end = match.end;
    while (end < words.length) {
      match = matchUnitAt(words, end);
      if (match === null) break;
      if (match.unit.id !== null || unit.id === null) unit = match.unit;
      end = match.end;
    }
    return { streetEnd: index, unit, rest: words.slice(end) };
  }
  return { streetEnd: words.length, unit: null, rest: [] };
}

function isOnlyStateAndZip(words: readonly string[]): boolean {
  return words.every((word) => STATES.has(word) || parseZip(word) !== null);
}

/**
 * Parses a free-typed US address into USPS-style parts and a canonical key. Returns null when there is
 * no street at all (empty input, punctuation, a lone number, a lone unit or a bare state and ZIP).
 */
export function normalizeAddress(input: string, options: NormalizeOptions = {}): NormalizedAddress | null {
  const words = tokenize(input);
  const text = words.text;
  if (text.length === 0 || isOnlyStateAndZip(text)) return null;

  const place = parsePlaceTail(words, prepareKnownCities(options.knownCities));
  let start = 0;
  let leadingUnit: AddressUnit | null = null;
  // 'APT 3, 12 MAIN ST' or '2ND FLOOR 12 MAIN ST': a unit typed before the house number.
  const unitFirst = matchUnitAt(text, 0);
  if (unitFirst !== null && unitFirst.end >= place.end) return null;
  if (unitFirst !== null && isHouseNumberStart(text[unitFirst.end] ?? '')) {
    leadingUnit = unitFirst.unit;
    start = unitFirst.end;
  } else if (text[0] === '#' && isHouseNumberStart(text[1] ?? '') && place.end > 2) {
    // '#5 MAIN ST' numbers the house, not a unit.
    start = 1;
  }

  const houseNumber = parseHouseNumber(text, start, place.end);
  const body = text.slice(houseNumber?.next ?? start, place.end).filter((word) => word !== RANGE_DASH);
  if (body.length === 0) return null;
  // '12 APT 3' has a unit but no street.
  const unitOnly = matchUnitAt(body, 0);
  if (unitOnly !== null && unitOnly.end >= body.length) return null;

  const { streetEnd, unit, rest } = extractUnit(body);
  const street = parseStreet(body.slice(0, streetEnd));
  if (street === null) return null;

  let finalUnit = unit ?? leadingUnit;
  let leftover = [...street.trailing, ...rest];
  // '12 MAIN ST 3': a bare number after the street is a unit of unknown kind.
  if (finalUnit === null && street.trailing.length === 1 && containsDigit(street.trailing[0] ?? '')) {
    finalUnit = { type: '#', id: street.trailing[0] ?? null };
    leftover = rest;
  }
  // Left-over words become the town only when they look like one; '... BOX 212 MCLEANSBORO' does not.
  const looksLikeTown = leftover.some(containsLetter) && !leftover.some(containsDigit);
  const city = place.city ?? (looksLikeTown ? leftover.join(' ') : null);

  const streetKey = [street.preDirectional, street.name.join(' '), street.suffix, street.postDirectional]
    .filter((part): part is string => part !== null && part !== '')
    .join(' ');
  return {
    houseNumber: houseNumber?.text ?? null,
    houseNumberValue: houseNumber?.value ?? null,
    preDirectional: street.preDirectional,
    streetName: street.name.join(' '),
    streetSuffix: street.suffix,
    postDirectional: street.postDirectional,
    unit: finalUnit,
    city,
    state: place.state,
    zip: place.zip,
    zip4: place.zip4,
    street: streetKey,
    key: houseNumber === null ? streetKey : houseNumber.text + ' ' + streetKey,
  };
}

/** Words that stay upper case in title case. */
const UPPER_CASE_WORDS: ReadonlySet<string> = new Set(['US']);

function titleCase(text: string): string {
  let result = '';
  let wordStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const char = text.charAt(i);
    if (i < text.length && char !== ' ' && char !== '-' && char !== '/') continue;
    const word = text.slice(wordStart, i);
    result +=
      UPPER_CASE_WORDS.has(word) || DIRECTIONALS.get(word) === word
        ? word
        : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
    result += char;
    wordStart = i + 1;
  }
  return result;
}

function formatUnit(unit: AddressUnit): string {
  if (unit.type === '#') return '#' + (unit.id ?? '');
  return unit.id === null ? titleCase(unit.type) : titleCase(unit.type) + ' ' + unit.id;
}

/**
 * One-line form for people: '12 Burnside Ave Apt 3', with ', East Hartford, CT 06108' appended when the
 * address has a town, state or ZIP. Directionals, state and unit ids stay upper case.
 */
export function formatAddress(a: NormalizedAddress): string {
  const streetParts: string[] = [];
  if (a.houseNumber !== null) streetParts.push(a.houseNumber);
  if (a.preDirectional !== null) streetParts.push(a.preDirectional);
  if (a.streetName !== '') streetParts.push(titleCase(a.streetName));
  if (a.streetSuffix !== null) streetParts.push(titleCase(a.streetSuffix));
  if (a.postDirectional !== null) streetParts.push(a.postDirectional);
  if (a.unit !== null) streetParts.push(formatUnit(a.unit));

  const zip = a.zip === null ? null : a.zip4 === null ? a.zip : a.zip + '-' + a.zip4;
  const stateAndZip = [a.state, zip].filter((part): part is string => part !== null).join(' ');
  const place = [a.city === null ? '' : titleCase(a.city), stateAndZip].filter((part) => part !== '');
  return [streetParts.join(' '), ...place].join(', ');
}
