import type { ServiceTypeAttribute } from '../../db/schema/index.ts';
import { type FieldError, ValidationError } from '../../lib/errors.ts';

const maxStringLength = 1_000;
const maxTextLength = 10_000;
const isoDateTimePattern =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

type Answer = string | number | string[];

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** One answer checked against its question's datatype; returns the normalised value or an error message. */
function checkAnswer(
  definition: ServiceTypeAttribute,
  value: unknown,
): { value: Answer } | { error: string } {
  const keys = new Set(definition.values?.map((choice) => choice.key) ?? []);
  switch (definition.datatype) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string' && typeof value !== 'number') return { error: 'must be text' };
      const text = String(value).trim();
      if (text.includes('\u0000')) return { error: 'must not contain NUL characters' };
      const limit = definition.datatype === 'string' ? maxStringLength : maxTextLength;
      if (text.length > limit) return { error: `must be at most ${limit} characters` };
      return { value: text };
    }
    case 'number': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) return { error: 'must be a number' };
      return { value: number };
    }
    case 'datetime': {
      const parsed =
        typeof value === 'string' && isoDateTimePattern.test(value.trim()) ? new Date(value.trim()) : null;
      if (!parsed || Number.isNaN(parsed.getTime())) return { error: 'must be an ISO 8601 date-time' };
      return { value: parsed.toISOString() };
    }
    case 'singlevaluelist': {
      if (typeof value !== 'string' || !keys.has(value)) {
        return { error: `must be one of: ${[...keys].join(', ')}` };
      }
      return { value };
    }
    case 'multivaluelist': {
      // Open311 clients send a single choice as a plain value rather than a one-element list.
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((item): item is string => typeof item === 'string' && keys.has(item))) {
        return { error: `must be a list of: ${[...keys].join(', ')}` };
      }
      return { value: [...new Set(list)] };
    }
  }
}

/**
 * Checks the answers to a category's questions (Open311 attributes) and returns them normalised
 * (numbers as numbers, date-times in UTC, list choices de-duplicated). Every problem is reported at
 * once, each naming `attributes.<CODE>`, as a 400.
 */
export function validateAttributeAnswers(
  definitions: readonly ServiceTypeAttribute[],
  answers: Record<string, unknown> | undefined,
  pathPrefix = 'attributes',
): Record<string, Answer> {
  const byCode = new Map(definitions.map((definition) => [definition.code, definition]));
  const errors: FieldError[] = [];
  const normalised: Record<string, Answer> = {};
  for (const [code, value] of Object.entries(answers ?? {})) {
    const definition = byCode.get(code);
    if (!definition) {
      errors.push({
        path: `${pathPrefix}.${code}`,
        message: 'is not a question of this category',
        in: 'body',
      });
      continue;
    }
    if (isEmpty(value)) continue;
    const checked = checkAnswer(definition, value);
    if ('error' in checked)
      errors.push({ path: `${pathPrefix}.${code}`, message: checked.error, in: 'body' });
    else normalised[code] = checked.value;
  }
  for (const definition of definitions) {
    if (
      definition.required &&
      normalised[definition.code] === undefined &&
      !errors.some((e) => e.path === `${pathPrefix}.${definition.code}`)
    ) {
      errors.push({ path: `${pathPrefix}.${definition.code}`, message: 'is required', in: 'body' });
    }
  }
  if (errors.length > 0) {
    throw new ValidationError(
      `The answers to the category's questions are not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
      errors,
    );
  }
  return normalised;
}
