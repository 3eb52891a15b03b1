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

/** Rows from `text/csv` with a header naming at least address, lat and lon (any order, any case). */
export function rowsFromCsv(text: string): AddressRowInput[] {
  const rows: AddressRowInput[] = [];
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
        rows.push({
          row: (error as { lines?: number }).lines ?? 0,
          address: null,
          lat: null,
          lon: null,
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
  const at = {
    address: columns.indexOf('address'),
    lat: columns.indexOf('lat'),
    lon: columns.indexOf('lon'),
  };
  const missing = Object.entries(at)
    .filter(([, index]) => index === -1)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new ValidationError(
      `The CSV header must name the columns address, lat and lon; missing: ${missing.join(', ')}.`,
      [{ path: '(body)', message: `the header lacks ${missing.join(', ')}`, in: 'body' }],
    );
  }
  for (const { record, info } of data) {
    rows.push({ row: info.lines, address: record[at.address], lat: record[at.lat], lon: record[at.lon] });
  }
  return rows.sort((a, b) => a.row - b.row);
}

/** Rows from a GeoJSON FeatureCollection of Points with properties.address. */
export function rowsFromFeatures(features: readonly unknown[]): AddressRowInput[] {
  return features.map((feature, row) => {
    if (feature === null || typeof feature !== 'object') {
      return { row, address: null, lat: null, lon: null, readingProblem: 'is not a GeoJSON Feature' };
    }
    const { properties, geometry } = feature as { properties?: unknown; geometry?: unknown };
    const address = (properties as { address?: unknown } | null | undefined)?.address ?? null;
    const point = geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    if (point?.type !== 'Point' || !Array.isArray(point.coordinates)) {
      const type = typeof point?.type === 'string' ? `a ${point.type}` : 'missing';
      return {
        row,
        address,
        lat: null,
        lon: null,
        readingProblem: `the geometry is ${type}; expected a Point`,
      };
    }
    return { row, address, lat: point.coordinates[1], lon: point.coordinates[0] };
  });
}
