import type { Translator } from './text-store.ts';

/** Problem types whose texts go by another name in the catalog. */
const aliases: Record<string, string> = { 'database-unavailable': 'service-unavailable' };

/** For problems without a type of their own (about:blank), the texts by status. */
const byStatus: Record<number, string> = {
  400: 'bad-request',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'bad-request',
  415: 'bad-request',
  429: 'too-many-requests',
  500: 'internal',
  503: 'service-unavailable',
};

interface ProblemLike {
  type?: unknown;
  title?: unknown;
  status?: unknown;
  detail?: unknown;
  errors?: unknown;
  [extension: string]: unknown;
}

/**
 * The error handler writes every problem in English; on the public surface this rewrites its title and
 * detail in the reader's language, from the texts `problem.<type>.title` and `problem.<type>.detail`.
 * The detail's {placeholders} come from the problem's own members (e.g. `trackingNumber`), `fields`
 * (the invalid fields) and `allowed` (the Allow header). Field paths and messages stay as they are:
 * they name the API's fields, and clients match on them.
 */
export function localizeProblem(body: ProblemLike, texts: Translator, allow?: string): ProblemLike {
  const status = typeof body.status === 'number' ? body.status : 500;
  const typeSlug =
    typeof body.type === 'string' && body.type.startsWith('/problems/') ? body.type.slice(10) : null;
  const candidates = [
    typeSlug ? (aliases[typeSlug] ?? typeSlug) : null,
    byStatus[status] ?? (status >= 500 ? 'internal' : 'bad-request'),
  ].filter((slug): slug is string => slug !== null);
  const slug = candidates.find((candidate) => texts.has(`problem.${candidate}.title`));
  if (!slug) return body;
  const fields = Array.isArray(body.errors)
    ? [...new Set(body.errors.map((error) => (error as { path?: unknown }).path).filter(Boolean))].join(', ')
    : '';
  const params: Record<string, unknown> = { ...body, fields, allowed: allow ?? '' };
  const localized: ProblemLike = { ...body, title: texts.t(`problem.${slug}.title`, params) };
  if (texts.has(`problem.${slug}.detail`)) localized.detail = texts.t(`problem.${slug}.detail`, params);
  return localized;
}
