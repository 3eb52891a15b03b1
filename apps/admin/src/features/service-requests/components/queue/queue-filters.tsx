import type { Personnel } from '@nsp/contracts';
import { type RefObject, useEffect, useId, useState } from 'react';
import { NeighborhoodFilter } from '../../../../components/neighborhood-filter';
import { localized } from '../../../../lib/reference-data/service-types';
import { PRIORITIES, PRIORITY_LABELS, STATUS_LABELS, STATUS_ORDER } from '../../labels';
import type { QueueFilters, QueueSort, ServiceType } from '../../types';
import {
  DEFAULT_QUEUE_FILTERS,
  statusFilterFromValue,
  statusFilterValue,
} from '../../utils/queue-search-params';
import { QueueViews, SavedViewActions } from './queue-views';

const SORT_LABELS: Record<QueueSort, string> = {
  dueAt: 'Due soonest first',
  '-dueAt': 'Due latest first',
  priority: 'Priority (P1 first)',
  '-priority': 'Priority (P4 first)',
  '-createdAt': 'Newest first',
  createdAt: 'Oldest first',
};

/** The filters behind "More filters": how many are set is shown on the button. */
const MORE_FILTER_KEYS = ['priority', 'assigneeId', 'createdFrom', 'createdTo', 'dueBy', 'overdue'] as const;

interface QueueFiltersProps {
  filters: QueueFilters;
  onChange: (next: QueueFilters) => void;
  /** Search text submitted with Enter: the queue opens an exactly matching tracking number. */
  onSearchSubmit: (q: string | null) => void;
  neighborhoods: readonly { id: string; name: string; code: string }[];
  serviceTypes: readonly ServiceType[];
  personnel: readonly Personnel[];
  searchRef: RefObject<HTMLInputElement | null>;
  /** The search also finds callers by name or phone (staff roles only). */
  searchesRequesters: boolean;
}

/**
 * The queue's filters in one compact row: search, the view (presets and saved views), status,
 * neighborhood and category; the rest behind "More filters". Selects apply at once; the search box
 * applies as the person pauses typing (or presses Enter), so the list does not refetch on every key.
 * At narrow widths (200 % zoom) only the search, the view and "Filters" stay in the row.
 */
export function QueueFiltersForm({
  filters,
  onChange,
  onSearchSubmit,
  neighborhoods,
  serviceTypes,
  personnel,
  searchRef,
  searchesRequesters,
}: QueueFiltersProps) {
  const id = useId();
  const [search, setSearch] = useState(filters.q ?? '');
  const moreCount =
    MORE_FILTER_KEYS.filter((key) => Boolean(filters[key])).length + (filters.sort !== 'dueAt' ? 1 : 0);
  const [expanded, setExpanded] = useState(false);

  // Follow outside changes (Back button, "Clear filters", a view).
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);

  useEffect(() => {
    const next = search.trim() || null;
    if (next === filters.q) return;
    const timer = setTimeout(() => onChange({ ...filters, q: next }), 400);
    return () => clearTimeout(timer);
  }, [search, filters, onChange]);

  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) =>
    onChange({ ...filters, [key]: value });
  const groups = [...new Set(serviceTypes.map((type) => type.group || 'Other'))].sort();

  return (
    <search className={`queue-filters${expanded ? ' is-expanded' : ''}`} aria-label="Filter the queue">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const q = search.trim() || null;
          if (q !== filters.q) onChange({ ...filters, q });
          onSearchSubmit(q);
        }}
      >
        <div className="filter-row filter-row-main">
          <div className="field filter-search">
            <label htmlFor={`${id}-q`}>Search</label>
            <input
              id={`${id}-q`}
              ref={searchRef}
              type="search"
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') event.currentTarget.blur();
              }}
              placeholder={
                searchesRequesters
                  ? 'Words, tracking number, caller’s name or phone'
                  : 'Words or tracking number'
              }
              aria-keyshortcuts="/"
            />
          </div>
          <QueueViews id={`${id}-view`} filters={filters} onChange={onChange} />
          <div className="field filter-primary">
            <label htmlFor={`${id}-status`}>Status</label>
            <select
              id={`${id}-status`}
              value={statusFilterValue(filters.status)}
              onChange={(event) => set('status', statusFilterFromValue(event.currentTarget.value))}
            >
              <option value="open">Open (new to in progress)</option>
              <option value="all">Any status</option>
              {STATUS_ORDER.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
              {filters.status.length > 1 && statusFilterValue(filters.status).includes(',') ? (
                <option value={statusFilterValue(filters.status)}>
                  {filters.status.map((status) => STATUS_LABELS[status]).join(', ')}
                </option>
              ) : null}
            </select>
          </div>
          <div className="filter-primary">
            <NeighborhoodFilter
              id={`${id}-neighborhood`}
              neighborhoods={neighborhoods}
              value={filters.neighborhoodId}
              onChange={(neighborhoodId) => set('neighborhoodId', neighborhoodId)}
              specialOptions={[{ value: 'mine', label: 'My neighborhoods' }]}
            />
          </div>
          <div className="field filter-primary">
            <label htmlFor={`${id}-category`}>Category</label>
            <select
              id={`${id}-category`}
              value={filters.serviceCode ?? ''}
              onChange={(event) => set('serviceCode', event.currentTarget.value || null)}
            >
              <option value="">All categories</option>
              {groups.map((group) => (
                <optgroup key={group} label={group}>
                  {serviceTypes
                    .filter((type) => (type.group || 'Other') === group)
                    .map((type) => (
                      <option key={type.code} value={type.code}>
                        {localized(type.name)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="filter-buttons">
            <button
              type="button"
              className="button button-small"
              aria-expanded={expanded}
              aria-controls={`${id}-more`}
              onClick={() => setExpanded((open) => !open)}
            >
              <span className="filter-more-wide">More filters</span>
              <span className="filter-more-narrow">Filters</span>
              {moreCount > 0 ? ` (${moreCount})` : ''}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setSearch('');
                onChange(DEFAULT_QUEUE_FILTERS);
              }}
            >
              Clear
            </button>
          </div>
        </div>
        <div className="filter-row filter-row-more" id={`${id}-more`} hidden={!expanded}>
          <div className="field">
            <label htmlFor={`${id}-priority`}>Priority</label>
            <select
              id={`${id}-priority`}
              value={filters.priority ?? ''}
              onChange={(event) =>
                set('priority', (event.currentTarget.value || null) as QueueFilters['priority'])
              }
            >
              <option value="">Any priority</option>
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {PRIORITY_LABELS[priority]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-assignee`}>Assignee</label>
            <select
              id={`${id}-assignee`}
              value={filters.assigneeId ?? ''}
              onChange={(event) => set('assigneeId', event.currentTarget.value || null)}
            >
              <option value="">Anyone</option>
              <option value="me">Me</option>
              <option value="none">Unassigned</option>
              {personnel.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>Taken from</label>
            <input
              id={`${id}-from`}
              type="date"
              value={filters.createdFrom ?? ''}
              onChange={(event) => set('createdFrom', event.currentTarget.value || null)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>Taken to</label>
            <input
              id={`${id}-to`}
              type="date"
              value={filters.createdTo ?? ''}
              onChange={(event) => set('createdTo', event.currentTarget.value || null)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>Due by</label>
            <input
              id={`${id}-due`}
              type="date"
              value={filters.dueBy ?? ''}
              onChange={(event) => set('dueBy', event.currentTarget.value || null)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-sort`}>Sort</label>
            <select
              id={`${id}-sort`}
              value={filters.sort}
              onChange={(event) => set('sort', event.currentTarget.value as QueueSort)}
            >
              {(Object.keys(SORT_LABELS) as QueueSort[]).map((sort) => (
                <option key={sort} value={sort}>
                  {SORT_LABELS[sort]}
                </option>
              ))}
            </select>
          </div>
          <div className="checkbox filter-overdue">
            <input
              id={`${id}-overdue`}
              type="checkbox"
              checked={filters.overdue}
              onChange={(event) => set('overdue', event.currentTarget.checked)}
            />
            <label htmlFor={`${id}-overdue`}>Overdue only</label>
          </div>
        </div>
      </form>
      {/* Outside the filters' form: saving opens a dialog with a form of its own. */}
      {expanded ? <SavedViewActions filters={filters} /> : null}
    </search>
  );
}

export function categoryLabel(types: readonly ServiceType[], code: string): string {
  const type = types.find((candidate) => candidate.code === code);
  return type ? localized(type.name) : code;
}
