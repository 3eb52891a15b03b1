import { placeKinds, type PlaceKind } from '@nsp/contracts';
import { csvRows, pointFeature, readCoordinates } from './address-rows.ts';
import { placeKeyOf } from './places-index.ts';

/** One row of a places file before it is checked. */
export interface PlaceRowInput {
  row: number;
  name: unknown;
  aliases: unknown;
  kind: unknown;
  address: unknown;
  lat: unknown;
  lon: unknown;
  readingProblem?: string;
}

/** A checked row, ready to store. */
export interface PlaceValues {
  /** The input row it came from (for the report). */
  row: number;
  name_key: string;
  name: string;
  aliases: string[];
  alias_keys: string[];
  kind: PlaceKind;
  address: string | null;
  lat: number;
  lon: number;
  source: string;
}

export interface PlaceRejection {
  row: number;
  name: string | null;
  reason: string;
}

const MAX_NAME_LENGTH = 200;
const MAX_ADDRESS_LENGTH = 300;
const MAX_ALIASES = 20;

/** Rows from `text/csv`: header name,lat,lon and optionally aliases (separated by ";"), kind, address. */
export function placeRowsFromCsv(text: string): PlaceRowInput[] {
  return csvRows(text, ['name', 'lat', 'lon'] as const, ['aliases', 'kind', 'address'] as const).map(
    ({ row, values, readingProblem }) => ({
      row,
      name: values.name ?? null,
      aliases: values.aliases ?? null,
      kind: values.kind ?? null,
      address: values.address ?? null,
      lat: values.lat ?? null,
      lon: values.lon ?? null,
      ...(readingProblem ? { readingProblem } : {}),
    }),
  );
}

/** Rows from a GeoJSON FeatureCollection of Points with properties.name (aliases, kind, address). */
export function placeRowsFromFeatures(features: readonly unknown[]): PlaceRowInput[] {
  return features.map((feature, row) => {
    const read = pointFeature(feature);
    const { name = null, aliases = null, kind = null, address = null } = read.properties;
    const base = { row, name, aliases, kind, address };
    if ('problem' in read) return { ...base, lat: null, lon: null, readingProblem: read.problem };
    return { ...base, lat: read.lat, lon: read.lon };
  });
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function aliasesOf(value: unknown): string[] | string {
  if (value === null || value === undefined || value === '') return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[;|]/) : null;
  if (!list) return 'aliases must be a list of names or one text with ";" between names';
  const aliases = list.map((alias) => (typeof alias === 'string' ? alias.trim() : null));
  if (aliases.some((alias) => alias === null)) return 'every alias must be a text';
  const names = (aliases as string[]).filter((alias) => alias !== '');
  if (names.length > MAX_ALIASES) return `a place may have at most ${MAX_ALIASES} aliases`;
  if (names.some((alias) => alias.length > MAX_NAME_LENGTH))
    return `an alias is longer than ${MAX_NAME_LENGTH} characters`;
  return names;
}

/**
 * Checks rows: every bad row is rejected with its reason, never the whole file. A name or alias that
 * an earlier row of the file already uses is refused (each name leads to one place).
 */
export function preparePlaceRows(
  rows: readonly PlaceRowInput[],
  source: string,
): { values: PlaceValues[]; rejected: PlaceRejection[] } {
  const values: PlaceValues[] = [];
  const rejected: PlaceRejection[] = [];
  const rowOfKey = new Map<string, number>();
  for (const input of rows) {
    const name = text(input.name);
    const reject = (reason: string) => rejected.push({ row: input.row, name, reason });
    if (input.readingProblem) {
      reject(input.readingProblem);
      continue;
    }
    if (!name) {
      reject('the name is missing');
      continue;
    }
    if (name.length > MAX_NAME_LENGTH) {
      reject(`the name is longer than ${MAX_NAME_LENGTH} characters`);
      continue;
    }
    const nameKey = placeKeyOf(name);
    if (nameKey === '') {
      reject('the name has no letters or digits');
      continue;
    }
    const aliases = aliasesOf(input.aliases);
    if (typeof aliases === 'string') {
      reject(aliases);
      continue;
    }
    const kindText = text(input.kind)?.toLowerCase() ?? 'other';
    if (!(placeKinds as readonly string[]).includes(kindText)) {
      reject(`kind "${kindText}" is not one of ${placeKinds.join(', ')}`);
      continue;
    }
    const address = text(input.address);
    if (address !== null && address.length > MAX_ADDRESS_LENGTH) {
      reject(`the address is longer than ${MAX_ADDRESS_LENGTH} characters`);
      continue;
    }
    const point = readCoordinates(input.lat, input.lon);
    if ('problem' in point) {
      reject(point.problem);
      continue;
    }
    const aliasKeys = [...new Set(aliases.map(placeKeyOf))].filter((key) => key !== '' && key !== nameKey);
    const keys = [nameKey, ...aliasKeys];
    const clash = keys.find((key) => rowOfKey.has(key));
    if (clash !== undefined) {
      reject(`the name or alias ${clash} is already used in row ${rowOfKey.get(clash)}`);
      continue;
    }
    for (const key of keys) rowOfKey.set(key, input.row);
    values.push({
      row: input.row,
      name_key: nameKey,
      name,
      aliases,
      alias_keys: aliasKeys,
      kind: kindText as PlaceKind,
      address,
      lat: point.lat,
      lon: point.lon,
      source,
    });
  }
  return { values, rejected };
}
