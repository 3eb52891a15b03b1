import { describe, expect, it } from 'vitest';
import { fieldErrorText } from './form-fields';

describe('field error text', () => {
  it('reads an API predicate after the field name', () => {
    expect(fieldErrorText('Email address', 'must be an e-mail address')).toBe(
      'Email address must be an e-mail address.',
    );
    expect(fieldErrorText('Address', 'was not found')).toBe('Address was not found.');
  });

  it('shows other messages and sentences on their own, capitalised', () => {
    expect(fieldErrorText('Latitude', 'give both lat and lon')).toBe('Give both lat and lon.');
    expect(fieldErrorText('Category', 'Choose a category.')).toBe('Choose a category.');
  });
});
