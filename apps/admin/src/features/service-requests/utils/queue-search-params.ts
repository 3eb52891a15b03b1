import type { QueueFilters, QueueSort, RequestPriority, RequestStatusValue } from '../types';
import { OPEN_STATUSES, PRIORITIES, STATUS_ORDER } from '../labels';

const SORTS: readonly QueueSort[] = ['dueAt', '-dueAt', 'createdAt', '-createdAt', 'priority', '-priority'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const DEFAULT_QUEUE_FILTERS: QueueFilters = {
  status: [...OPEN_STATUSES],
  neighborhoodId: null,
  serviceCode: null,
  priority: null,
  assigneeId: null,
  overdue: false,
  q: null,
  createdFrom: null,
  createdTo: null,
  dueBy: null,
  sort: 'dueAt',
};

/**
 * Reads the queue's filters from the address bar. Without a `status` the queue shows open work (what
 * staff triage); `status=all` shows everything. Unknown values are dropped, never sent to the API.
 */
export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const rawStatus = params.get('status');
  const status =
    rawStatus === null
      ? [...OPEN_STATUSES]
      : rawStatus === 'all'
        ? []
        : rawStatus
            .split(',')
            .filter((value): value is RequestStatusValue =>
              STATUS_ORDER.includes(value as RequestStatusValue),
            );
  const priority = params.get('priority');
  const sort = params.get('sort');
  const date = (name: string) => {
    const value = params.get(name);
    return value && DATE.test(value) ? value : null;
  };
  return {
    status,
    neighborhoodId: params.get('neighborhoodId') || null,
    serviceCode: params.get('serviceCode') || null,
    priority: PRIORITIES.includes(priority as RequestPriority) ? (priority as RequestPriority) : null,
    assigneeId: params.get('assigneeId') || null,
    overdue: params.get('overdue') === 'true',
    q: params.get('q')?.trim() || null,
    createdFrom: date('createdFrom'),
    createdTo: date('createdTo'),
    dueBy: date('dueBy'),
    sort: SORTS.includes(sort as QueueSort) ? (sort as QueueSort) : 'dueAt',
  };
}

/** The inverse of parseQueueFilters, leaving defaults out so links stay short. */
export function queueFiltersToSearchParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  const isDefaultStatus =
    filters.status.length === OPEN_STATUSES.length &&
    OPEN_STATUSES.every((status) => filters.status.includes(status));
  if (!isDefaultStatus) params.set('status', filters.status.length === 0 ? 'all' : filters.status.join(','));
  if (filters.q) params.set('q', filters.q);
  if (filters.neighborhoodId) params.set('neighborhoodId', filters.neighborhoodId);
  if (filters.serviceCode) params.set('serviceCode', filters.serviceCode);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.assigneeId) params.set('assigneeId', filters.assigneeId);
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.createdFrom) params.set('createdFrom', filters.createdFrom);
  if (filters.createdTo) params.set('createdTo', filters.createdTo);
  if (filters.dueBy) params.set('dueBy', filters.dueBy);
  if (filters.sort !== 'dueAt') params.set('sort', filters.sort);
  return params;
}

/** The status filter as one value of the status <select>: 'open', 'all' or a single status. */
export function statusFilterValue(status: readonly RequestStatusValue[]): string {
  if (status.length === 0) return 'all';
  if (status.length === OPEN_STATUSES.length && OPEN_STATUSES.every((value) => status.includes(value)))
    return 'open';
  return status.length === 1 ? (status[0] as string) : status.join(',');
}

export function statusFilterFromValue(value: string): RequestStatusValue[] {
  if (value === 'all') return [];
  if (value === 'open') return [...OPEN_STATUSES];
  return value
    .split(',')
    .filter((status): status is RequestStatusValue => STATUS_ORDER.includes(status as RequestStatusValue));
}
