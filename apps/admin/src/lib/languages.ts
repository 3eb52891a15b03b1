/**
 * The public surface's languages (contracts: publicLanguages). Each is named in English and in
 * itself, so staff who do not speak it still recognise it, and a requester looking over a
 * shoulder does too.
 */
export const LANGUAGE_OPTIONS = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Spanish (Español)' },
  { code: 'pt', label: 'Portuguese (Português)' },
  { code: 'pl', label: 'Polish (Polski)' },
] as const;

export function languageLabel(code: string | null | undefined): string {
  if (!code) return 'Not stated';
  const base = code.split('-')[0]?.toLowerCase();
  const known = LANGUAGE_OPTIONS.find((option) => option.code === base);
  if (known) return known.label;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
