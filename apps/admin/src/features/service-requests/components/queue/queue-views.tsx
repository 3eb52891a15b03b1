import { type FormEvent, useId, useState } from 'react';
import { Dialog } from '../../../../components/dialog';
import { TextField } from '../../../../components/form-fields';
import { ProblemAlert } from '../../../../components/status-messages';
import { useCreateSavedView, useDeleteSavedView, useSavedViews } from '../../api/saved-views';
import type { QueueFilters } from '../../types';
import { parseQueueFilters, queueFiltersToSearchParams } from '../../utils/queue-search-params';

/** Ready-made views: the whole open queue, the requests assigned to me, my neighborhoods' requests. */
export const QUEUE_PRESETS = [
  { key: 'all', label: 'All open requests', query: '' },
  { key: 'my-work', label: 'My work', query: 'assigneeId=me' },
  { key: 'my-neighborhood', label: 'My neighborhood', query: 'neighborhoodId=mine' },
] as const;

/** One spelling per set of filters, so a saved query and the address bar compare equal. */
export function normalisedQuery(query: string): string {
  const params = queueFiltersToSearchParams(parseQueueFilters(new URLSearchParams(query)));
  params.sort();
  return params.toString();
}

/**
 * "View": the presets and the person's saved views in one select. Choosing one replaces the filters;
 * a set of filters that matches none shows as "Custom filters".
 */
export function QueueViews({
  id,
  filters,
  onChange,
}: {
  id: string;
  filters: QueueFilters;
  onChange: (next: QueueFilters) => void;
}) {
  const savedViews = useSavedViews();
  const current = normalisedQuery(queueFiltersToSearchParams(filters).toString());
  const options = [
    ...QUEUE_PRESETS.map((preset) => ({
      value: `preset:${preset.key}`,
      label: preset.label,
      query: preset.query,
    })),
    ...(savedViews.data ?? []).map((view) => ({
      value: `saved:${view.id}`,
      label: view.name,
      query: view.query,
    })),
  ];
  const selected = options.find((option) => normalisedQuery(option.query) === current)?.value ?? 'custom';
  return (
    <div className="field filter-view">
      <label htmlFor={id}>View</label>
      <select
        id={id}
        value={selected}
        onChange={(event) => {
          const option = options.find((candidate) => candidate.value === event.currentTarget.value);
          if (option) onChange(parseQueueFilters(new URLSearchParams(option.query)));
        }}
      >
        {selected === 'custom' ? (
          <option value="custom" disabled>
            Custom filters
          </option>
        ) : null}
        {options
          .filter((option) => option.value.startsWith('preset:'))
          .map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        {savedViews.data && savedViews.data.length > 0 ? (
          <optgroup label="Saved views">
            {options
              .filter((option) => option.value.startsWith('saved:'))
              .map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
}

/** Saving the current filters under a name, and deleting the saved view that is showing. */
export function SavedViewActions({ filters }: { filters: QueueFilters }) {
  const id = useId();
  const savedViews = useSavedViews();
  const create = useCreateSavedView();
  const remove = useDeleteSavedView();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const query = queueFiltersToSearchParams(filters).toString();
  const current = (savedViews.data ?? []).find(
    (view) => normalisedQuery(view.query) === normalisedQuery(query),
  );

  function handleSave(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError('Give the view a name.');
      return;
    }
    setNameError(undefined);
    create.mutate(
      { name: trimmed, query },
      {
        onSuccess: (view) => {
          setOpen(false);
          setName('');
          setAnnouncement(`View “${view.name}” saved.`);
        },
      },
    );
  }

  return (
    <div className="saved-view-actions">
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        Save as a view…
      </button>
      {current ? (
        <button
          type="button"
          className="button button-small"
          aria-disabled={remove.isPending}
          onClick={() =>
            remove.mutate(current.id, { onSuccess: () => setAnnouncement(`View “${current.name}” deleted.`) })
          }
        >
          Delete view “{current.name}”
        </button>
      ) : null}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <Dialog
        open={open}
        title="Save these filters as a view"
        onClose={() => setOpen(false)}
        description="The view appears under “View” for you only."
      >
        <form onSubmit={handleSave} noValidate aria-labelledby={`${id}-title`}>
          <span id={`${id}-title`} className="visually-hidden">
            Save the view
          </span>
          <TextField
            name="name"
            label="Name"
            value={name}
            maxLength={80}
            autoFocus
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameError}
          />
          {create.error ? <ProblemAlert error={create.error} title="Not saved" /> : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" aria-disabled={create.isPending}>
              {create.isPending ? 'Saving…' : 'Save view'}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
