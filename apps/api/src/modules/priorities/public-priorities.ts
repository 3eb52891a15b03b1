import type { PublicPriority } from '@nsp/contracts';
import { and, desc, eq, gte, isNotNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { meetings, neighborhoodPriorities, neighborhoods } from '../../db/schema/index.ts';
import { iso } from '../../lib/iso.ts';
import type {
  PublicFeedItem,
  PublicFeedQuery,
  PublicFeedSource,
  SeedText,
  Translator,
} from '../public/index.ts';
import { actionsOf, DAY_MS } from './read-model.ts';

/** Closed priorities stay on the public page this long after they were achieved or retired. */
const PUBLIC_CLOSED_DAYS = 365;

/** Fixed public wording: status names, feed titles, the public page's section. */
export const prioritiesPublicTexts: Record<string, SeedText> = {
  'priority.status.active': { en: 'Current', es: 'Actual', pt: 'Atual', pl: 'Bieżący' },
  'priority.status.achieved': { en: 'Achieved', es: 'Logrado', pt: 'Alcançado', pl: 'Osiągnięty' },
  'priority.status.retired': { en: 'Closed', es: 'Cerrado', pt: 'Encerrado', pl: 'Zamknięty' },
  'feed.priority-set.title': {
    en: 'New neighborhood priority in {neighborhood}: {title}',
    es: 'Nueva prioridad del vecindario en {neighborhood}: {title}',
    pt: 'Nova prioridade do bairro em {neighborhood}: {title}',
    pl: 'Nowy priorytet dzielnicy {neighborhood}: {title}',
  },
  'feed.priority-achieved.title': {
    en: 'Priority achieved in {neighborhood}: {title}',
    es: 'Prioridad lograda en {neighborhood}: {title}',
    pt: 'Prioridade alcançada em {neighborhood}: {title}',
    pl: 'Priorytet osiągnięty w dzielnicy {neighborhood}: {title}',
  },
  'page.priorities.heading': {
    en: 'Neighborhood priorities',
    es: 'Prioridades del vecindario',
    pt: 'Prioridades do bairro',
    pl: 'Priorytety dzielnicy',
  },
  'page.priorities.intro': {
    en: 'What residents asked for, and what the team did about it.',
    es: 'Lo que pidieron los vecinos y lo que hizo el equipo.',
    pt: 'O que os moradores pediram e o que a equipa fez.',
    pl: 'O co prosili mieszkańcy i co zrobił zespół.',
  },
  'page.priorities.choose': {
    en: 'Neighborhood',
    es: 'Vecindario',
    pt: 'Bairro',
    pl: 'Dzielnica',
  },
  'page.priorities.none': {
    en: 'No priorities have been set for this neighborhood yet.',
    es: 'Aún no se han fijado prioridades para este vecindario.',
    pt: 'Ainda não foram definidas prioridades para este bairro.',
    pl: 'Dla tej dzielnicy nie ustalono jeszcze priorytetów.',
  },
  'page.priorities.set': {
    en: 'Set on {date}',
    es: 'Fijada el {date}',
    pt: 'Definida em {date}',
    pl: 'Ustalono {date}',
  },
  'page.priorities.closed': {
    en: 'Closed on {date}',
    es: 'Cerrada el {date}',
    pt: 'Encerrada em {date}',
    pl: 'Zamknięto {date}',
  },
  'page.priorities.actions': {
    en: 'What we did',
    es: 'Lo que hicimos',
    pt: 'O que fizemos',
    pl: 'Co zrobiliśmy',
  },
  'page.priorities.outcome': { en: 'Outcome', es: 'Resultado', pt: 'Resultado', pl: 'Wynik' },
  'page.team.heading': {
    en: 'Your neighborhood team',
    es: 'El equipo de su vecindario',
    pt: 'A equipa do seu bairro',
    pl: 'Zespół Twojej dzielnicy',
  },
  'page.team.none': {
    en: 'Nobody is assigned to this neighborhood right now.',
    es: 'Nadie está asignado a este vecindario en este momento.',
    pt: 'Ninguém está atribuído a este bairro neste momento.',
    pl: 'Obecnie nikt nie jest przypisany do tej dzielnicy.',
  },
};

/**
 * A neighborhood's public priorities: the active ones, then those achieved or retired in the last 12
 * months, each with its actions. Only the priority's own public texts: no linked request, case or
 * meeting text, so no resident's words or contact data can reach the reply through a link.
 */
export async function listPublicPriorities(
  executor: Executor,
  texts: Translator,
  neighborhoodId: string,
  now: Date = new Date(),
): Promise<PublicPriority[]> {
  const rows = await executor
    .select({ priority: neighborhoodPriorities, meetingStartsAt: meetings.startsAt })
    .from(neighborhoodPriorities)
    .leftJoin(meetings, eq(meetings.id, neighborhoodPriorities.meetingId))
    .where(
      and(
        eq(neighborhoodPriorities.neighborhoodId, neighborhoodId),
        or(
          eq(neighborhoodPriorities.status, 'active'),
          and(
            isNotNull(neighborhoodPriorities.closedAt),
            gte(neighborhoodPriorities.closedAt, new Date(now.getTime() - PUBLIC_CLOSED_DAYS * DAY_MS)),
          ),
        ),
      ),
    )
    .orderBy(
      sql`case when ${neighborhoodPriorities.status} = 'active' then 0 else 1 end`,
      desc(sql`coalesce(${neighborhoodPriorities.closedAt}, ${neighborhoodPriorities.setAt})`),
      desc(neighborhoodPriorities.id),
    );
  const actions = await actionsOf(
    executor,
    rows.map((row) => row.priority.id),
  );
  return rows.map(({ priority, meetingStartsAt }) => ({
    id: priority.id,
    status: priority.status,
    statusName: texts.t(`priority.status.${priority.status}`),
    title: texts.pick(priority.title),
    description: texts.pick(priority.description),
    outcome: priority.outcome ? texts.pick(priority.outcome) : null,
    setAt: iso(priority.setAt),
    closedAt: iso(priority.closedAt),
    setAtMeeting:
      priority.meetingId && meetingStartsAt
        ? { id: priority.meetingId, startsAt: iso(meetingStartsAt) }
        : null,
    actions: (actions.get(priority.id) ?? []).map((action) => ({
      id: action.id,
      text: texts.pick(action.body),
      takenAt: iso(action.takenAt),
    })),
  }));
}

/** Feed items: a priority set, and a priority achieved (with its outcome), newest first. */
export async function priorityFeedItems(
  executor: Executor,
  query: PublicFeedQuery,
): Promise<PublicFeedItem[]> {
  const rows = await executor
    .select({
      priority: neighborhoodPriorities,
      code: neighborhoods.code,
      name: neighborhoods.name,
    })
    .from(neighborhoodPriorities)
    .innerJoin(neighborhoods, eq(neighborhoods.id, neighborhoodPriorities.neighborhoodId))
    .where(query.neighborhoodId ? eq(neighborhoodPriorities.neighborhoodId, query.neighborhoodId) : undefined)
    .orderBy(desc(sql`coalesce(${neighborhoodPriorities.closedAt}, ${neighborhoodPriorities.setAt})`))
    .limit(query.limit);
  const { texts } = query;
  const language = (text: Record<string, string | undefined>) =>
    text[texts.language] ? texts.language : 'en';
  const items: PublicFeedItem[] = [];
  for (const { priority, code, name } of rows) {
    const neighborhood = { code, name };
    const title = texts.pick(priority.title);
    const url = `/public/?neighborhood=${encodeURIComponent(code)}#priorities`;
    items.push({
      id: `priority-set:${priority.id}`,
      title: texts.t('feed.priority-set.title', { neighborhood: name, title }),
      text: texts.pick(priority.description),
      url,
      publishedAt: priority.setAt,
      neighborhood,
      language: language(priority.description),
      tags: ['priorities', name],
    });
    if (priority.status === 'achieved' && priority.closedAt && priority.outcome)
      items.push({
        id: `priority-achieved:${priority.id}`,
        title: texts.t('feed.priority-achieved.title', { neighborhood: name, title }),
        text: texts.pick(priority.outcome),
        url,
        publishedAt: priority.closedAt,
        neighborhood,
        language: language(priority.outcome),
        tags: ['priorities', name],
      });
  }
  return items.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, query.limit);
}

export const prioritiesFeedSource = (executor: () => Executor): PublicFeedSource => ({
  name: 'priorities',
  topics: ['priorities'],
  items: (query) => priorityFeedItems(executor(), query),
});
