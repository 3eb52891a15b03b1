/**
 * One CSV cell, for every CSV NSP writes (the admin app's downloads and the API's exports).
 *
 * Quoted when it holds a comma, quote or line break (RFC 4180). Text starting with = + - @, a tab
 * or a carriage return is prefixed with an apostrophe so that a spreadsheet shows it as text
 * instead of running it as a formula (OWASP "CSV injection"): request descriptions and notes come
 * from the public. Numbers are written as numbers, so a negative figure stays a figure.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
