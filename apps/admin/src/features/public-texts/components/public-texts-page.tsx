import { useMemo, useState } from 'react';
import { Choice, SelectField, TextField } from '../../../components/form-fields';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { usePublicTexts } from '../api/get-public-texts';
import { PublicLanguagesSection } from './public-languages-section';
import { PublicTextRow } from './public-text-row';

/**
 * What the public surface says, in every language: status names, error messages, feed and calendar
 * labels and the public page's words. Changes show on the public page and API at once.
 */
export function PublicTextsPage() {
  const query = usePublicTexts();
  const [language, setLanguage] = useState('es');
  const [search, setSearch] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);

  const items = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (query.data?.items ?? []).filter((item) => {
      if (onlyMissing && item.texts[language]) return false;
      if (!needle) return true;
      return (
        item.key.includes(needle) ||
        Object.values(item.texts).some((entry) => entry.text.toLowerCase().includes(needle))
      );
    });
  }, [query.data, search, onlyMissing, language]);

  const languages = query.data?.languages ?? [];
  const chosen = languages.find((candidate) => candidate.code === language);
  const missingCount = (query.data?.items ?? []).filter((item) => !item.texts[language]).length;

  return (
    <div className="page page-wide">
      <PageHeader
        title="Public texts"
        description="The words of the public page and the public API in each language. A change shows to residents at once."
      />
      {query.isPending ? (
        <LoadingState label="Loading public texts…" />
      ) : query.isError ? (
        <ProblemAlert
          error={query.error}
          title="Could not load the public texts"
          onRetry={() => query.refetch()}
        />
      ) : (
        <>
          <PublicLanguagesSection languages={languages} />
          <section aria-labelledby="public-texts-heading">
            <h2 id="public-texts-heading">Translations</h2>
            <div className="queue-filters">
              <SelectField
                name="language"
                label="Language to edit"
                value={language}
                onChange={(event) => setLanguage(event.currentTarget.value)}
              >
                {languages.map((candidate) => (
                  <option key={candidate.code} value={candidate.code}>
                    {candidate.englishName} ({candidate.name})
                  </option>
                ))}
              </SelectField>
              <TextField
                name="search"
                type="search"
                label="Find a text"
                hint="A key or words of the text"
                value={search}
                onChange={(event) => setSearch(event.currentTarget.value)}
              />
              <Choice
                type="checkbox"
                id="only-missing"
                name="onlyMissing"
                label={`Only untranslated (${missingCount})`}
                checked={onlyMissing}
                onChange={setOnlyMissing}
              />
            </div>
            {items.length === 0 ? (
              <EmptyState>No text matches.</EmptyState>
            ) : (
              <TableRegion label={`Public texts in ${chosen?.englishName ?? language}`}>
                <table className="table public-texts-table">
                  <caption className="visually-hidden">
                    Public texts in {chosen?.englishName ?? language}, {items.length} shown
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Key</th>
                      {language === 'en' ? null : <th scope="col">English</th>}
                      <th scope="col">{chosen?.englishName ?? language}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <PublicTextRow key={`${language}:${item.key}`} item={item} language={language} />
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            )}
          </section>
        </>
      )}
    </div>
  );
}
