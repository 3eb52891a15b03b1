import { contactDataWarnings, type LocalizedTextDto } from '@nsp/contracts';
import { useId, useState } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { useFormErrors } from '../../../components/form-errors';
import { TextAreaField, TextField } from '../../../components/form-fields';
import { useCreatePriority } from '../api/priorities';

/** English required; Spanish when given. */
export function localizedFrom(en: string, es: string): LocalizedTextDto {
  return es ? { en, es } : { en };
}

/**
 * Says when public text looks like someone's e-mail address or phone number. It is published as
 * written, so this is the moment to take a resident's details out.
 */
export function ContactDataWarning({ texts }: { texts: readonly string[] }) {
  const warnings = contactDataWarnings(texts.join('\n'));
  if (warnings.length === 0) return null;
  return (
    <div className="notice notice-info" role="status">
      <strong>This is published as written.</strong> It looks like it contains contact details (
      {warnings.map((warning) => warning.match).join(', ')}). Residents' names, e-mail addresses and phone
      numbers do not belong in public text.
    </div>
  );
}

/**
 * Sets a priority for a neighborhood: from a problem raised at a meeting ("Make it a priority"), or
 * from the neighborhood page. Title and description are public, in English and (optionally) Spanish.
 */
export function PriorityForm({
  neighborhoodId,
  meetingProblemId,
  defaultDescription = '',
  heading,
  onSaved,
  onCancel,
}: {
  neighborhoodId: string;
  meetingProblemId?: string;
  defaultDescription?: string;
  heading: string;
  onSaved?: () => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const create = useCreatePriority();
  const [values, setValues] = useState({
    titleEn: '',
    titleEs: '',
    descriptionEn: defaultDescription,
    descriptionEs: '',
  });
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    ['title', 'description', 'meetingProblemId'],
    create.error,
  );
  const change = (name: keyof typeof values) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [name]: value }));
  };
  return (
    <form
      ref={formRef}
      className="form form-wide"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (create.isPending) return;
        const trimmed = Object.fromEntries(
          Object.entries(values).map(([key, value]) => [key, value.trim()]),
        ) as typeof values;
        if (
          reportClientErrors({
            ...(trimmed.titleEn ? {} : { title: 'is required in English' }),
            ...(trimmed.descriptionEn ? {} : { description: 'is required in English' }),
          })
        )
          return;
        create.mutate(
          {
            neighborhoodId,
            title: localizedFrom(trimmed.titleEn, trimmed.titleEs),
            description: localizedFrom(trimmed.descriptionEn, trimmed.descriptionEs),
            ...(meetingProblemId ? { meetingProblemId } : {}),
          },
          { onSuccess: () => onSaved?.(), onError: focusFirstInvalidSoon },
        );
      }}
    >
      <h3 id={`${id}-heading`}>{heading}</h3>
      <p className="muted">The title and description are published on the neighborhood's public page.</p>
      <FormErrorSummary errors={errors} title="The priority was not set" />
      <TextField
        name="title"
        label="Title (English)"
        value={values.titleEn}
        onChange={change('titleEn')}
        maxLength={200}
        error={errors.field('title')}
        required
      />
      <TextField
        name="titleEs"
        label="Title (Spanish, optional)"
        value={values.titleEs}
        onChange={change('titleEs')}
        maxLength={200}
      />
      <TextAreaField
        name="description"
        label="Description (English)"
        rows={3}
        value={values.descriptionEn}
        onChange={change('descriptionEn')}
        error={errors.field('description')}
        required
      />
      <TextAreaField
        name="descriptionEs"
        label="Description (Spanish, optional)"
        rows={3}
        value={values.descriptionEs}
        onChange={change('descriptionEs')}
      />
      <ContactDataWarning texts={Object.values(values)} />
      <FormActions
        pending={create.isPending}
        pendingLabel="Setting…"
        submitLabel="Set priority"
        {...(onCancel ? { onCancel } : {})}
      />
    </form>
  );
}
