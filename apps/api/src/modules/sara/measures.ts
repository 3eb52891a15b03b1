import type { SaraArea, SaraMeasure, SaraMeasureBody } from '@nsp/contracts';
import { and, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  neighborhoodBoundaries,
  type SaraMeasureResult,
  saraCases,
  saraMeasures,
  serviceRequests,
} from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { type AreaTest, areaTest, geometryTest, grownAreaTest, unionBox } from './area-geometry.ts';
import { recordCaseEvent } from './case-events.ts';
import { loadCase, presentMeasure } from './case-view.ts';
import { canManageCase, type SaraContext } from './context.ts';
import {
  interpretMeasure,
  type PeriodCounts,
  relativeChange,
  weightedDisplacementQuotient,
} from './measure-math.ts';

interface Period {
  from: string;
  to: string;
}

function checkPeriods(baseline: Period, followUp: Period) {
  const errors = [];
  if (Date.parse(baseline.from) >= Date.parse(baseline.to))
    errors.push({
      path: 'baselinePeriod.to',
      message: 'must be after baselinePeriod.from',
      in: 'body' as const,
    });
  if (Date.parse(followUp.from) >= Date.parse(followUp.to))
    errors.push({
      path: 'followUpPeriod.to',
      message: 'must be after followUpPeriod.from',
      in: 'body' as const,
    });
  if (errors.length > 0) throw new ValidationError('A period ends before it starts.', errors);
}

/** Where each request point falls: the target area, else the buffer ring, else the control area. */
export interface AreaTests {
  target: AreaTest;
  /** The outer edge of the buffer ring (target grown by the buffer distance). */
  bufferOuter: AreaTest | null;
  control: AreaTest | null;
}

export interface CountedPoint {
  lat: number;
  lon: number;
  createdAt: Date;
}

/**
 * Counts per area and period. The buffer is the ring between the target and its grown edge; the
 * control area leaves out the target and the buffer, as Bowers and Johnson require (the areas must
 * not overlap).
 */
export function countByArea(points: CountedPoint[], tests: AreaTests, baseline: Period, followUp: Period) {
  const empty = (): PeriodCounts => ({ baseline: 0, followUp: 0 });
  const counts = { target: empty(), buffer: empty(), control: empty() };
  const [bFrom, bTo, fFrom, fTo] = [baseline.from, baseline.to, followUp.from, followUp.to].map(
    Date.parse,
  ) as [number, number, number, number];
  for (const p of points) {
    const at = p.createdAt.getTime();
    const period = at >= bFrom && at < bTo ? 'baseline' : at >= fFrom && at < fTo ? 'followUp' : null;
    if (!period) continue;
    if (tests.target.contains(p.lat, p.lon)) counts.target[period]++;
    else if (tests.bufferOuter?.contains(p.lat, p.lon)) counts.buffer[period]++;
    else if (tests.control?.contains(p.lat, p.lon)) counts.control[period]++;
  }
  return counts;
}

export function measureResult(
  counts: ReturnType<typeof countByArea>,
  hasBuffer: boolean,
  hasControl: boolean,
): SaraMeasureResult {
  const withChange = (c: PeriodCounts) => ({ ...c, change: relativeChange(c.baseline, c.followUp) });
  const wdq =
    hasBuffer && hasControl
      ? weightedDisplacementQuotient(counts.target, counts.buffer, counts.control)
      : null;
  return {
    target: withChange(counts.target),
    buffer: hasBuffer ? withChange(counts.buffer) : null,
    control: hasControl ? withChange(counts.control) : null,
    weightedDisplacementQuotient: wdq,
    interpretation: interpretMeasure(counts.target, hasControl ? counts.control : null, wdq),
  };
}

async function controlTest(
  executor: Executor,
  control: { neighborhoodId: string } | { area: SaraArea },
): Promise<AreaTest> {
  if ('area' in control) return areaTest(control.area);
  const [boundary] = await executor
    .select({ geometry: neighborhoodBoundaries.geometry })
    .from(neighborhoodBoundaries)
    .where(
      and(
        eq(neighborhoodBoundaries.neighborhoodId, control.neighborhoodId),
        isNull(neighborhoodBoundaries.validTo),
      ),
    );
  if (!boundary)
    throw new ValidationError('The control neighborhood has no boundary.', [
      { path: 'control.neighborhoodId', message: 'is not a neighborhood with a boundary', in: 'body' },
    ]);
  return geometryTest(boundary.geometry);
}

export async function addMeasure(
  ctx: SaraContext,
  caseId: string,
  body: SaraMeasureBody,
): Promise<SaraMeasure> {
  checkPeriods(body.baselinePeriod, body.followUpPeriod);
  return withTransaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, caseId, { forUpdate: true });
    // Analysts compute measures on any case; otherwise the people who work the case.
    const analyst = ctx.principal.kind === 'user' && ctx.principal.roles.includes('analyst');
    if (!analyst && !(await canManageCase(tx, ctx.principal, row)))
      throw new ForbiddenError('Only analysts and the people who work this case may add measures.');
    if (row.stage === 'closed') throw new ConflictError('The case is closed: its measures no longer change.');
    let values: typeof saraMeasures.$inferInsert;
    const base = {
      caseId,
      baselineFrom: new Date(body.baselinePeriod.from),
      baselineTo: new Date(body.baselinePeriod.to),
      followUpFrom: new Date(body.followUpPeriod.from),
      followUpTo: new Date(body.followUpPeriod.to),
      createdById: ctx.actor.id,
    };
    if (body.kind === 'manual') {
      values = {
        ...base,
        kind: 'manual',
        metric: body.metric,
        baselineValue: body.baselineValue,
        followUpValue: body.followUpValue,
      };
    } else {
      if (!row.location)
        throw new ConflictError('Draw the case area (scanning) before computing a measure from requests.', {
          errors: [{ path: 'location', message: 'is required for a computed measure' }],
        });
      const bufferMeters = body.bufferMeters ?? null;
      const tests: AreaTests = {
        target: areaTest(row.location),
        bufferOuter: bufferMeters ? grownAreaTest(row.location, bufferMeters) : null,
        control: body.control ? await controlTest(tx, body.control) : null,
      };
      const box = unionBox(
        tests.target.box,
        ...(tests.bufferOuter ? [tests.bufferOuter.box] : []),
        ...(tests.control ? [tests.control.box] : []),
      );
      const inPeriod = (period: Period) =>
        and(
          gte(serviceRequests.createdAt, new Date(period.from)),
          lt(serviceRequests.createdAt, new Date(period.to)),
        );
      const points = await tx
        .select({ lat: serviceRequests.lat, lon: serviceRequests.lon, createdAt: serviceRequests.createdAt })
        .from(serviceRequests)
        .where(
          and(
            inArray(serviceRequests.serviceCode, body.serviceCodes),
            // A duplicate is a second report of one incident: counted once, through its parent.
            ne(serviceRequests.status, 'duplicate'),
            sql`${serviceRequests.lat} between ${box.minLat} and ${box.maxLat}`,
            sql`${serviceRequests.lon} between ${box.minLon} and ${box.maxLon}`,
            or(inPeriod(body.baselinePeriod), inPeriod(body.followUpPeriod)),
          ),
        );
      const counts = countByArea(points as CountedPoint[], tests, body.baselinePeriod, body.followUpPeriod);
      const result = measureResult(counts, !!tests.bufferOuter, !!tests.control);
      values = {
        ...base,
        kind: 'computed',
        metric: body.metric?.trim() || `Requests (${body.serviceCodes.join(', ')}) in the case area`,
        baselineValue: counts.target.baseline,
        followUpValue: counts.target.followUp,
        definition: { serviceCodes: body.serviceCodes, bufferMeters, control: body.control ?? null },
        result,
      };
    }
    const [saved] = await tx.insert(saraMeasures).values(values).returning();
    await tx
      .update(saraCases)
      .set({ updatedAt: ctx.now(), version: sql`${saraCases.version} + 1` })
      .where(eq(saraCases.id, caseId));
    await recordCaseEvent(tx, ctx.actor, caseId, {
      kind: 'measure_added',
      detail: { measureId: saved!.id, metric: saved!.metric, kind: saved!.kind },
    });
    return presentMeasure(saved!);
  });
}
