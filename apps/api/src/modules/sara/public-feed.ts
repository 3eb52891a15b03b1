import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { neighborhoods, saraCases } from '../../db/schema/index.ts';
import type { PublicFeedItem, PublicFeedQuery, PublicFeedSource } from '../public/index.ts';

/** The fixed wording of a closed case in the public feed (administrators can edit it as public text). */
export const saraPublicTexts = {
  'sara.closed-case.title': {
    en: 'A neighborhood problem was worked on: {neighborhood}',
    es: 'Se trabajó en un problema del vecindario: {neighborhood}',
    pt: 'Um problema do bairro foi tratado: {neighborhood}',
    pl: 'Rozwiązywano problem w dzielnicy: {neighborhood}',
  },
};

/**
 * Closed cases' public summaries, and nothing else of a case: not its title (which may name a street
 * or a person), not its fields, evidence or measures. A case without a summary is not published.
 */
export async function closedCaseFeedItems(
  executor: Executor,
  query: PublicFeedQuery,
): Promise<PublicFeedItem[]> {
  const rows = await executor
    .select({
      id: saraCases.id,
      summary: sql<string>`${saraCases.assessment} ->> 'publicSummary'`,
      closedAt: saraCases.closedAt,
      code: neighborhoods.code,
      name: neighborhoods.name,
    })
    .from(saraCases)
    .innerJoin(neighborhoods, eq(neighborhoods.id, saraCases.neighborhoodId))
    .where(
      and(
        eq(saraCases.stage, 'closed'),
        isNotNull(saraCases.closedAt),
        sql`coalesce(trim(${saraCases.assessment} ->> 'publicSummary'), '') <> ''`,
        query.neighborhoodId ? eq(saraCases.neighborhoodId, query.neighborhoodId) : undefined,
      ),
    )
    .orderBy(desc(saraCases.closedAt))
    .limit(query.limit);
  return rows.map((row) => ({
    id: `sara-case:${row.id}`,
    title: query.texts.t('sara.closed-case.title', { neighborhood: row.name }),
    text: row.summary.trim(),
    url: null,
    publishedAt: row.closedAt as Date,
    neighborhood: { code: row.code, name: row.name },
    // The summary is written in English by the department; the title follows the reader.
    language: 'en',
    tags: ['sara'],
  }));
}

export const saraFeedSource = (executor: () => Executor): PublicFeedSource => ({
  name: 'sara-cases',
  topics: ['sara'],
  items: (query) => closedCaseFeedItems(executor(), query),
});
