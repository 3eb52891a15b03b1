import { FormErrorSummary } from '../../../../components/form-error-summary';
import { type FormEvent, useId, useRef, useState } from 'react';
import { collectFormErrors, focusFirstInvalid } from '../../../../components/form-errors';
import { RadioGroup, SelectField, TextAreaField } from '../../../../components/form-fields';
import { LANGUAGE_OPTIONS, languageLabel } from '../../../../lib/languages';
import { type NoteInput, useAddServiceRequestNote } from '../../api/change-service-request';
import { isNetworkFailure, newChangeKey, useOfflineChanges } from '../../api/offline-changes';
import { useResponseTemplates } from '../../api/get-response-templates';
import type { ServiceRequestDetail } from '../../types';

type Visibility = 'internal' | 'public';
const FIELDS = ['body', 'visibility', 'language'] as const;

/**
 * Internal notes (staff only) and public updates (the requester and the public API see them).
 * A public update is written in the requester's preferred language, which is preselected and
 * named; response templates for the category and status fill the text in that language.
 */
export function NoteForm({
  request,
  onAdded,
}: {
  request: ServiceRequestDetail;
  onAdded: (message: string) => void;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const preferred = request.requesterLanguage ?? 'en';
  // Internal by default: a public update is a deliberate choice (the requester reads it).
  const [visibility, setVisibility] = useState<Visibility>('internal');
  const [language, setLanguage] = useState(preferred);
  const [body, setBody] = useState('');
  const [templateNotice, setTemplateNotice] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<string, string>>>({});
  const templatesQuery = useResponseTemplates(request.serviceCode, request.status, visibility === 'public');
  const addNote = useAddServiceRequestNote({
    onSuccess: (_event, input) => {
      setBody('');
      setTemplateNotice('');
      onAdded(input.visibility === 'public' ? 'Public update posted.' : 'Internal note added.');
    },
  });
  const offline = useOfflineChanges(request);
  function keepOnPhone(input: NoteInput & { idempotencyKey: string }) {
    offline.queueNote(input);
    addNote.reset();
    setBody('');
    setTemplateNotice('');
    onAdded(
      `No connection: the ${input.visibility === 'public' ? 'public update' : 'note'} is saved on this phone, waiting to send.`,
    );
  }
  const errors = collectFormErrors(FIELDS, clientErrors, addNote.error);
  const languageOptions = LANGUAGE_OPTIONS.some((option) => option.code === preferred)
    ? LANGUAGE_OPTIONS
    : [...LANGUAGE_OPTIONS, { code: preferred, label: languageLabel(preferred) }];

  function applyTemplate(templateId: string) {
    const template = templatesQuery.data?.find((candidate) => candidate.id === templateId);
    if (!template) return;
    const text = template.body[language];
    setBody(text ?? template.body.en);
    setTemplateNotice(
      text
        ? `Template “${template.title}” inserted in ${languageLabel(language)}.`
        : `Template “${template.title}” has no ${languageLabel(language)} text; the English text was inserted.`,
    );
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (addNote.isPending) return;
    const next: Record<string, string> = {};
    if (!body.trim()) next.body = visibility === 'public' ? 'Write the update.' : 'Write the note.';
    setClientErrors(next);
    if (Object.keys(next).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    const input = {
      id: request.id,
      version: request.version,
      body: body.trim(),
      visibility,
      language: visibility === 'public' ? language : 'en',
      idempotencyKey: newChangeKey(),
    };
    if (offline.shouldQueue()) {
      keepOnPhone(input);
      return;
    }
    addNote.mutate(input, {
      onError: (error) => {
        if (isNetworkFailure(error)) keepOnPhone(input);
      },
    });
  }

  return (
    <form
      ref={formRef}
      className="form note-form"
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby={`${id}-heading`}
    >
      <h2 id={`${id}-heading`}>Add a note or public update</h2>
      <FormErrorSummary errors={errors} />
      <RadioGroup
        name="visibility"
        legend="Who sees it"
        inline
        value={visibility}
        onChange={setVisibility}
        options={[
          {
            value: 'public',
            label: 'Public update',
            description: 'The requester and the public status page',
          },
          { value: 'internal', label: 'Internal note', description: 'Staff only' },
        ]}
      />
      {visibility === 'public' ? (
        <>
          <SelectField
            name="language"
            label="Language of the update"
            value={language}
            onChange={(event) => setLanguage(event.currentTarget.value)}
            hint={`The requester prefers ${languageLabel(request.requesterLanguage)}.`}
            error={errors.field('language')}
          >
            {languageOptions.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
                {option.code === preferred ? ' — requester’s language' : ''}
              </option>
            ))}
          </SelectField>
          {templatesQuery.data && templatesQuery.data.length > 0 ? (
            <SelectField
              name="template"
              label="Response template"
              value=""
              onChange={(event) => applyTemplate(event.currentTarget.value)}
              hint="Fills the text below in the language chosen above; edit it before posting."
            >
              <option value="">Choose a template…</option>
              {templatesQuery.data.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.title}
                  {template.body[language] ? '' : ' (English only)'}
                </option>
              ))}
            </SelectField>
          ) : null}
        </>
      ) : null}
      <p role="status" className={templateNotice ? 'field-hint' : 'visually-hidden'}>
        {templateNotice}
      </p>
      <TextAreaField
        name="body"
        label={visibility === 'public' ? 'Update' : 'Note'}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        lang={visibility === 'public' ? language : undefined}
        rows={5}
        error={errors.field('body')}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={addNote.isPending}>
          {addNote.isPending
            ? 'Saving…'
            : visibility === 'public'
              ? 'Post public update'
              : 'Add internal note'}
        </button>
      </div>
    </form>
  );
}
