import { type FormEvent, useId, useState } from 'react';
import { Dialog } from '../../../../components/dialog';
import { SelectField, TextAreaField } from '../../../../components/form-fields';
import { LANGUAGE_OPTIONS, languageLabel } from '../../../../lib/languages';
import { useResponseTemplates } from '../../api/get-response-templates';
import type { ServiceRequestDetail } from '../../types';

export interface ClosingUpdate {
  body: string;
  language: string;
}

/**
 * Resolving prompts for the closing public update: the "resolved" templates of the request's
 * category, in the requester's language (English when a template has no text in it), filled in and
 * editable. The person may also resolve without one.
 */
export function ResolveDialog({
  request,
  open,
  pending,
  onResolve,
  onClose,
}: {
  request: ServiceRequestDetail;
  open: boolean;
  pending: boolean;
  onResolve: (update: ClosingUpdate | null) => void;
  onClose: () => void;
}) {
  const id = useId();
  const preferred = request.requesterLanguage ?? 'en';
  const templates = useResponseTemplates(request.serviceCode, 'resolved', open);
  const [language, setLanguage] = useState(preferred);
  const [templateId, setTemplateId] = useState('');
  const [body, setBody] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const available = templates.data ?? [];
  const chosen = available.find((template) => template.id === templateId) ?? available[0];
  const templateText = chosen ? (chosen.body[language] ?? chosen.body.en) : '';
  // Until the person edits it, the text follows the chosen template and language.
  const text = body ?? templateText;
  const languageOptions = LANGUAGE_OPTIONS.some((option) => option.code === preferred)
    ? LANGUAGE_OPTIONS
    : [...LANGUAGE_OPTIONS, { code: preferred, label: languageLabel(preferred) }];

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!text.trim()) {
      setError('Write the closing update, or resolve without one.');
      return;
    }
    onResolve({ body: text.trim(), language });
  }

  return (
    <Dialog
      open={open}
      title={`Resolve ${request.trackingNumber}`}
      onClose={onClose}
      description={`Tell the requester it is done: a public update in ${languageLabel(preferred)}, their language.`}
    >
      <form onSubmit={handleSubmit} noValidate aria-label="Closing public update">
        {available.length > 0 ? (
          <SelectField
            name="template"
            label="Response template"
            value={chosen?.id ?? ''}
            onChange={(event) => {
              setTemplateId(event.currentTarget.value);
              setBody(null);
            }}
          >
            {available.map((template) => (
              <option key={template.id} value={template.id}>
                {template.title}
                {template.body[language] ? '' : ' (English only)'}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField
          name="language"
          label="Language of the update"
          value={language}
          onChange={(event) => {
            setLanguage(event.currentTarget.value);
            setBody(null);
          }}
        >
          {languageOptions.map((option) => (
            <option key={option.code} value={option.code}>
              {option.label}
              {option.code === preferred ? ' — requester’s language' : ''}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          name="body"
          label="Closing update"
          id={`${id}-body`}
          value={text}
          lang={language}
          rows={5}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={error}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={pending}>
            {pending ? 'Resolving…' : 'Resolve and post the update'}
          </button>
          <button type="button" className="button" aria-disabled={pending} onClick={() => onResolve(null)}>
            Resolve without an update
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
