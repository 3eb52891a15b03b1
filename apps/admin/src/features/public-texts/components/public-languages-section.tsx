import type { PublicLanguage } from '@nsp/contracts';
import { type FormEvent, useState } from 'react';
import { TextField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { isApiProblem } from '../../../lib/api-problem';
import { useCreatePublicLanguage, useUpdatePublicLanguage } from '../api/change-public-language';

/** The languages of the public surface: switch one on or off, or add one (no code change needed). */
export function PublicLanguagesSection({ languages }: { languages: PublicLanguage[] }) {
  const [announcement, setAnnouncement] = useState('');
  const toggle = useUpdatePublicLanguage({
    onSuccess: (language) =>
      setAnnouncement(
        `${language.englishName} is ${language.enabled ? 'now offered' : 'no longer offered'} on the public surface.`,
      ),
  });
  return (
    <section aria-labelledby="public-languages-heading" className="card">
      <h2 id="public-languages-heading">Languages</h2>
      <p className="muted">
        Residents choose among the languages switched on here. A text without a translation is shown in
        English.
      </p>
      <p role="status" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>
      {toggle.error ? <ProblemAlert error={toggle.error} title="Could not change the language" /> : null}
      <TableRegion label="Public languages">
        <table className="table">
          <caption className="visually-hidden">Public languages</caption>
          <thead>
            <tr>
              <th scope="col">Language</th>
              <th scope="col">Code</th>
              <th scope="col">Shown as</th>
              <th scope="col">Offered</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {languages.map((language) => (
              <tr key={language.code}>
                <th scope="row">{language.englishName}</th>
                <td>
                  <code>{language.code}</code>
                </td>
                <td lang={language.code}>{language.name}</td>
                <td>{language.enabled ? 'Yes' : 'No'}</td>
                <td className="table-actions">
                  {language.code === 'en' ? (
                    <span className="muted">Always offered</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      aria-disabled={toggle.isPending}
                      onClick={() => {
                        if (toggle.isPending) return;
                        setAnnouncement('');
                        toggle.mutate({
                          code: language.code,
                          version: language.version,
                          enabled: !language.enabled,
                        });
                      }}
                    >
                      {language.enabled ? 'Stop offering' : 'Offer'}
                      <span className="visually-hidden"> {language.englishName}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <AddLanguageForm
        onAdded={(name) => setAnnouncement(`${name} added. Translate its texts, then offer it.`)}
      />
    </section>
  );
}

function AddLanguageForm({ onAdded }: { onAdded: (name: string) => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [englishName, setEnglishName] = useState('');
  const create = useCreatePublicLanguage({
    onSuccess: (language) => {
      setCode('');
      setName('');
      setEnglishName('');
      onAdded(language.englishName);
    },
  });
  const fieldError = (path: string) =>
    isApiProblem(create.error)
      ? create.error.errors.find((error) => error.path === path)?.message
      : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!create.isPending) create.mutate({ code: code.trim().toLowerCase(), name, englishName });
  };
  return (
    <form onSubmit={submit} className="form-inline" aria-labelledby="add-language-heading" noValidate>
      <h3 id="add-language-heading">Add a language</h3>
      {create.error && !isApiProblem(create.error) ? <ProblemAlert error={create.error} /> : null}
      {isApiProblem(create.error) && create.error.errors.length === 0 ? (
        <ProblemAlert error={create.error} title="Could not add the language" />
      ) : null}
      <TextField
        name="code"
        label="Code"
        hint="Two or three letters, e.g. fr"
        value={code}
        onChange={(event) => setCode(event.currentTarget.value)}
        error={fieldError('code')}
        maxLength={3}
        required
      />
      <TextField
        name="name"
        label="Name in the language itself"
        hint="As residents will see it, e.g. Français"
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={fieldError('name')}
        required
      />
      <TextField
        name="englishName"
        label="Name in English"
        value={englishName}
        onChange={(event) => setEnglishName(event.currentTarget.value)}
        error={fieldError('englishName')}
        required
      />
      <button type="submit" className="button" aria-disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add language'}
      </button>
    </form>
  );
}
