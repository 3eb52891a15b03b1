import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUEUE_FILTERS,
  parseQueueFilters,
  queueFiltersToSearchParams,
  statusFilterFromValue,
  statusFilterValue,
} from './queue-search-params';

describe('queue filters in the address bar', () => {
  it('shows open work when nothing is asked for, and keeps the default out of the link', () => {
    expect(parseQueueFilters(new URLSearchParams())).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(queueFiltersToSearchParams(DEFAULT_QUEUE_FILTERS).toString()).toBe('');
  });

  it('round-trips every filter', () => {
    const filters = {
      ...DEFAULT_QUEUE_FILTERS,
      status: ['resolved' as const],
      q: 'pothole',
      neighborhoodId: 'n-1',
      serviceCode: 'GRAFFITI',
      priority: 'P1' as const,
      assigneeId: 'none',
      overdue: true,
      createdFrom: '2026-03-01',
      createdTo: '2026-03-31',
      sort: '-createdAt' as const,
    };
    expect(parseQueueFilters(queueFiltersToSearchParams(filters))).toEqual(filters);
  });

  it('reads status=all as every status and drops values the API would refuse', () => {
    expect(parseQueueFilters(new URLSearchParams('status=all')).status).toEqual([]);
    const filters = parseQueueFilters(
      new URLSearchParams('status=new,bogus&priority=P9&sort=sideways&createdFrom=yesterday'),
    );
    expect(filters.status).toEqual(['new']);
    expect(filters.priority).toBeNull();
    expect(filters.sort).toBe('dueAt');
    expect(filters.createdFrom).toBeNull();
  });

  it('maps the status select to and from the filter', () => {
    expect(statusFilterValue(DEFAULT_QUEUE_FILTERS.status)).toBe('open');
    expect(statusFilterValue([])).toBe('all');
    expect(statusFilterValue(['triaged'])).toBe('triaged');
    expect(statusFilterFromValue('open')).toEqual(['new', 'triaged', 'assigned', 'in_progress']);
    expect(statusFilterFromValue('all')).toEqual([]);
    expect(statusFilterFromValue('closed')).toEqual(['closed']);
  });
});
