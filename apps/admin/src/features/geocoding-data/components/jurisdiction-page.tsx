import { type FormEvent, useEffect, useState } from 'react';
import { FormActions } from '../../../components/form-actions';
import { TextAreaField, TextField } from '../../../components/form-fields';
import { PageHeader } from '../../../components/page-header';
import { LoadingState, ProblemAlert } from '../../../components/status-messages';
import { isApiProblem } from '../../../lib/api-problem';
import { formatDateTime } from '../../../lib/format';
import { type Jurisdiction, useJurisdiction, useUpdateJurisdiction } from '../api/jurisdiction';
import { namesToText, textToNames, textToZipCodes } from '../utils/name-lists';

interface Draft {
  state: string;
  towns: string;
  villages: string;
  zipCodes: string;
}

const draftOf = (saved: Jurisdiction): Draft => ({
  state: saved.state ?? '',
  towns: namesToText(saved.towns),
  villages: namesToText(saved.villages),
  zipCodes: saved.zipCodes.join(', '),
});

/** The API names a field ("zipCodes.0"); the form shows it under that list. */
function fieldErrors(error: unknown): Partial<Record<keyof Draft, string>> {
  if (!isApiProblem(error)) return {};
  const errors: Partial<Record<keyof Draft, string>> = {};
  for (const problem of error.errors ?? []) {
    const field = problem.path.split('.')[0] as keyof Draft;
    if (field in { state: 1, towns: 1, villages: 1, zipCodes: 1 }) errors[field] ??= problem.message;
  }
  return errors;
}

/**
 * The department's own names: an address naming another town (or a ZIP code or state not listed) is
 * reported as outside the jurisdiction instead of being matched to a street of the same name.
 */
export function JurisdictionPage() {
  const jurisdiction = useJurisdiction();
  const save = useUpdateJurisdiction();
  const [draft, setDraft] = useState<Draft | null>(null);

  useEffect(() => {
    if (jurisdiction.data) setDraft(draftOf(jurisdiction.data));
  }, [jurisdiction.data]);

  if (jurisdiction.isPending) return <LoadingState label="Loading the jurisdiction…" />;
  if (jurisdiction.error)
    return <ProblemAlert error={jurisdiction.error} title="The jurisdiction could not be loaded" />;
  if (!draft) return null;

  const errors = fieldErrors(save.error);
  const change = (field: keyof Draft) => (event: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [field]: event.currentTarget.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending || !draft || !jurisdiction.data) return;
    save.mutate({
      state: draft.state.trim() === '' ? null : draft.state.trim(),
      towns: textToNames(draft.towns),
      villages: textToNames(draft.villages),
      zipCodes: textToZipCodes(draft.zipCodes),
      version: jurisdiction.data.version,
    });
  }

  return (
    <div className="page">
      <PageHeader
        title="Jurisdiction"
        description="The town names, villages, ZIP codes and state the geocoder takes as the department’s own."
      />
      <form className="card" onSubmit={submit} noValidate aria-labelledby="jurisdiction-form-heading">
        <h2 id="jurisdiction-form-heading">Names of the jurisdiction</h2>
        <p className="muted">
          {jurisdiction.data.version === 0
            ? 'Nothing saved yet: no address is refused as outside.'
            : `Saved ${formatDateTime(jurisdiction.data.updatedAt)} (version ${jurisdiction.data.version}).`}
        </p>
        <TextAreaField
          name="towns"
          label="Towns"
          rows={3}
          hint="One town per line; other spellings after “;”, e.g. “East Hartford; E Hartford; East Htfd”."
          value={draft.towns}
          onChange={change('towns')}
          error={errors.towns}
        />
        <TextAreaField
          name="villages"
          label="Villages and sections"
          rows={4}
          hint="Names residents write instead of the town’s, one per line (“Burnside”)."
          value={draft.villages}
          onChange={change('villages')}
          error={errors.villages}
        />
        <TextField
          name="zipCodes"
          label="ZIP codes"
          hint="Five digits each, separated by commas."
          value={draft.zipCodes}
          onChange={change('zipCodes')}
          error={errors.zipCodes}
        />
        <TextField
          name="state"
          label="State"
          hint="Two letters, e.g. CT. An address in another state is outside."
          maxLength={2}
          value={draft.state}
          onChange={change('state')}
          error={errors.state}
        />
        {save.error && Object.keys(errors).length === 0 ? (
          <ProblemAlert error={save.error} title="The names were not saved" />
        ) : null}
        {save.isSuccess ? <p role="status">Saved. Geocoding uses the new names now.</p> : null}
        <FormActions pending={save.isPending} pendingLabel="Saving…" submitLabel="Save names" />
      </form>
    </div>
  );
}
