import { csvCell, type PriorityReport } from '@nsp/contracts';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import { neighborhoodPriorities, neighborhoods, priorityActions } from '../../db/schema/index.ts';
import { iso } from '../../lib/iso.ts';

/** A calendar month of the department's time zone: [from, to). */
export function monthRange(month: string | undefined, timeZone: string, now: Date = new Date()) {
  const start = month
    ? DateTime.fromISO(`${month}-01`, { zone: timeZone })
    : DateTime.fromJSDate(now, { zone: timeZone }).startOf('month');
  return {
    month: start.toFormat('yyyy-MM'),
    from: start.toJSDate(),
    to: start.plus({ months: 1 }).toJSDate(),
  };
}

/**
 * The monthly accountability report: per neighborhood, the priorities set in the month, the actions
 * taken and the priorities achieved, and how many were active at its end. English texts (the report is
 * for the department and its partners; the public reads the priorities in their own language).
 */
export async function priorityReport(
  executor: Executor,
  options: { month?: string | undefined; neighborhoodId?: string | undefined; timeZone: string; now?: Date },
): Promise<PriorityReport> {
  const { month, from, to } = monthRange(options.month, options.timeZone, options.now);
  const areas = await executor
    .select({ id: neighborhoods.id, code: neighborhoods.code, name: neighborhoods.name })
    .from(neighborhoods)
    .where(
      options.neighborhoodId
        ? eq(neighborhoods.id, options.neighborhoodId)
        : eq(neighborhoods.status, 'active'),
    )
    .orderBy(asc(neighborhoods.name));
  const inArea = options.neighborhoodId
    ? eq(neighborhoodPriorities.neighborhoodId, options.neighborhoodId)
    : undefined;
  const [priorities, actions] = await Promise.all([
    executor
      .select()
      .from(neighborhoodPriorities)
      .where(and(inArea, lt(neighborhoodPriorities.setAt, to)))
      .orderBy(asc(neighborhoodPriorities.setAt)),
    executor
      .select({ action: priorityActions, priority: neighborhoodPriorities })
      .from(priorityActions)
      .innerJoin(neighborhoodPriorities, eq(neighborhoodPriorities.id, priorityActions.priorityId))
      .where(and(inArea, gte(priorityActions.takenAt, from), lt(priorityActions.takenAt, to)))
      .orderBy(asc(priorityActions.takenAt)),
  ]);
  const within = (value: Date | null) => !!value && value >= from && value < to;
  return {
    month,
    from: iso(from),
    to: iso(to),
    neighborhoods: areas.map((area) => {
      const own = priorities.filter((priority) => priority.neighborhoodId === area.id);
      return {
        neighborhoodId: area.id,
        code: area.code,
        name: area.name,
        set: own
          .filter((priority) => within(priority.setAt))
          .map((priority) => ({ id: priority.id, title: priority.title.en, setAt: iso(priority.setAt) })),
        actions: actions
          .filter(({ priority }) => priority.neighborhoodId === area.id)
          .map(({ action, priority }) => ({
            priorityTitle: priority.title.en,
            body: action.body.en,
            takenAt: iso(action.takenAt),
          })),
        achieved: own
          .filter((priority) => priority.status === 'achieved' && within(priority.closedAt))
          .map((priority) => ({
            id: priority.id,
            title: priority.title.en,
            outcome: priority.outcome?.en ?? '',
            closedAt: iso(priority.closedAt as Date),
          })),
        active: own.filter((priority) => priority.closedAt === null || priority.closedAt >= to).length,
      };
    }),
  };
}

const CSV_HEADER = ['neighborhood_code', 'neighborhood', 'kind', 'date', 'priority', 'text'];

/** One row per priority set, action taken and priority achieved, by neighborhood then date. */
export function reportCsv(report: PriorityReport): string {
  const lines = [CSV_HEADER.join(',')];
  for (const area of report.neighborhoods) {
    const rows = [
      ...area.set.map((item) => ['set', item.setAt, item.title, '']),
      ...area.actions.map((item) => ['action', item.takenAt, item.priorityTitle, item.body]),
      ...area.achieved.map((item) => ['achieved', item.closedAt, item.title, item.outcome]),
    ].sort((a, b) => (a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : 0));
    for (const row of rows) lines.push([area.code, area.name, ...row].map((cell) => csvCell(cell)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A printable page: plain HTML (no script, no inline style), one section per neighborhood. */
export function reportHtml(report: PriorityReport, timeZone: string): string {
  const day = (value: string) =>
    DateTime.fromISO(value, { zone: timeZone }).toLocaleString(DateTime.DATE_MED, { locale: 'en-US' });
  const title = `Neighborhood priorities: accountability report for ${DateTime.fromISO(`${report.month}-01`).toFormat('LLLL yyyy')}`;
  const sections = report.neighborhoods.map((area) => {
    const list = (items: string[], empty: string) =>
      items.length === 0 ? `<p>${empty}</p>` : `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
    return `<section>
<h2>${escapeHtml(area.name)} (${escapeHtml(area.code)})</h2>
<p>Active at the end of the month: ${area.active}</p>
<h3>Priorities set (${area.set.length})</h3>
${list(
  area.set.map((item) => `${escapeHtml(day(item.setAt))}: ${escapeHtml(item.title)}`),
  'None this month.',
)}
<h3>Actions taken (${area.actions.length})</h3>
${list(
  area.actions.map(
    (item) =>
      `${escapeHtml(day(item.takenAt))}: <strong>${escapeHtml(item.priorityTitle)}</strong> — ${escapeHtml(item.body)}`,
  ),
  'None this month.',
)}
<h3>Priorities achieved (${area.achieved.length})</h3>
${list(
  area.achieved.map(
    (item) =>
      `${escapeHtml(day(item.closedAt))}: <strong>${escapeHtml(item.title)}</strong> — ${escapeHtml(item.outcome)}`,
  ),
  'None this month.',
)}
</section>`;
  });
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(day(report.from))} to ${escapeHtml(day(new Date(new Date(report.to).getTime() - 1).toISOString()))}, ${escapeHtml(timeZone)}</p>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
