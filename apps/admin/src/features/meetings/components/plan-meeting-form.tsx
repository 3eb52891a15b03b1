import type { MeetingKind, Neighborhood } from '@nsp/contracts';
import { meetingKinds } from '@nsp/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { FormActions } from '../../../components/form-actions';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { useFormErrors } from '../../../components/form-errors';
import { SelectField, TextAreaField, TextField } from '../../../components/form-fields';
import { personLabel, useActivePersonnel } from '../../../lib/reference-data/personnel';
import { useCreateMeeting } from '../api/change-meeting';
import { KIND_LABELS, wallTimeToIso } from './meeting-format';

const DEPARTMENT_ZONE = 'America/New_York';
const FIELDS = [
  'neighborhoodId',
  'kind',
  'title',
  'startsAt',
  'endsAt',
  'locationName',
  'address',
  'onlineUrl',
  'agenda',
];
const INTERPRETATION = [
  { code: 'es', label: 'Spanish' },
  { code: 'pt', label: 'Portuguese' },
  { code: 'pl', label: 'Polish' },
  { code: 'ase', label: 'American Sign Language' },
];

/** Plans one meeting; the API checks the planner leads the neighborhood (or is a supervisor or admin). */
export function PlanMeetingForm({
  neighborhoods,
  defaultNeighborhoodId,
}: {
  neighborhoods: readonly Pick<Neighborhood, 'id' | 'name' | 'code'>[];
  defaultNeighborhoodId: string | null;
}) {
  const navigate = useNavigate();
  const createMeeting = useCreateMeeting();
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    FIELDS,
    createMeeting.error,
  );
  const [interpretation, setInterpretation] = useState<string[]>([]);
  const people = useActivePersonnel();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createMeeting.isPending) return;
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const startsAt = wallTimeToIso(text('startsAt'), DEPARTMENT_ZONE);
    const clientErrors: Record<string, string> = {};
    if (!text('neighborhoodId')) clientErrors.neighborhoodId = 'is required';
    if (!text('title')) clientErrors.title = 'is required';
    if (!startsAt) clientErrors.startsAt = 'is required';
    if (reportClientErrors(clientErrors) || !startsAt) return;
    const minutes = Number(text('duration') || '90');
    const agenda = text('agenda')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => ({ title: { en: line }, public: true }));
    createMeeting.mutate(
      {
        neighborhoodId: text('neighborhoodId'),
        kind: text('kind') as MeetingKind,
        title: text('title'),
        startsAt,
        endsAt: new Date(new Date(startsAt).getTime() + minutes * 60_000).toISOString(),
        locationName: text('locationName') || null,
        address: text('address') || null,
        onlineUrl: text('onlineUrl') || null,
        agenda,
        interpretation,
        staffIds: data.getAll('staffIds').map(String).filter(Boolean),
        partnerOrganizations: text('partnerOrganizations')
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
        internalNotes: text('internalNotes') || null,
      },
      {
        onSuccess: (meeting) => navigate(`/meetings/${meeting.id}`),
        onError: focusFirstInvalidSoon,
      },
    );
  }

  return (
    <form ref={formRef} className="form form-wide" noValidate onSubmit={submit}>
      <FormErrorSummary errors={errors} title="The meeting was not planned" />
      <div className="field-pair">
        <SelectField
          name="neighborhoodId"
          label="Neighborhood"
          defaultValue={defaultNeighborhoodId ?? ''}
          error={errors.field('neighborhoodId')}
          required
        >
          <option value="">Choose…</option>
          {neighborhoods.map((neighborhood) => (
            <option key={neighborhood.id} value={neighborhood.id}>
              {neighborhood.name} ({neighborhood.code})
            </option>
          ))}
        </SelectField>
        <SelectField name="kind" label="Kind" defaultValue="community_meeting" error={errors.field('kind')}>
          {meetingKinds.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField name="title" label="Title (public)" error={errors.field('title')} required maxLength={200} />
      <div className="field-pair">
        <TextField
          name="startsAt"
          label="Starts (East Hartford time)"
          type="datetime-local"
          error={errors.field('startsAt')}
          required
        />
        <TextField
          name="duration"
          label="Length in minutes"
          type="number"
          min={15}
          max={720}
          defaultValue={90}
        />
      </div>
      <div className="field-pair">
        <TextField
          name="locationName"
          label="Place"
          hint="e.g. Town Hall, Council Chambers"
          error={errors.field('locationName')}
        />
        <TextField
          name="address"
          label="Address"
          hint="Geocoded when it matches"
          error={errors.field('address')}
        />
      </div>
      <TextField name="onlineUrl" label="Online link" type="url" error={errors.field('onlineUrl')} />
      <fieldset className="field">
        <legend>Interpretation offered</legend>
        <div className="radio-group-inline">
          {INTERPRETATION.map((language) => (
            <label key={language.code} className="checkbox">
              <input
                type="checkbox"
                checked={interpretation.includes(language.code)}
                onChange={(event) =>
                  setInterpretation((current) =>
                    event.currentTarget.checked
                      ? [...current, language.code]
                      : current.filter((code) => code !== language.code),
                  )
                }
              />
              {language.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field-pair">
        <SelectField
          name="staffIds"
          label="Staff attending"
          hint="Besides the lieutenant; hold Ctrl or ⌘ to choose several. Never published."
          multiple
          size={5}
          error={errors.field('staffIds')}
        >
          {(people.data ?? []).map((person) => (
            <option key={person.id} value={person.id}>
              {personLabel(person)}
            </option>
          ))}
        </SelectField>
        <TextField
          name="partnerOrganizations"
          label="Partner organisations"
          hint="Separated by commas"
          error={errors.field('partnerOrganizations')}
        />
      </div>
      <TextAreaField
        name="agenda"
        label="Agenda"
        hint="One point per line; shown on the public calendar."
        error={errors.field('agenda')}
      />
      <TextAreaField name="internalNotes" label="Internal notes" hint="Staff only; never published." />
      <FormActions pending={createMeeting.isPending} pendingLabel="Planning…" submitLabel="Plan meeting" />
    </form>
  );
}
