import type { PublicFeedItem } from './feed-sources.ts';

export interface FeedDocument {
  title: string;
  description: string;
  language: string;
  /** Absolute URLs. */
  homePageUrl: string;
  feedUrl: string;
  updatedAt: Date;
  items: Array<PublicFeedItem & { absoluteUrl: string | null }>;
}

/** XML text and attribute escaping; characters XML 1.0 cannot carry at all are dropped. */
export function escapeXml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const tag = (name: string, value: string | null | undefined) =>
  value === null || value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`;

/** RSS 2.0 (with atom:link rel=self, as feed validators ask). */
export function renderRss(feed: FeedDocument): string {
  const items = feed.items
    .map(
      (item) =>
        `<item>${tag('title', item.title)}${tag('link', item.absoluteUrl)}${tag('description', item.text)}` +
        `<guid isPermaLink="false">${escapeXml(item.id)}</guid>${tag('pubDate', item.publishedAt.toUTCString())}` +
        (item.tags ?? []).map((name) => tag('category', name)).join('') +
        `</item>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` +
    `${tag('title', feed.title)}${tag('link', feed.homePageUrl)}${tag('description', feed.description)}` +
    `${tag('language', feed.language)}${tag('lastBuildDate', feed.updatedAt.toUTCString())}` +
    `<atom:link href="${escapeXml(feed.feedUrl)}" rel="self" type="application/rss+xml"/>${items}</channel></rss>\n`
  );
}

/** Atom (RFC 4287). */
export function renderAtom(feed: FeedDocument): string {
  const entries = feed.items
    .map(
      (item) =>
        `<entry>${tag('title', item.title)}<id>urn:nsp:${escapeXml(item.id)}</id>` +
        (item.absoluteUrl ? `<link href="${escapeXml(item.absoluteUrl)}"/>` : '') +
        `${tag('published', item.publishedAt.toISOString())}${tag('updated', (item.updatedAt ?? item.publishedAt).toISOString())}` +
        `<content type="text" xml:lang="${escapeXml(item.language)}">${escapeXml(item.text)}</content>` +
        (item.tags ?? []).map((name) => `<category term="${escapeXml(name)}"/>`).join('') +
        `</entry>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">` +
    `${tag('title', feed.title)}${tag('subtitle', feed.description)}<id>${escapeXml(feed.feedUrl)}</id>` +
    `<link rel="self" href="${escapeXml(feed.feedUrl)}"/><link rel="alternate" href="${escapeXml(feed.homePageUrl)}"/>` +
    `${tag('updated', feed.updatedAt.toISOString())}<author><name>${escapeXml(feed.title)}</name></author>${entries}</feed>\n`
  );
}

/** JSON Feed 1.1. */
export function renderJsonFeed(feed: FeedDocument) {
  return {
    version: 'https://jsonfeed.org/version/1.1' as const,
    title: feed.title,
    home_page_url: feed.homePageUrl,
    feed_url: feed.feedUrl,
    description: feed.description,
    language: feed.language,
    items: feed.items.map((item) => ({
      id: item.id,
      ...(item.absoluteUrl ? { url: item.absoluteUrl } : {}),
      title: item.title,
      content_text: item.text,
      date_published: item.publishedAt.toISOString(),
      ...(item.updatedAt ? { date_modified: item.updatedAt.toISOString() } : {}),
      language: item.language,
      ...(item.tags ? { tags: item.tags } : {}),
    })),
  };
}
