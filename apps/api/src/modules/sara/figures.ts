import { saraStages } from '@nsp/contracts';
import { asc, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { neighborhoods, saraCaseEvents, saraCases } from '../../db/schema/index.ts';

/**
 * SARA figures for the dashboards: open and closed cases by stage per neighborhood, and the median
 * days a case spends in each stage (from the stage history: entering a stage to leaving it; a stage
 * still in progress counts up to now).
 */
export async function saraFigures(executor: Executor, now: Date = new Date()) {
  const byStage = await executor
    .select({
      neighborhoodId: saraCases.neighborhoodId,
      neighborhoodName: neighborhoods.name,
      stage: saraCases.stage,
      value: count(),
    })
    .from(saraCases)
    .innerJoin(neighborhoods, eq(neighborhoods.id, saraCases.neighborhoodId))
    .groupBy(saraCases.neighborhoodId, neighborhoods.name, saraCases.stage)
    .orderBy(asc(neighborhoods.name));
  const places = new Map<
    string,
    { neighborhoodId: string; neighborhoodName: string; stages: Record<string, number> }
  >();
  for (const row of byStage) {
    const place = places.get(row.neighborhoodId) ?? {
      neighborhoodId: row.neighborhoodId,
      neighborhoodName: row.neighborhoodName,
      stages: Object.fromEntries(saraStages.map((stage) => [stage, 0])),
    };
    place.stages[row.stage] = Number(row.value);
    places.set(row.neighborhoodId, place);
  }
  // Each entry into a stage (creation enters scanning) and when the next change left it.
  const spans = await executor.execute(sql`
    select to_stage as stage,
           extract(epoch from (coalesce(lead(occurred_at) over w, ${now.toISOString()}::timestamptz) - occurred_at)) / 86400 as days
    from ${saraCaseEvents}
    where kind in ('created', 'stage_changed')
    window w as (partition by case_id order by id)
  `);
  const daysByStage = new Map<string, number[]>();
  for (const span of (spans as unknown as { rows: unknown[] }).rows as Array<{
    stage: string | null;
    days: number | string;
  }>) {
    if (!span.stage || span.stage === 'closed') continue;
    const list = daysByStage.get(span.stage) ?? [];
    list.push(Number(span.days));
    daysByStage.set(span.stage, list);
  }
  const median = (values: number[] | undefined) => {
    if (!values || values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    return Math.round(value * 10) / 10;
  };
  return {
    byNeighborhood: [...places.values()],
    medianDaysInStage: Object.fromEntries(
      saraStages
        .filter((stage) => stage !== 'closed')
        .map((stage) => [stage, median(daysByStage.get(stage))]),
    ),
  };
}
