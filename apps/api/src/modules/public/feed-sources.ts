import type { Translator } from './text-store.ts';

/**
 * The announcements feed is put together from sources that modules register with
 * `app.registerPublicFeedSource(source)`: the public updates staff publish (this module), and, once
 * they are merged, closed SARA cases' public summaries and meeting notices.
 */
export interface PublicFeedItem {
  /** Stable and unique across sources, e.g. `request-update:1234` or `meeting:<uuid>`. */
  id: string;
  title: string;
  /** Plain text (no HTML): feeds escape it. */
  text: string;
  /** Where a reader goes for more: an absolute URL, or a path made absolute with NSP_PUBLIC_BASE_URL. */
  url: string | null;
  publishedAt: Date;
  updatedAt?: Date | null;
  neighborhood: { code: string; name: string } | null;
  /** The language `title` and `text` are in (a public update is in the language it was written in). */
  language: string;
  tags?: string[];
}

export interface PublicFeedQuery {
  /** Only this neighborhood's items (and items for every neighborhood), or null for all. */
  neighborhoodId: string | null;
  /** Texts in the reader's language, for titles built from fixed wording. */
  texts: Translator;
  /** At most this many items (the newest). */
  limit: number;
  now: Date;
}

export interface PublicFeedSource {
  /** Names the source in logs, e.g. 'meetings'. */
  name: string;
  /**
   * Cache topics the source's items depend on besides `feed`, e.g. ['meetings']. A module announces a
   * change with `app.publicCache.announce('meetings')` (or of `feed`) after it commits.
   */
  topics?: readonly string[];
  items(query: PublicFeedQuery): Promise<PublicFeedItem[]>;
}

export class PublicFeedRegistry {
  private readonly sources: PublicFeedSource[] = [];

  register(source: PublicFeedSource): void {
    if (this.sources.some((existing) => existing.name === source.name)) {
      throw new Error(`A public feed source named ${source.name} is already registered`);
    }
    this.sources.push(source);
  }

  get all(): readonly PublicFeedSource[] {
    return this.sources;
  }

  /** Every topic the feed depends on. */
  get topics(): string[] {
    return [...new Set(['feed', 'texts', 'neighborhoods', ...this.sources.flatMap((s) => s.topics ?? [])])];
  }
}
