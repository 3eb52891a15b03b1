import type { Priority } from '@nsp/contracts';
import { useId, useState } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { useFormErrors } from '../../../components/form-errors';
import { SelectField, TextField } from '../../../components/form-fields';
import { formatDateTime } from '../../../lib/format';
import { useAddPriorityAction, useUpdatePriority } from '../api/priorities';
import { type Bilingual, BilingualField, ContactDataWarning, localizedOf } from './priority-form';

const STATUS_LABELS: Record<Priority['status'], string> = {
  active: 'Active',
  achieved: 'Achieved',
  retired: 'Retired',
};
const STATUS_BADGES: Record<Priority['status'], string> = {
  active: 'badge badge-info',
  achieved: 'badge badge-success',
  retired: 'badge badge-muted',
};
const SOURCE_LABELS: Record<Priority['source'], string> = {
  meeting: 'set at a meeting',
  sara_case: 'from a SARA case',
  candidate: 'from a candidate problem',
  staff: 'set by staff',
};

const today = () => new Date().toISOString().slice(0, 10);
/** A date typed in the form, as the instant at noon that day (local), never in the future. */
function takenAtOf(date: string): string {
  const noon = new Date(`${date}T12:00:00`);
  return (noon.getTime() > Date.now() ? new Date() : noon).toISOString();
}

/** One priority: its age and last action, its actions, and (for those who may) adding and closing. */
export function PriorityCard({ priority, mayWork }: { priority: Priority; mayWork: boolean }) {
  const id = useId();
  return (
    <li className="work-item priority" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {priority.title.en}{' '}
        <span className={STATUS_BADGES[priority.status]}>{STATUS_LABELS[priority.status]}</span>
        {priority.stale ? <span className="badge badge-warning"> No action in 30 days</span> : null}
      </h3>
      <p>{priority.description.en}</p>
      <p className="muted">
        {SOURCE_LABELS[priority.source]} · set {formatDateTime(priority.setAt)} · {priority.ageDays} days old
        · last action {priority.lastActionAt ? formatDateTime(priority.lastActionAt) : 'none yet'}
      </p>
      {priority.outcome ? (
        <p>
          <strong>Outcome{priority.closedAt ? ` (${formatDateTime(priority.closedAt)})` : ''}:</strong>{' '}
          {priority.outcome.en}
        </p>
      ) : null}
      {priority.actions.length > 0 ? (
        <ul aria-label={`Actions on ${priority.title.en}`}>
          {priority.actions.map((action) => (
            <li key={action.id}>
              {formatDateTime(action.takenAt)}: {action.body.en}
            </li>
          ))}
        </ul>
      ) : null}
      {mayWork && priority.status === 'active' ? (
        <>
          {priority.suggestions.length > 0 ? <Suggestions priority={priority} /> : null}
          <AddActionForm priority={priority} />
          <CloseForm priority={priority} />
        </>
      ) : null}
    </li>
  );
}

function Suggestions({ priority }: { priority: Priority }) {
  const add = useAddPriorityAction();
  return (
    <div>
      <h4>Suggested actions</h4>
      <p className="muted">
        Done in the linked SARA case or at the meeting; nothing is published until you add it.
      </p>
      <ul className="plain-list">
        {priority.suggestions.map((suggestion) => (
          <li key={suggestion.sourceId}>
            {suggestion.body}{' '}
            <button
              type="button"
              className="button button-small"
              disabled={add.isPending}
              onClick={() =>
                add.mutate({
                  id: priority.id,
                  body: suggestion.body,
                  takenAt: suggestion.takenAt,
                  ...(suggestion.kind === 'sara_response'
                    ? { saraResponseActionId: suggestion.sourceId }
                    : { actionItemId: suggestion.sourceId }),
                })
              }
            >
              Add as action
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function AddActionForm({ priority }: { priority: Priority }) {
  const id = useId();
  const add = useAddPriorityAction();
  const [body, setBody] = useState<Bilingual>({ en: '', es: '' });
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    ['body', 'takenAt'],
    add.error,
  );
  return (
    <form
      ref={formRef}
      className="form form-wide"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (add.isPending) return;
        const form = event.currentTarget;
        const date = String(new FormData(form).get('takenAt') ?? '');
        if (
          reportClientErrors({
            ...(body.en.trim() ? {} : { body: 'is required' }),
            ...(date ? {} : { takenAt: 'is required' }),
          })
        )
          return;
        add.mutate(
          { id: priority.id, body: localizedOf(body), takenAt: takenAtOf(date) },
          { onSuccess: () => setBody({ en: '', es: '' }), onError: focusFirstInvalidSoon },
        );
      }}
    >
      <h4 id={`${id}-heading`}>Add an action</h4>
      <FormErrorSummary errors={errors} title="The action was not added" />
      <BilingualField
        name="body"
        label="What was done"
        englishNote="English, public"
        value={body}
        onChange={setBody}
        maxLength={1000}
        error={errors.field('body')}
      />
      <TextField
        name="takenAt"
        label="Date"
        type="date"
        defaultValue={today()}
        max={today()}
        error={errors.field('takenAt')}
        required
      />
      <ContactDataWarning texts={[body.en, body.es]} />
      <FormActions pending={add.isPending} pendingLabel="Adding…" submitLabel="Add action" />
    </form>
  );
}

function CloseForm({ priority }: { priority: Priority }) {
  const id = useId();
  const update = useUpdatePriority();
  const [outcome, setOutcome] = useState<Bilingual>({ en: '', es: '' });
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    ['status', 'outcome'],
    update.error,
  );
  return (
    <form
      ref={formRef}
      className="form form-wide"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (update.isPending) return;
        const status = String(new FormData(event.currentTarget).get('status')) as 'achieved' | 'retired';
        if (reportClientErrors(outcome.en.trim() ? {} : { outcome: 'is required' })) return;
        update.mutate(
          {
            id: priority.id,
            version: priority.version,
            status,
            outcome: localizedOf(outcome),
          },
          { onError: focusFirstInvalidSoon },
        );
      }}
    >
      <h4 id={`${id}-heading`}>Close this priority</h4>
      <FormErrorSummary errors={errors} title="The priority was not closed" />
      <SelectField name="status" label="Result" defaultValue="achieved">
        <option value="achieved">Achieved</option>
        <option value="retired">Retired</option>
      </SelectField>
      <BilingualField
        name="outcome"
        label="Outcome"
        englishNote="English, public"
        rows={2}
        value={outcome}
        onChange={setOutcome}
        error={errors.field('outcome')}
      />
      <ContactDataWarning texts={[outcome.en, outcome.es]} />
      <FormActions pending={update.isPending} pendingLabel="Saving…" submitLabel="Close priority" />
    </form>
  );
}
