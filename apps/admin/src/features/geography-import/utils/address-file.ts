/**
 * Splitting an address-points file into parts the API takes one at a time, so a town's 100,000-row
 * E911 file shows real progress and no single request runs for minutes. Rejected-row numbers
 * from each part are mapped back to the whole file.
 */

export interface AddressFilePart {
  /** What to send: CSV text (with the header) or a GeoJSON FeatureCollection. */
  body: string | { type: 'FeatureCollection'; features: unknown[] };
  contentType: 'text/csv' | 'application/json';
  /** How many rows (features) the part holds. */
  rows: number;
  /**
   * Added to a rejected row number of this part to get its number in the whole file: CSV line
   * numbers (the header is line 1 in every part) or feature indexes from 0.
   */
  rowOffset: number;
}

export type AddressFileKind = 'csv' | 'geojson';

export class AddressFileError extends Error {}

/** Splits CSV text into records, keeping line breaks inside quoted fields within their record. */
export function csvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) {
      records.push(text.slice(start, index).replace(/\r$/, ''));
      start = index + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start).replace(/\r$/, ''));
  return records;
}

export function detectKind(fileName: string, text: string): AddressFileKind {
  if (/\.(geo)?json$/i.test(fileName)) return 'geojson';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return text.trimStart().startsWith('{') ? 'geojson' : 'csv';
}

export function splitAddressFile(fileName: string, text: string, partSize = 5000): AddressFilePart[] {
  const kind = detectKind(fileName, text.replace(/^\uFEFF/, ''));
  const content = text.replace(/^\uFEFF/, '');
  if (kind === 'geojson') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (error) {
      throw new AddressFileError(`The file is not valid JSON: ${(error as Error).message}`);
    }
    const collection = parsed as { type?: unknown; features?: unknown };
    if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
      throw new AddressFileError('The file is JSON but not a GeoJSON FeatureCollection of points.');
    }
    const parts: AddressFilePart[] = [];
    for (let start = 0; start < collection.features.length; start += partSize) {
      const features = collection.features.slice(start, start + partSize);
      parts.push({
        body: { type: 'FeatureCollection', features },
        contentType: 'application/json',
        rows: features.length,
        rowOffset: start,
      });
    }
    return parts;
  }
  const records = csvRecords(content);
  const [header, ...rows] = records;
  if (!header?.trim())
    throw new AddressFileError('The CSV file is empty; it needs the header address,lat,lon.');
  const dataRows = rows.filter((row) => row.trim() !== '');
  const parts: AddressFilePart[] = [];
  for (let start = 0; start < dataRows.length; start += partSize) {
    const slice = dataRows.slice(start, start + partSize);
    parts.push({
      body: `${header}\n${slice.join('\n')}\n`,
      contentType: 'text/csv',
      rows: slice.length,
      rowOffset: start,
    });
  }
  return parts;
}
