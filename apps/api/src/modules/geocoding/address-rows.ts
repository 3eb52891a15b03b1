import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../lib/errors.ts';

/** One row of an address-point file before it is checked: what the file said, as it said it. */
export interface AddressRowInput {
  /** CSV line number (the header is line 1) or feature index from 0. */
  row: number;
  address: unknown;
  lat: unknown;
  lon: unknown;
  /** A problem found while reading the row (bad geometry, broken CSV record). */
  readingProblem?: string;
}

/** One CSV record by column name (the columns asked for), with its line number or reading problem. */
export interface CsvRow<C extends string> {
  row: number;
  values: Record<C, string | undefined>;
  readingProblem?: string;
}

/**
 * Records of a `text/csv` body whose header names at least the `required` columns (any order, any
 * case); `optional` columns are read when present. A broken record becomes a row with its reading
 * problem; a missing required column is a 400 naming the body.
 */
export function csvRows<R extends string, O extends string = never>(
  text: string,
  required: readonly R[],
  optional: readonly O[] = [],
): Array<CsvRow<R | O>> {
  const broken: Array<CsvRow<R | O>> = [];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      // A broken record (an unclosed quote, say) is reported as a rejected row; the rest still import.
      skip_records_with_error: true,
      on_skip: (error) => {
        broken.push({
          row: (error as { lines?: number }).lines ?? 0,
          values: {} as Record<R | O, string | undefined>,
          readingProblem: `the CSV record cannot be read: ${error?.message ?? 'malformed'}`,
        });
      },
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    throw new ValidationError(`The CSV cannot be read: ${(error as Error).message}`, [
      { path: '(body)', message: 'is not valid CSV', in: 'body' },
    ]);
  }
  const [header, ...data] = records;
  const columns = (header?.record ?? []).map((name) => name.trim().toLowerCase());
  const missing = required.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new ValidationError(
      `The CSV header must name the columns ${listed(required)}; missing: ${missing.join(', ')}.`,
      [{ path: '(body)', message: `the header lacks ${missing.join(', ')}`, in: 'body' }],
    );
  }
  const rows: Array<CsvRow<R | O>> = data.map(({ record, info }) => {
    const values = {} as Record<R | O, string | undefined>;
    for (const name of [...required, ...optional]) {
      const at = columns.indexOf(name);
      values[name] = at === -1 ? undefined : record[at];
    }
    return { row: info.lines, values };
  });
  return [...rows, ...broken].sort((a, b) => a.row - b.row);
}

/** 'address, lat and lon' */
function listed(names: readonly string[]): string {
  return names.length < 2
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Rows from `text/csv` with a header naming at least address, lat and lon (any order, any case). */
export function rowsFromCsv(text: string): AddressRowInput[] {
  return csvRows(text, ['address', 'lat', 'lon'] as const).map(({ row, values, readingProblem }) =>
    readingProblem
      ? { row, address: null, lat: null, lon: null, readingProblem }
      : { row, address: values.address, lat: values.lat, lon: values.lon },
  );
}

/** A GeoJSON Point feature's properties and [lon, lat], or why it is not one. */
export function pointFeature(
  feature: unknown,
):
  | { properties: Record<string, unknown>; lat: unknown; lon: unknown }
  | { problem: string; properties: Record<string, unknown> } {
  if (feature === null || typeof feature !== 'object')
    return { problem: 'is not a GeoJSON Feature', properties: {} };
  const { properties, geometry } = feature as { properties?: unknown; geometry?: unknown };
  const props =
    properties !== null && typeof properties === 'object' ? (properties as Record<string, unknown>) : {};
  const point = geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
  if (point?.type !== 'Point' || !Array.isArray(point.coordinates)) {
    const type = typeof point?.type === 'string' ? `a ${point.type}` : 'missing';
    return { problem: `the geometry is ${type}; expected a Point`, properties: props };
  }
  return { properties: props, lat: point.coordinates[1], lon: point.coordinates[0] };
}

/** Rows from a GeoJSON FeatureCollection of Points with properties.address. */
export function rowsFromFeatures(features: readonly unknown[]): AddressRowInput[] {
  return features.map((feature, row) => {
    const read = pointFeature(feature);
    const address = read.properties.address ?? null;
    if ('problem' in read) {
      return {
        row,
        address: read.problem === 'is not a GeoJSON Feature' ? null : address,
        lat: null,
        lon: null,
        readingProblem: read.problem,
      };
    }
    return { row, address, lat: read.lat, lon: read.lon };
  });
}

function coordinate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** A row's lat and lon as numbers in range, or the reason they are not (shared by every import). */
export function readCoordinates(
  latInput: unknown,
  lonInput: unknown,
): { lat: number; lon: number } | { problem: string } {
  const lat = coordinate(latInput);
  const lon = coordinate(lonInput);
  if (lat === null || lon === null)
    return { problem: `${lat === null ? 'lat' : 'lon'} is missing or not a number` };
  if (lat < -90 || lat > 90) return { problem: `lat ${lat} is outside -90..90 (are lat and lon swapped?)` };
  if (lon < -180 || lon > 180) return { problem: `lon ${lon} is outside -180..180` };
  return { lat, lon };
}
