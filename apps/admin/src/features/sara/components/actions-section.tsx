import type { SaraAction, SaraCase } from '@nsp/contracts';
import { type FormEvent, useId, useState } from 'react';
import { TextField } from '../../../components/form-fields';
import { EmptyState, ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { personLabel, useActivePersonnel } from '../../../lib/reference-data/personnel';
import { useAddSaraAction, useUpdateSaraAction } from '../api/sara-cases';
import { ACTION_STATUS_LABELS } from '../labels';
import { fieldErrorOf } from './use-field-errors';

/** Response actions: each with an owner, a partner, a due date and a status that can be changed in place. */
export function ActionsSection({ sara, editable }: { sara: SaraCase; editable: boolean }) {
  const id = useId();
  const personnel = useActivePersonnel();
  const add = useAddSaraAction(sara.id);
  const update = useUpdateSaraAction(sara.id);
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [partner, setPartner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { title, ownerId: ownerId || null, partner, dueDate: dueDate || null },
      {
        onSuccess: () => {
          setTitle('');
          setPartner('');
          setDueDate('');
        },
      },
    );
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Response actions</h2>
      {sara.actions.length === 0 ? (
        <EmptyState>No actions yet.</EmptyState>
      ) : (
        <TableRegion label="Response actions">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Owner</th>
                <th scope="col">Partner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {sara.actions.map((action) => (
                <tr key={action.id}>
                  <td>{action.title}</td>
                  <td>{action.ownerName ?? '—'}</td>
                  <td>{action.partner || '—'}</td>
                  <td>{action.dueDate ?? '—'}</td>
                  <td>
                    {editable ? (
                      <select
                        aria-label={`Status of ${action.title}`}
                        value={action.status}
                        onChange={(event) =>
                          update.mutate({
                            actionId: action.id,
                            status: event.currentTarget.value as SaraAction['status'],
                          })
                        }
                      >
                        {Object.entries(ACTION_STATUS_LABELS).map(([value, label]) => (
                          <option key={value} value={value}>
                            {label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      ACTION_STATUS_LABELS[action.status]
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {update.isError ? <ProblemAlert error={update.error} title="The action was not changed" /> : null}
      {editable ? (
        <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-add`}>
          <h3 id={`${id}-add`}>Add an action</h3>
          <TextField
            name="title"
            label="Action"
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={fieldErrorOf(add.error, 'title')}
          />
          <div className="field">
            <label htmlFor={`${id}-owner`}>Owner</label>
            <select
              id={`${id}-owner`}
              value={ownerId}
              onChange={(event) => setOwnerId(event.currentTarget.value)}
            >
              <option value="">No owner yet</option>
              {(personnel.data ?? []).map((person) => (
                <option key={person.id} value={person.id}>
                  {personLabel(person)}
                </option>
              ))}
            </select>
          </div>
          <TextField
            name="partner"
            label="Partner organisation"
            value={partner}
            onChange={(event) => setPartner(event.currentTarget.value)}
          />
          <TextField
            name="dueDate"
            label="Due date"
            type="date"
            value={dueDate}
            onChange={(event) => setDueDate(event.currentTarget.value)}
            error={fieldErrorOf(add.error, 'dueDate')}
          />
          {add.isError ? <ProblemAlert error={add.error} title="The action was not added" /> : null}
          <div className="form-actions">
            <button type="submit" className="button" disabled={add.isPending}>
              Add action
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
