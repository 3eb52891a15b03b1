import { type FormEvent, useId, useState } from 'react';
import { SelectField } from '../../../../components/form-fields';
import { ProblemAlert } from '../../../../components/status-messages';
import { personLabel, useActivePersonnel } from '../../../../lib/reference-data/personnel';
import { useUpdateServiceRequest } from '../../api/change-service-request';
import { PRIORITIES, PRIORITY_LABELS } from '../../labels';
import type { RequestPriority, ServiceRequestDetail } from '../../types';

/** Who works the request and how urgent it is; a new priority recomputes the due times (API). */
export function AssignmentForm({
  request,
  onSaved,
}: {
  request: ServiceRequestDetail;
  onSaved: (message: string) => void;
}) {
  const id = useId();
  const personnelQuery = useActivePersonnel();
  const [assigneeId, setAssigneeId] = useState(request.assigneeId ?? '');
  const [priority, setPriority] = useState<RequestPriority>(request.priority);
  const update = useUpdateServiceRequest({ onSuccess: () => onSaved('Assignment and priority saved.') });
  const people = personnelQuery.data ?? [];
  // The current assignee may be inactive now; keep them choosable so the form shows the truth.
  const assigneeListed = !request.assignee || people.some((person) => person.id === request.assigneeId);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    const changes: { assigneeId?: string | null; priority?: RequestPriority } = {};
    if ((assigneeId || null) !== request.assigneeId) changes.assigneeId = assigneeId || null;
    if (priority !== request.priority) changes.priority = priority;
    if (Object.keys(changes).length === 0) {
      onSaved('Nothing to save: assignee and priority are unchanged.');
      return;
    }
    update.mutate({ id: request.id, version: request.version, changes });
  }

  return (
    <form className="card" onSubmit={handleSubmit} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`}>Assignment</h2>
      <SelectField
        name="assigneeId"
        label="Assignee"
        value={assigneeId}
        onChange={(event) => setAssigneeId(event.currentTarget.value)}
      >
        <option value="">Unassigned</option>
        {!assigneeListed && request.assignee ? (
          <option value={request.assignee.id}>{request.assignee.name} (inactive)</option>
        ) : null}
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {personLabel(person)}
          </option>
        ))}
      </SelectField>
      <SelectField
        name="priority"
        label="Priority"
        value={priority}
        onChange={(event) => setPriority(event.currentTarget.value as RequestPriority)}
        hint="Changing it recomputes the due times."
      >
        {PRIORITIES.map((value) => (
          <option key={value} value={value}>
            {PRIORITY_LABELS[value]}
          </option>
        ))}
      </SelectField>
      {update.error ? <ProblemAlert error={update.error} title="Not saved" /> : null}
      <button type="submit" className="button" aria-disabled={update.isPending}>
        {update.isPending ? 'Saving…' : 'Save assignment'}
      </button>
    </form>
  );
}
