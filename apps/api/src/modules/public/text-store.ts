import { asc, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.ts';
import { publicLanguages, publicTexts } from '../../db/schema/index.ts';
import { FALLBACK_LANGUAGE } from './language-negotiation.ts';
import type { PublicCache } from './public-cache.ts';
import { type PublicTextKey, type SeedText, shippedLanguages, textCatalog } from './text-catalog.ts';

export type LanguageRow = typeof publicLanguages.$inferSelect;

/** Fills a text's {placeholders}; an unknown one stays as written, so a gap shows rather than breaks. */
export function fillPlaceholders(text: string, params: Record<string, unknown> = {}): string {
  return text.replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** Texts in one language: `t('status.new')`, `t('locate.found', { neighborhood })`. */
export interface Translator {
  /** The language of this translator (what Content-Language says). */
  readonly language: string;
  t(key: PublicTextKey | (string & {}), params?: Record<string, unknown>): string;
  /** Whether a text exists for this key in any language. */
  has(key: string): boolean;
  /** A localized value from data (`{ en, es?, … }`, e.g. a category name): this language, else English. */
  pick(text: { en: string } & Partial<Record<string, string>>): string;
  /** Every text, by key, in this language (English where untranslated). */
  all(): Record<string, string>;
}

interface TextSnapshot {
  languages: LanguageRow[];
  /** Enabled language codes, in switcher order. */
  offered: string[];
  byLanguage: Map<string, Map<string, string>>;
}

const SNAPSHOT_KEY = 'public-texts';
const SNAPSHOT_TTL_MS = 10 * 60_000;

/**
 * The public texts and languages, from the database, in memory (PublicCache topic `texts`). Seeds the
 * shipped catalog (and texts other modules register) at start.
 */
export class PublicTextStore {
  private readonly defaults = new Map<string, SeedText>(Object.entries(textCatalog));
  /** The last snapshot, for what must be answered synchronously (which languages are offered). */
  private current: TextSnapshot | null = null;

  constructor(
    private readonly db: Database,
    private readonly cache: PublicCache,
    private readonly log?: FastifyBaseLogger,
  ) {
    // The offered languages are read synchronously on every public request: reload them right away.
    cache.watch('texts', () => {
      this.snapshot().catch((error) => this.log?.warn({ err: error }, 'public texts not reloaded'));
    });
  }

  /** Other modules' fixed public texts (e.g. calendar labels), seeded like the shipped catalog. */
  registerDefaults(texts: Record<string, SeedText>): void {
    for (const [key, text] of Object.entries(texts)) this.defaults.set(key, text);
  }

  /** The shipped English (and other) wording of a key, or undefined for a key nobody declared. */
  defaultOf(key: string): SeedText | undefined {
    return this.defaults.get(key);
  }

  get keys(): string[] {
    return [...this.defaults.keys()].sort();
  }

  /**
   * Inserts the shipped languages and every missing text, and brings texts no administrator edited
   * up to the shipped wording. Safe to run on several instances at once.
   */
  async seed(): Promise<void> {
    await this.db
      .insert(publicLanguages)
      .values(shippedLanguages.map((language) => ({ ...language, enabled: true })))
      .onConflictDoNothing();
    const known = new Set(shippedLanguages.map((language) => language.code));
    const rows = [...this.defaults].flatMap(([key, text]) =>
      Object.entries(text)
        .filter(([language, value]) => known.has(language) && typeof value === 'string')
        .map(([language, value]) => ({ key, language, text: value as string })),
    );
    if (rows.length === 0) return;
    await this.db
      .insert(publicTexts)
      .values(rows)
      .onConflictDoUpdate({
        target: [publicTexts.key, publicTexts.language],
        set: {
          text: sql`excluded.text`,
          updatedAt: sql`now()`,
          version: sql`${publicTexts.version} + 1`,
        },
        setWhere: sql`${publicTexts.updatedBy} is null and ${publicTexts.text} <> excluded.text`,
      });
  }

  /** The enabled languages in switcher order, synchronously (the shipped ones until the first load). */
  offeredLanguages(): string[] {
    if (!this.current || this.cache.peek(SNAPSHOT_KEY) === undefined) {
      // Refresh in the background; this answer uses what is known now.
      this.snapshot().catch((error) => this.log?.warn({ err: error }, 'public texts not loaded'));
    }
    return this.current?.offered ?? shippedLanguages.map((language) => language.code);
  }

  async languages(): Promise<LanguageRow[]> {
    return (await this.snapshot()).languages;
  }

  async translator(language: string): Promise<Translator> {
    return this.translatorFrom(await this.snapshot(), language);
  }

  /** After a committed change: reloads this instance's copy (the database trigger tells the others). */
  async refresh(): Promise<void> {
    this.cache.invalidate('texts');
    await this.snapshot();
  }

  private async snapshot(): Promise<TextSnapshot> {
    const snapshot = await this.cache.get(SNAPSHOT_KEY, { topics: ['texts'], ttlMs: SNAPSHOT_TTL_MS }, () =>
      this.load(),
    );
    this.current = snapshot;
    return snapshot;
  }

  private async load(): Promise<TextSnapshot> {
    const [languages, texts] = await Promise.all([
      this.db
        .select()
        .from(publicLanguages)
        .orderBy(asc(publicLanguages.position), asc(publicLanguages.code)),
      this.db
        .select({ key: publicTexts.key, language: publicTexts.language, text: publicTexts.text })
        .from(publicTexts),
    ]);
    const byLanguage = new Map<string, Map<string, string>>();
    for (const row of texts) {
      let map = byLanguage.get(row.language);
      if (!map) {
        map = new Map();
        byLanguage.set(row.language, map);
      }
      map.set(row.key, row.text);
    }
    const offered = languages.filter((language) => language.enabled).map((language) => language.code);
    if (!offered.includes(FALLBACK_LANGUAGE)) offered.unshift(FALLBACK_LANGUAGE);
    return { languages, offered, byLanguage };
  }

  private translatorFrom(snapshot: TextSnapshot, language: string): Translator {
    const own = snapshot.byLanguage.get(language);
    const english = snapshot.byLanguage.get(FALLBACK_LANGUAGE);
    const defaults = this.defaults;
    // Database first; the shipped wording only when the database has none (e.g. not seeded yet).
    const lookup = (key: string): string | undefined =>
      own?.get(key) ?? defaults.get(key)?.[language] ?? english?.get(key) ?? defaults.get(key)?.en;
    return {
      language,
      t: (key, params) => fillPlaceholders(lookup(key) ?? key, params),
      has: (key) => lookup(key) !== undefined,
      pick: (text) => text[language] ?? text.en,
      all: () => {
        const keys = new Set([...defaults.keys(), ...(english?.keys() ?? []), ...(own?.keys() ?? [])]);
        return Object.fromEntries([...keys].sort().map((key) => [key, lookup(key)!]));
      },
    };
  }
}
