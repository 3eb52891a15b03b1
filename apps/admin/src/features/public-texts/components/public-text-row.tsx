import type { PublicText } from '@nsp/contracts';
import { type FormEvent, useState } from 'react';
import { FieldErrorMessage } from '../../../components/form-fields';
import { isApiProblem } from '../../../lib/api-problem';
import { useUpdatePublicText } from '../api/update-public-text';

/** One text: its key, the English wording for reference, and the wording in the language being edited. */
export function PublicTextRow({ item, language }: { item: PublicText; language: string }) {
  const current = item.texts[language];
  const english = item.texts.en?.text ?? '';
  const [draft, setDraft] = useState(current?.text ?? '');
  const [saved, setSaved] = useState(false);
  const update = useUpdatePublicText({ mutationConfig: { onSuccess: () => setSaved(true) } });
  const inputId = `text-${language}-${item.key}`;
  const errorId = `${inputId}-error`;
  const changed = draft.trim() !== (current?.text ?? '');
  const problem = update.error;
  const message = isApiProblem(problem)
    ? (problem.errors.find((error) => error.path === 'text')?.message ?? problem.userMessage)
    : problem
      ? 'Could not save the text.'
      : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed || update.isPending) return;
    setSaved(false);
    update.mutate({ key: item.key, language, text: draft.trim(), version: current?.version });
  };

  return (
    <tr>
      <th scope="row">
        <code>{item.key}</code>
      </th>
      {language === 'en' ? null : (
        <td lang="en" className="public-text-reference">
          {english}
        </td>
      )}
      <td>
        <form onSubmit={submit} className="public-text-form">
          <label htmlFor={inputId} className="visually-hidden">
            {item.key} in {language}
          </label>
          <textarea
            id={inputId}
            lang={language}
            rows={Math.min(6, Math.max(1, Math.ceil(Math.max(draft.length, english.length) / 60)))}
            value={draft}
            onChange={(event) => {
              setDraft(event.currentTarget.value);
              setSaved(false);
            }}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? errorId : undefined}
            placeholder={current ? undefined : 'Not translated: English is shown'}
          />
          <button type="submit" className="button button-small" aria-disabled={!changed || update.isPending}>
            {update.isPending ? 'Saving…' : 'Save'}
            <span className="visually-hidden"> {item.key}</span>
          </button>
          <span role="status" className="muted">
            {saved && !changed ? 'Saved' : current?.edited ? 'Edited' : ''}
          </span>
          {message ? <FieldErrorMessage id={errorId}>{message}</FieldErrorMessage> : null}
        </form>
      </td>
    </tr>
  );
}
