import { contactDataWarnings, type LocalizedTextDto } from '@nsp/contracts';
import { useId, useState } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { useFormErrors } from '../../../components/form-errors';
import { TextAreaField, TextField } from '../../../components/form-fields';
import { useCreatePriority } from '../api/priorities';

export interface Bilingual {
  en: string;
  es: string;
}

/**
 * A public text in English (required) and Spanish (optional): the fields `name` and `${name}Es`,
 * one or several lines. The error, if any, belongs to the English field.
 */
export function BilingualField({
  name,
  label,
  englishNote = 'English',
  value,
  onChange,
  error,
  rows,
  maxLength,
}: {
  name: string;
  label: string;
  englishNote?: string;
  value: Bilingual;
  onChange: (next: Bilingual) => void;
  error?: string | undefined;
  /** A text area of this many rows; a one-line field when absent. */
  rows?: number;
  maxLength?: number;
}) {
  const english = {
    name,
    label: `${label} (${englishNote})`,
    value: value.en,
    error,
    required: true,
    ...(maxLength ? { maxLength } : {}),
  };
  const spanish = {
    name: `${name}Es`,
    label: `${label} (Spanish, optional)`,
    value: value.es,
    ...(maxLength ? { maxLength } : {}),
  };
  const en = (text: string) => onChange({ ...value, en: text });
  const es = (text: string) => onChange({ ...value, es: text });
  return rows ? (
    <>
      <TextAreaField {...english} rows={rows} onChange={(event) => en(event.currentTarget.value)} />
      <TextAreaField {...spanish} rows={rows} onChange={(event) => es(event.currentTarget.value)} />
    </>
  ) : (
    <>
      <TextField {...english} onChange={(event) => en(event.currentTarget.value)} />
      <TextField {...spanish} onChange={(event) => es(event.currentTarget.value)} />
    </>
  );
}

/** The localized text of a bilingual value, trimmed: English required, Spanish when given. */
export function localizedOf(value: Bilingual): LocalizedTextDto {
  const en = value.en.trim();
  const es = value.es.trim();
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
  const [title, setTitle] = useState<Bilingual>({ en: '', es: '' });
  const [description, setDescription] = useState<Bilingual>({ en: defaultDescription, es: '' });
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    ['title', 'description', 'meetingProblemId'],
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
        if (
          reportClientErrors({
            ...(title.en.trim() ? {} : { title: 'is required in English' }),
            ...(description.en.trim() ? {} : { description: 'is required in English' }),
          })
        )
          return;
        create.mutate(
          {
            neighborhoodId,
            title: localizedOf(title),
            description: localizedOf(description),
            ...(meetingProblemId ? { meetingProblemId } : {}),
          },
          { onSuccess: () => onSaved?.(), onError: focusFirstInvalidSoon },
        );
      }}
    >
      <h3 id={`${id}-heading`}>{heading}</h3>
      <p className="muted">The title and description are published on the neighborhood's public page.</p>
      <FormErrorSummary errors={errors} title="The priority was not set" />
      <BilingualField
        name="title"
        label="Title"
        value={title}
        onChange={setTitle}
        maxLength={200}
        error={errors.field('title')}
      />
      <BilingualField
        name="description"
        label="Description"
        rows={3}
        value={description}
        onChange={setDescription}
        error={errors.field('description')}
      />
      <ContactDataWarning texts={[title.en, title.es, description.en, description.es]} />
      <FormActions
        pending={create.isPending}
        pendingLabel="Setting…"
        submitLabel="Set priority"
        {...(onCancel ? { onCancel } : {})}
      />
    </form>
  );
}
