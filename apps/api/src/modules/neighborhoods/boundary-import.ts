import { randomUUID } from 'node:crypto';
import type { BoundaryImportReport } from '@nsp/contracts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { applyBoundaryPlan, type NeighborhoodsContext, userIdOf } from './boundary-apply.ts';
import { planBoundaries, readFeatures } from './boundary-plan.ts';
import { insertBoundaryImport, lockBoundaryChanges } from './repo.ts';

/** 422: the set is well-formed JSON but cannot be applied; the problem carries the full report. */
export class BoundaryImportRejectedError extends AppError {
  readonly status = 422;
  readonly slug = 'boundary-import-rejected';
  readonly title = 'The boundary set cannot be applied';
}

/**
 * POST /neighborhoods/boundaries. A dry run reports what the set would do; a real run plans again
 * inside one transaction (holding the boundary-change lock, so the check and the change see the same
 * map) and applies it, or refuses with the report when a feature is invalid or two boundaries overlap.
 * Every import, previewed, applied or refused, is stored with its report.
 */
export async function importBoundaries(
  ctx: NeighborhoodsContext,
  features: readonly unknown[],
  options: { dryRun: boolean },
): Promise<BoundaryImportReport> {
  const proposals = readFeatures(features);
  const importId = randomUUID();
  const createdBy = userIdOf(ctx.actor);

  if (options.dryRun) {
    const plan = await planBoundaries(ctx.db, proposals);
    const report: BoundaryImportReport = { importId, dryRun: true, applied: false, ...plan.report };
    await withTransaction(ctx.db, async (tx) => {
      await insertBoundaryImport(tx, { id: importId, dryRun: true, applied: false, report, createdBy });
      await recordAudit(tx, ctx.actor, {
        action: 'boundary_import.previewed',
        entityType: 'boundary_import',
        entityId: importId,
        after: auditSummary(report),
      });
    });
    return report;
  }

  const outcome = await withTransaction(ctx.db, async (tx) => {
    await lockBoundaryChanges(tx);
    const plan = await planBoundaries(tx, proposals);
    if (!plan.report.canApply) {
      return { applied: false, report: { importId, dryRun: false, applied: false, ...plan.report } };
    }
    const report: BoundaryImportReport = { importId, dryRun: false, applied: true, ...plan.report };
    const applied = await applyBoundaryPlan(tx, ctx, plan, { importId, at: new Date() });
    report.requests.moving = applied.requestsRerouted;
    await insertBoundaryImport(tx, { id: importId, dryRun: false, applied: true, report, createdBy });
    await recordAudit(tx, ctx.actor, {
      action: 'boundary_import.applied',
      entityType: 'boundary_import',
      entityId: importId,
      after: auditSummary(report),
    });
    return { applied: true, report };
  });

  if (!outcome.applied) {
    await withTransaction(ctx.db, async (tx) => {
      await insertBoundaryImport(tx, {
        id: importId,
        dryRun: false,
        applied: false,
        report: outcome.report,
        createdBy,
      });
      await recordAudit(tx, ctx.actor, {
        action: 'boundary_import.refused',
        entityType: 'boundary_import',
        entityId: importId,
        after: auditSummary(outcome.report),
      });
    });
    throw new BoundaryImportRejectedError(outcome.report.summary, { report: outcome.report });
  }
  await ctx.onGeographyChanged();
  return outcome.report;
}

function auditSummary(report: BoundaryImportReport) {
  return {
    summary: report.summary,
    newCodes: report.newCodes,
    existingCodes: report.existingCodes,
    invalidCount: report.invalidCount,
    overlaps: report.overlaps.length,
    gaps: report.gaps.length,
    requestsMoving: report.requests.moving,
  };
}
