import { describe, expect, it } from 'vitest';
import type { ServiceType } from '../../types';
import { answersFor } from './attribute-fields';

const question = (
  code: string,
  datatype: ServiceType['attributes'][number]['datatype'],
  required = false,
) => ({
  code,
  datatype,
  required,
  order: 0,
  description: { en: code },
});

const serviceType = {
  attributes: [
    question('DAYS', 'number', true),
    question('SEEN_AT', 'datetime'),
    question('KINDS', 'multivaluelist'),
    question('NOTE', 'text'),
  ],
} as unknown as ServiceType;

describe('answers to a category’s questions', () => {
  it('sends numbers as numbers, date-times as instants and lists as keys, leaving blanks out', () => {
    const { answers, errors } = answersFor(serviceType, {
      DAYS: '4',
      SEEN_AT: '2026-03-08T01:30',
      KINDS: ['wall', 'fence'],
      NOTE: '  ',
    });
    expect(errors).toEqual({});
    expect(answers).toEqual({
      DAYS: 4,
      SEEN_AT: new Date('2026-03-08T01:30').toISOString(),
      KINDS: ['wall', 'fence'],
    });
  });

  it('names each missing or malformed answer by the path the API uses', () => {
    expect(answersFor(serviceType, {}).errors).toEqual({ 'attributes.DAYS': 'Answer this question.' });
    expect(answersFor(serviceType, { DAYS: 'four' }).errors).toEqual({
      'attributes.DAYS': 'Enter a number.',
    });
  });
});
