import { isSafeText, unsafeTextMessage } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldError, ValidationError } from '../lib/errors.ts';

type Location = NonNullable<FieldError['in']>;

/** Deeper than any contract goes: a body nested past this is refused instead of walked. */
const MAX_DEPTH = 32;

/** Finds the first string (key or value) that breaks the text rule, with its dotted path. */
function findUnsafeText(
  value: unknown,
  path: string,
  depth: number,
): { path: string; message: string } | null {
  if (typeof value === 'string')
    return isSafeText(value) ? null : { path: path || '(root)', message: unsafeTextMessage };
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH)
    return { path: path || '(root)', message: `is nested more than ${MAX_DEPTH} levels deep` };
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) {
    const itemPath = path ? `${path}.${key}` : key;
    if (!isSafeText(key)) return { path: itemPath, message: `has a name that ${unsafeTextMessage}` };
    const found = findUnsafeText(item, itemPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Applies the contracts' text rule to every incoming string at the boundary, for every route, before
 * validation: a NUL byte or a lone surrogate is a 400 naming the field, never a database error.
 */
export const inputGuardPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      const parts: Array<[Location, unknown]> = [
        ['params', request.params],
        ['querystring', request.query],
        ['body', request.body],
      ];
      for (const [location, value] of parts) {
        const found = findUnsafeText(value, '', 0);
        if (found) {
          throw new ValidationError(`${found.path}: ${found.message}`, [{ ...found, in: location }]);
        }
      }
    });
  },
  { name: 'nsp-input-guard', dependencies: ['nsp-errors'] },
);
