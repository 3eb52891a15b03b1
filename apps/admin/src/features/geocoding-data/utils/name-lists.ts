/**
 * Towns and villages edited as text, one per line: the name, then its other spellings after ";"
 * ("East Hartford; E Hartford; East Htfd"). ZIP codes separated by commas, spaces or lines.
 */
export interface NameEntry {
  name: string;
  aliases: string[];
}

export function namesToText(entries: readonly NameEntry[]): string {
  return entries.map((entry) => [entry.name, ...entry.aliases].join('; ')).join('\n');
}

export function textToNames(text: string): NameEntry[] {
  return text
    .split('\n')
    .map((line) =>
      line
        .split(';')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .filter((parts) => parts.length > 0)
    .map(([name, ...aliases]) => ({ name: name!, aliases }));
}

export function textToZipCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((zip) => zip.trim())
    .filter(Boolean);
}

/** A places file as the API takes it: CSV as text, GeoJSON parsed and sent as JSON. */
export function placesFileOf(
  fileName: string,
  text: string,
): { body: string; contentType: 'text/csv' | 'application/json' } {
  const content = text.replace(/^\uFEFF/, '');
  const isJson =
    /\.(geo)?json$/i.test(fileName) || (!/\.csv$/i.test(fileName) && content.trimStart().startsWith('{'));
  return { body: content, contentType: isJson ? 'application/json' : 'text/csv' };
}
