import type { Meeting } from '@nsp/contracts';
import { useId, useState } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { useFormErrors } from '../../../components/form-errors';
import { SelectField, TextAreaField, TextField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/status-messages';
import { personLabel, useActivePersonnel } from '../../../lib/reference-data/personnel';
import { useCreateActionItem, useCreateMeetingProblem, useUpdateMeeting } from '../api/change-meeting';
import { wallTimeToIso } from './meeting-format';

/** A new action item: what, who owns it, by when. */
export function NewActionItemForm({ meetingId }: { meetingId: string }) {
  const id = useId();
  const people = useActivePersonnel();
  const create = useCreateActionItem();
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    ['title', 'ownerId', 'dueDate'],
    create.error,
  );
  return (
    <form
      ref={formRef}
      className="form form-wide"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (create.isPending) return;
        const form = event.currentTarget;
        const data = new FormData(form);
        const title = String(data.get('title') ?? '').trim();
        if (reportClientErrors(title ? {} : { title: 'is required' })) return;
        create.mutate(
          {
            meetingId,
            title,
            ownerId: String(data.get('ownerId') ?? '') || null,
            dueDate: String(data.get('dueDate') ?? '') || null,
          },
          { onSuccess: () => form.reset(), onError: focusFirstInvalidSoon },
        );
      }}
    >
      <h3 id={`${id}-heading`}>New action item</h3>
      <FormErrorSummary errors={errors} title="The action item was not added" />
      <TextField name="title" label="Action" error={errors.field('title')} maxLength={500} required />
      <div className="field-pair">
        <SelectField name="ownerId" label="Owner" error={errors.field('ownerId')} defaultValue="">
          <option value="">No owner yet</option>
          {(people.data ?? []).map((person) => (
            <option key={person.id} value={person.id}>
              {personLabel(person)}
            </option>
          ))}
        </SelectField>
        <TextField name="dueDate" label="Due date" type="date" error={errors.field('dueDate')} />
      </div>
      <FormActions pending={create.isPending} pendingLabel="Adding…" submitLabel="Add action item" />
    </form>
  );
}

/** A problem raised in the room, optionally tied to the service request it became. */
export function ProblemForm({ meetingId }: { meetingId: string }) {
  const id = useId();
  const create = useCreateMeetingProblem();
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    ['description', 'serviceRequestId', 'saraCaseId'],
    create.error,
  );
  return (
    <form
      ref={formRef}
      className="form form-wide"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (create.isPending) return;
        const form = event.currentTarget;
        const data = new FormData(form);
        const description = String(data.get('description') ?? '').trim();
        if (reportClientErrors(description ? {} : { description: 'is required' })) return;
        create.mutate(
          {
            meetingId,
            description,
            serviceRequestId: String(data.get('serviceRequestId') ?? '').trim() || null,
          },
          { onSuccess: () => form.reset(), onError: focusFirstInvalidSoon },
        );
      }}
    >
      <h3 id={`${id}-heading`}>Record a problem</h3>
      <FormErrorSummary errors={errors} title="The problem was not recorded" />
      <TextAreaField
        name="description"
        label="Problem"
        rows={2}
        error={errors.field('description')}
        required
      />
      <TextField
        name="serviceRequestId"
        label="Service request id (optional)"
        hint="When the problem was filed as a request"
        error={errors.field('serviceRequestId')}
      />
      <FormActions pending={create.isPending} pendingLabel="Recording…" submitLabel="Record problem" />
    </form>
  );
}

/** Minutes and attendance; "Record as held" once the meeting has started. */
export function MinutesForm({ meeting }: { meeting: Meeting }) {
  const update = useUpdateMeeting();
  const [saved, setSaved] = useState(false);
  const { formRef, errors, focusFirstInvalidSoon } = useFormErrors(
    ['attendanceCount', 'residentCount', 'minutes', 'publicSummary'],
    update.error,
  );
  const started = new Date(meeting.startsAt).getTime() <= Date.now();
  const save = (form: HTMLFormElement, hold: boolean) => {
    if (update.isPending) return;
    const data = new FormData(form);
    const number = (name: string) => {
      const value = String(data.get(name) ?? '').trim();
      return value === '' ? null : Number(value);
    };
    const summary = String(data.get('publicSummary') ?? '').trim();
    setSaved(false);
    update.mutate(
      {
        id: meeting.id,
        version: meeting.version,
        attendanceCount: number('attendanceCount'),
        residentCount: number('residentCount'),
        minutes: String(data.get('minutes') ?? '').trim() || null,
        publicSummary: summary ? { ...(meeting.publicSummary ?? {}), en: summary } : null,
        ...(hold ? { status: 'held' as const } : {}),
      },
      { onSuccess: () => setSaved(true), onError: focusFirstInvalidSoon },
    );
  };
  return (
    <form
      ref={formRef}
      className="form form-wide"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save(event.currentTarget, false);
      }}
    >
      <FormErrorSummary errors={errors} title="Not saved" />
      <div className="field-pair">
        <TextField
          name="attendanceCount"
          label="People attending"
          type="number"
          min={0}
          defaultValue={meeting.attendanceCount ?? ''}
          error={errors.field('attendanceCount')}
        />
        <TextField
          name="residentCount"
          label="Of whom residents"
          type="number"
          min={0}
          defaultValue={meeting.residentCount ?? ''}
          error={errors.field('residentCount')}
        />
      </div>
      <TextAreaField
        name="minutes"
        label="Minutes"
        hint="Internal; never published."
        rows={8}
        defaultValue={meeting.minutes ?? ''}
        error={errors.field('minutes')}
      />
      <TextAreaField
        name="publicSummary"
        label="Public summary"
        hint="Published on the public calendar once the meeting is held."
        rows={3}
        defaultValue={meeting.publicSummary?.en ?? ''}
        error={errors.field('publicSummary')}
      />
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={update.isPending}>
          Save minutes
        </button>
        {meeting.status === 'planned' && started ? (
          <button
            type="button"
            className="button button-primary"
            aria-disabled={update.isPending}
            onClick={(event) => {
              const form = event.currentTarget.form;
              if (form) save(form, true);
            }}
          >
            Record as held
          </button>
        ) : null}
        {saved ? (
          <span role="status" className="muted">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}

/** Cancelling needs a reason; a cancelled meeting can be planned again. */
export function CancelMeetingForm({ meeting }: { meeting: Meeting }) {
  const id = useId();
  const update = useUpdateMeeting();
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    ['cancelReason'],
    update.error,
  );
  if (meeting.status === 'held') return null;
  if (meeting.status === 'cancelled')
    return (
      <section className="card" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>Cancelled</h2>
        <button
          type="button"
          className="button"
          aria-disabled={update.isPending}
          onClick={() => !update.isPending && update.mutate({ id: meeting.id, status: 'planned' })}
        >
          Plan again
        </button>
      </section>
    );
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Cancel the meeting</h2>
      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (update.isPending) return;
          const reason = String(new FormData(event.currentTarget).get('cancelReason') ?? '').trim();
          if (reportClientErrors(reason ? {} : { cancelReason: 'is required' })) return;
          update.mutate(
            { id: meeting.id, status: 'cancelled', cancelReason: reason },
            { onError: focusFirstInvalidSoon },
          );
        }}
      >
        <FormErrorSummary errors={errors} title="Not cancelled" />
        <TextField name="cancelReason" label="Reason" error={errors.field('cancelReason')} required />
        <FormActions pending={update.isPending} pendingLabel="Cancelling…" submitLabel="Cancel meeting" />
      </form>
    </section>
  );
}

/** A new time for a planned meeting; the old one is kept in the reschedule history with the reason. */
export function RescheduleForm({ meeting }: { meeting: Meeting }) {
  const id = useId();
  const update = useUpdateMeeting();
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    ['startsAt', 'endsAt', 'rescheduleReason'],
    update.error,
  );
  if (meeting.status !== 'planned') return null;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Reschedule</h2>
      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (update.isPending) return;
          const data = new FormData(event.currentTarget);
          const startsAt = wallTimeToIso(String(data.get('startsAt') ?? ''), meeting.timeZone);
          if (reportClientErrors(startsAt ? {} : { startsAt: 'is required' }) || !startsAt) return;
          update.mutate(
            {
              id: meeting.id,
              version: meeting.version,
              startsAt,
              rescheduleReason: String(data.get('rescheduleReason') ?? '').trim() || null,
            },
            { onError: focusFirstInvalidSoon },
          );
        }}
      >
        <FormErrorSummary errors={errors} title="Not rescheduled" />
        <TextField
          name="startsAt"
          label="New start (East Hartford time)"
          type="datetime-local"
          error={errors.field('startsAt')}
          required
        />
        <TextField name="rescheduleReason" label="Why" error={errors.field('rescheduleReason')} />
        <FormActions pending={update.isPending} pendingLabel="Rescheduling…" submitLabel="Reschedule" />
      </form>
    </section>
  );
}

/** The agenda: points in order, each public (on the public calendar) or internal. */
export function AgendaEditor({ meeting }: { meeting: Meeting }) {
  const id = useId();
  const update = useUpdateMeeting();
  const [title, setTitle] = useState('');
  const [isPublic, setIsPublic] = useState(true);
  const save = (agenda: Meeting['agenda']) =>
    update.mutate({ id: meeting.id, version: meeting.version, agenda });
  return (
    <div>
      {meeting.agenda.length > 0 ? (
        <ul className="plain-list" aria-label="Agenda points">
          {meeting.agenda.map((item, index) => (
            <li key={`${index}-${item.title.en}`} className="work-item">
              <span>
                {index + 1}. {item.title.en}
              </span>{' '}
              {item.public ? null : <span className="badge badge-muted">Internal</span>}{' '}
              <button
                type="button"
                className="button button-small button-quiet"
                aria-label={`Remove “${item.title.en}” from the agenda`}
                aria-disabled={update.isPending}
                onClick={() => !update.isPending && save(meeting.agenda.filter((_, at) => at !== index))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="input-with-button"
        onSubmit={(event) => {
          event.preventDefault();
          const text = title.trim();
          if (!text || update.isPending) return;
          update.mutate(
            {
              id: meeting.id,
              version: meeting.version,
              agenda: [...meeting.agenda, { title: { en: text }, public: isPublic }],
            },
            { onSuccess: () => setTitle('') },
          );
        }}
      >
        <label className="visually-hidden" htmlFor={`${id}-point`}>
          New agenda point
        </label>
        <input
          id={`${id}-point`}
          value={title}
          placeholder="New agenda point…"
          maxLength={4000}
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={isPublic}
            onChange={(event) => setIsPublic(event.currentTarget.checked)}
          />
          Public
        </label>
        <button type="submit" className="button button-small" aria-disabled={update.isPending}>
          Add point
        </button>
      </form>
      {update.isError ? <ProblemAlert error={update.error} title="The agenda was not saved" /> : null}
    </div>
  );
}
