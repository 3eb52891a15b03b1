/**
 * Reads "where two streets meet" as people write it: "Main St & Burnside Ave", "Main and Burnside",
 * "corner of Main St and Burnside Ave", "Main St at Burnside", "Main / Burnside", "Main @ Burnside",
 * "intersection of Main and Burnside". Returns the two street phrases (the second keeps any town or
 * ZIP that followed), or null when the text is not of that form. A phrase that starts with a house
 * number is an address, not a street, so "12 Main St & 14 Elm St" is not an intersection.
 */
const LEADING_WORDS =
  /^\s*(?:at\s+)?(?:the\s+)?(?:(?:corner|intersection|junction|crossing)\s+of\s+|corner\s+)/i;
const TRAILING_WORDS = /\s+(?:intersection|corner|crossing)\s*$/i;
const CONNECTOR = /\s*(?:&|@|\/|\bat\b|\band\b)\s*/i;

export function splitIntersection(text: string): [string, string] | null {
  if (text.length > 300) return null;
  const body = text.replace(LEADING_WORDS, '').replace(TRAILING_WORDS, '');
  const connector = CONNECTOR.exec(body);
  if (!connector || connector.index === 0) return null;
  const first = body.slice(0, connector.index).trim();
  const second = body.slice(connector.index + connector[0].length).trim();
  if (first === '' || second === '') return null;
  // Exactly two streets: a second connector is not "where two streets meet".
  if (CONNECTOR.test(second)) return null;
  if (!/\p{L}/u.test(first) || !/\p{L}/u.test(second)) return null;
  if (startsWithHouseNumber(first) || startsWithHouseNumber(second)) return null;
  return [first, second];
}

/** '12 Main St' starts with a house number; '1st Ave' and '5th St' do not. */
function startsWithHouseNumber(phrase: string): boolean {
  return /^\d+[a-z]?\b(?!\s*(?:st|nd|rd|th)\b)/i.test(phrase) && !/^\d+(?:st|nd|rd|th)\b/i.test(phrase);
}
