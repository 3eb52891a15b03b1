import { describe, expect, it } from 'vitest';
import { ApiProblem } from './api-problem';
import { formatArea, formatDuration } from './format';
import { fieldErrorsFromIssues } from './validation';

describe('client-side validation messages', () => {
  it('keys zod issues by the dotted path the API uses, first message per field', () => {
    expect(
      fieldErrorsFromIssues([
        { path: ['requester', 'email'], message: 'must be an e-mail address' },
        { path: ['requester', 'email'], message: 'second message' },
        { path: ['attributes', 'DEPTH'], message: 'must be a number' },
        { path: [], message: 'nothing to change' },
      ]),
    ).toEqual({
      'requester.email': 'must be an e-mail address',
      'attributes.DEPTH': 'must be a number',
      _form: 'nothing to change',
    });
  });
});

describe('problem details', () => {
  it('keeps extension members such as the statuses a refused transition allows', () => {
    const problem = ApiProblem.fromResponse(409, 'Conflict', {
      type: '/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'A new request cannot be resolved.',
      allowed: ['triaged', 'assigned'],
    });
    expect(problem.extensions).toEqual({ allowed: ['triaged', 'assigned'] });
    expect(problem.userMessage).toBe('A new request cannot be resolved.');
  });
});

describe('formatting', () => {
  it('says durations the way a queue is scanned', () => {
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(-(3 * 60 + 20) * 60_000)).toBe('3 h 20 min');
    expect(formatDuration(50 * 3_600_000)).toBe('2 d 2 h');
  });

  it('gives areas in m², hectares or km²', () => {
    expect(formatArea(950)).toBe('950 m²');
    expect(formatArea(25_000)).toBe('2.5 ha');
    expect(formatArea(10_843_676)).toBe('10.84 km²');
  });
});
