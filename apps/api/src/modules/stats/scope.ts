import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { ValidationError } from '../../lib/errors.ts';

export interface StatsFilter {
  from: Date;
  to: Date;
  neighborhoodIds: string[] | null;
  serviceCode: string | null;
}

const DEFAULT_PERIOD_DAYS = 90;
const MAX_PERIOD_DAYS = 3 * 366;

/**
 * The period and the neighborhoods a caller may see. Supervisors, analysts and admins see every
 * neighborhood; a lieutenant sees the neighborhoods they lead now (their scorecard, not others').
 */
export async function statsFilterFor(
  executor: Executor,
  request: FastifyRequest,
  query: {
    from?: string | undefined;
    to?: string | undefined;
    neighborhoodId?: string | undefined;
    serviceCode?: string | undefined;
  },
): Promise<StatsFilter> {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * 86_400_000);
  if (from >= to)
    throw new ValidationError('from must be before to.', [
      { path: 'from', message: 'must be before to', in: 'querystring' },
    ]);
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
    throw new ValidationError('The period is too long.', [
      { path: 'from', message: 'period is at most three years', in: 'querystring' },
    ]);
  }
  let neighborhoodIds: string[] | null = query.neighborhoodId ? [query.neighborhoodId] : null;
  const principal = request.principal;
  const seesEverything =
    principal?.kind === 'user' &&
    principal.roles.some((role) => role === 'admin' || role === 'supervisor' || role === 'analyst');
  if (principal?.kind === 'user' && !seesEverything) {
    const led = await queryRows<{ neighborhood_id: string }>(
      executor,
      sql`
      select a.neighborhood_id from assignments a join personnel p on p.id = a.personnel_id
      where p.user_id = ${principal.id} and a.role = 'coordination_lieutenant' and a.superseded_by is null
        and a.starts_at <= now() and (a.ends_at is null or a.ends_at > now())`,
    );
    const own = led.map((row) => row.neighborhood_id);
    neighborhoodIds = neighborhoodIds ? neighborhoodIds.filter((id) => own.includes(id)) : own;
  }
  return { from, to, neighborhoodIds, serviceCode: query.serviceCode ?? null };
}

/** Conditions on service_requests aliased `r` for the filter's scope: neighborhoods and category. */
export function scopeConditions(filter: StatsFilter) {
  const parts = [sql`true`];
  if (filter.neighborhoodIds) {
    parts.push(
      filter.neighborhoodIds.length === 0
        ? sql`false`
        : sql`r.neighborhood_id in (${sql.join(
            filter.neighborhoodIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    );
  }
  if (filter.serviceCode) parts.push(sql`r.service_code = ${filter.serviceCode}`);
  return sql.join(parts, sql` and `);
}

/** The scope plus the period: requests created in [from, to). */
export function filterConditions(filter: StatsFilter) {
  return sql.join(
    [
      sql`r.created_at >= ${filter.from.toISOString()}::timestamptz`,
      sql`r.created_at < ${filter.to.toISOString()}::timestamptz`,
      scopeConditions(filter),
    ],
    sql` and `,
  );
}
