import { FormErrorSummary } from '../../../components/form-error-summary';
import { reassignLieutenantBodySchema } from '@nsp/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { collectFormErrors, focusFirstInvalid } from '../../../components/form-errors';
import { SelectField, TextAreaField, TextField } from '../../../components/form-fields';
import { isApiProblem } from '../../../lib/api-problem';
import { formatDateTime, fromDateTimeLocalValue, toDateTimeLocalValue } from '../../../lib/format';
import { personLabel, useActivePersonnel } from '../../../lib/reference-data/personnel';
import { fieldErrorsFromIssues } from '../../../lib/validation';
import { useOpenWorkPreview } from '../api/get-open-work-preview';
import { useReassignLieutenant } from '../api/reassign-lieutenant';
import type { Assignment, ConflictingAssignment, ReassignmentResult } from '../types';

const FIELDS = ['personnelId', 'effectiveAt', 'reason', 'transferOpenWork'] as const;

interface ReassignLieutenantFormProps {
  neighborhood: { id: string; name: string; code: string };
  /** The interval in force now, as the supervisor sees it (null: nobody holds the role). */
  current: Assignment | null;
}

/**
 * Ends the current coordination lieutenant's interval at the effective time and starts the
 * incoming one, in one step on the server; optionally hands over the outgoing lieutenant's open
 * requests, saying beforehand how many. A future time schedules the change, and the hand-over with it
 * (a background job moves the open work when the change takes effect).
 */
export function ReassignLieutenantForm({ neighborhood, current }: ReassignLieutenantFormProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const personnelQuery = useActivePersonnel();
  const [personnelId, setPersonnelId] = useState('');
  const [effectiveAt, setEffectiveAt] = useState(() => toDateTimeLocalValue(new Date()));
  // Untouched, the field means "now": send the moment of saving, not the minute it shows (which can
  // lie before an interval that started earlier in that same minute).
  const [effectiveTouched, setEffectiveTouched] = useState(false);
  const [reason, setReason] = useState('');
  const [transferOpenWork, setTransferOpenWork] = useState(true);
  const [clientErrors, setClientErrors] = useState<Partial<Record<string, string>>>({});
  const [result, setResult] = useState<{
    value: ReassignmentResult;
    incoming: string;
    incomingId: string;
  } | null>(null);
  const reassign = useReassignLieutenant({
    mutationConfig: {
      onError: () => requestAnimationFrame(() => focusFirstInvalid(formRef.current)),
    },
  });
  const errors = collectFormErrors(FIELDS, clientErrors, reassign.error);
  const effectiveDate = fromDateTimeLocalValue(effectiveAt);
  const isFuture = effectiveDate !== null && effectiveDate.getTime() > Date.now() + 60_000;
  const preview = useOpenWorkPreview(
    neighborhood.id,
    effectiveTouched && effectiveDate ? effectiveDate.toISOString() : null,
  );
  const movingNow = preview.data?.openWork.total ?? null;
  const people = personnelQuery.data ?? [];
  const lieutenants = people.filter((person) => person.kind === 'lieutenant');
  const others = people.filter((person) => person.kind !== 'lieutenant');
  const conflict =
    isApiProblem(reassign.error) && reassign.error.status === 409
      ? (reassign.error.extensions.conflictingAssignment as ConflictingAssignment | undefined)
      : undefined;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (reassign.isPending) return;
    setResult(null);
    const candidate = {
      personnelId,
      effectiveAt: effectiveTouched ? effectiveDate?.toISOString() : new Date().toISOString(),
      reason,
      transferOpenWork,
      replacesAssignmentId: current?.id,
    };
    const parsed = reassignLieutenantBodySchema.safeParse(candidate);
    const found = parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues);
    if (!personnelId) found.personnelId = 'Choose the incoming lieutenant.';
    if (!effectiveDate) found.effectiveAt = 'Enter the date and time the change takes effect.';
    setClientErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    const incoming = people.find((person) => person.id === personnelId)?.name ?? 'The new lieutenant';
    reassign.mutate(
      {
        neighborhoodId: neighborhood.id,
        ...parsed.data,
        effectiveAt: parsed.data.effectiveAt ?? new Date().toISOString(),
      },
      {
        onSuccess: (value) => {
          setResult({ value, incoming, incomingId: parsed.data.personnelId });
          setReason('');
          setPersonnelId('');
          setEffectiveAt(toDateTimeLocalValue(new Date()));
          setEffectiveTouched(false);
        },
      },
    );
  }

  return (
    <form
      ref={formRef}
      className="form card"
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby={`${id}-heading`}
    >
      <h2 id={`${id}-heading`}>Reassign the coordination lieutenant</h2>
      <p className="muted">
        {current
          ? `Now: ${current.person.name}, since ${formatDateTime(current.startsAt)}.`
          : 'Nobody holds the role now.'}
      </p>
      <div role="status" aria-live="polite">
        {result ? (
          <div className="notice notice-success">
            <p>
              {result.value.scheduled
                ? `Scheduled: ${result.incoming} becomes the coordination lieutenant of ${neighborhood.name} on ${formatDateTime(result.value.started.startsAt)}.`
                : `${result.incoming} is the coordination lieutenant of ${neighborhood.name} from ${formatDateTime(result.value.started.startsAt)}.`}
            </p>
            <p>
              {result.value.ended ? `${result.value.ended.person.name}’s interval ends then. ` : ''}
              {result.value.scheduledTransfer
                ? `The open work moves to the incoming lieutenant on ${formatDateTime(result.value.scheduledTransfer.dueAt)}.`
                : result.value.transferred.total === 1
                  ? '1 open request moved to the incoming lieutenant.'
                  : `${result.value.transferred.total} open requests moved to the incoming lieutenant.`}
            </p>
            {result.value.transferred.total > 0 ? (
              <p>
                <Link
                  to={`/service-requests?${new URLSearchParams({ neighborhoodId: neighborhood.id, assigneeId: result.incomingId }).toString()}`}
                >
                  See the requests that moved
                </Link>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      <FormErrorSummary
        errors={errors}
        title={isApiProblem(reassign.error) ? reassign.error.title : 'Not saved'}
      >
        {conflict ? (
          <p>
            Conflicting interval: {conflict.personName}, from {formatDateTime(conflict.startsAt)}{' '}
            {conflict.endsAt ? `until ${formatDateTime(conflict.endsAt)}` : '(open-ended)'}.
          </p>
        ) : null}
      </FormErrorSummary>
      <SelectField
        name="personnelId"
        label="Incoming lieutenant"
        value={personnelId}
        onChange={(event) => setPersonnelId(event.currentTarget.value)}
        error={errors.field('personnelId')}
      >
        <option value="">Choose a person…</option>
        {[
          { label: 'Lieutenants', people: lieutenants },
          { label: 'Other personnel', people: others },
        ]
          .filter((group) => group.people.length > 0)
          .map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.people.map((person) => (
                <option key={person.id} value={person.id} disabled={person.id === current?.personnelId}>
                  {personLabel(person)}
                  {person.id === current?.personnelId ? ' — current' : ''}
                </option>
              ))}
            </optgroup>
          ))}
      </SelectField>
      <TextField
        name="effectiveAt"
        label="Effective from"
        type="datetime-local"
        value={effectiveAt}
        onChange={(event) => {
          setEffectiveAt(event.currentTarget.value);
          setEffectiveTouched(true);
        }}
        hint="Your local time. A future time schedules the change; the record of who was responsible when is kept."
        error={errors.field('effectiveAt')}
      />
      <TextAreaField
        name="reason"
        label="Reason"
        value={reason}
        rows={3}
        onChange={(event) => setReason(event.currentTarget.value)}
        hint="Kept with the assignment history and the audit log."
        error={errors.field('reason')}
      />
      <div className={`field${errors.field('transferOpenWork') ? ' field-invalid' : ''}`}>
        <div className="checkbox">
          <input
            type="checkbox"
            id={`${id}-transfer`}
            checked={transferOpenWork}
            onChange={(event) => setTransferOpenWork(event.currentTarget.checked)}
            aria-describedby={`${id}-transfer-hint`}
          />
          <label htmlFor={`${id}-transfer`}>Transfer open work to the incoming lieutenant</label>
        </div>
        <p className="field-hint" id={`${id}-transfer-hint`} aria-live="polite">
          {preview.data && !preview.data.outgoing
            ? `Nobody holds the role then: there is no open work to move.`
            : isFuture
              ? `Moves what ${preview.data?.outgoing?.name ?? 'the outgoing lieutenant'} holds in ${neighborhood.name} when the change takes effect${movingNow !== null ? ` (${movingNow} open request${movingNow === 1 ? '' : 's'} now)` : ''}.`
              : `Moves ${movingNow !== null ? `${movingNow} open request${movingNow === 1 ? '' : 's'}` : 'the open requests'} of ${preview.data?.outgoing?.name ?? (current ? current.person.name : 'the outgoing lieutenant')} in ${neighborhood.name}.`}
        </p>
        {errors.field('transferOpenWork') ? (
          <p className="field-error">
            <span aria-hidden="true">⚠ </span>
            {errors.field('transferOpenWork')}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={reassign.isPending}>
          {reassign.isPending ? 'Saving…' : isFuture ? 'Schedule reassignment' : 'Reassign now'}
        </button>
      </div>
    </form>
  );
}
