import type { SaraCandidate } from '@nsp/contracts';
import { and, desc, eq, gte, max, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  neighborhoods,
  saraCandidateDecisions,
  saraCandidates,
  serviceRequests,
} from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { BackgroundJob } from '../../lib/background-jobs.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { defaultDetectionSettings, detectCandidates, type ScanRow } from './candidate-detection.ts';
import type { SaraContext } from './context.ts';

const DAY_MS = 86_400_000;

/** The requests a scan reads: every request of the window but rejected ones and merged duplicates. */
export async function loadScanRows(executor: Executor, now: Date, windowDays: number): Promise<ScanRow[]> {
  const rows = await executor
    .select({
      id: serviceRequests.id,
      serviceCode: serviceRequests.serviceCode,
      neighborhoodId: serviceRequests.neighborhoodId,
      address: serviceRequests.address,
      lat: serviceRequests.lat,
      lon: serviceRequests.lon,
      createdAt: serviceRequests.createdAt,
    })
    .from(serviceRequests)
    .where(
      and(
        gte(serviceRequests.createdAt, new Date(now.getTime() - windowDays * DAY_MS)),
        ne(serviceRequests.status, 'duplicate'),
        ne(serviceRequests.status, 'rejected'),
      ),
    );
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.getTime() }));
}

/** Finds the candidates and replaces the last scan's (one transaction: readers see one scan or the other). */
export async function scanCandidates(db: Executor, now: Date = new Date()) {
  const started = performance.now();
  const settings = defaultDetectionSettings(now.getTime());
  const rows = await loadScanRows(db, now, settings.windowDays);
  const found = detectCandidates(rows, settings);
  await withTransaction(db, async (tx) => {
    await tx.delete(saraCandidates);
    for (let i = 0; i < found.length; i += 500)
      await tx.insert(saraCandidates).values(
        found.slice(i, i + 500).map((candidate) => ({
          key: candidate.key,
          kind: candidate.kind,
          title: candidate.title,
          serviceCode: candidate.serviceCode,
          neighborhoodId: candidate.neighborhoodId,
          score: candidate.score,
          requestIds: candidate.requestIds,
          area: candidate.area,
          periodFrom: new Date(candidate.periodFrom),
          periodTo: new Date(candidate.periodTo),
          detail: candidate.detail,
          computedAt: now,
        })),
      );
  });
  const counts: Record<string, number> = { repeat_place: 0, cluster: 0, spike: 0 };
  for (const candidate of found) counts[candidate.kind] = (counts[candidate.kind] ?? 0) + 1;
  return {
    computedAt: now.toISOString(),
    scannedRequests: rows.length,
    found: counts,
    durationMs: Math.round(performance.now() - started),
  };
}

export async function scanCandidatesNow(ctx: SaraContext) {
  const result = await scanCandidates(ctx.db, ctx.now());
  await recordAudit(ctx.db, ctx.actor, {
    action: 'sara_candidates.scanned',
    entityType: 'sara_candidates',
    after: result,
  });
  return result;
}

/**
 * The current candidates, best first. One that was dismissed or made into a case stays away until it
 * has more requests than it had then.
 */
export async function listCandidates(
  executor: Executor,
  query: {
    kind?: SaraCandidate['kind'] | undefined;
    neighborhoodId?: string | undefined;
    includeDismissed?: string | undefined;
  },
): Promise<{ items: SaraCandidate[]; computedAt: string | null }> {
  const rows = await executor
    .select({
      candidate: saraCandidates,
      neighborhoodName: neighborhoods.name,
      decision: saraCandidateDecisions,
    })
    .from(saraCandidates)
    .leftJoin(neighborhoods, eq(neighborhoods.id, saraCandidates.neighborhoodId))
    .leftJoin(saraCandidateDecisions, eq(saraCandidateDecisions.key, saraCandidates.key))
    .where(
      and(
        query.kind ? eq(saraCandidates.kind, query.kind) : undefined,
        query.neighborhoodId ? eq(saraCandidates.neighborhoodId, query.neighborhoodId) : undefined,
      ),
    )
    .orderBy(desc(saraCandidates.score))
    .limit(500);
  const [last] = await executor.select({ at: max(saraCandidates.computedAt) }).from(saraCandidates);
  return {
    computedAt: last?.at ? new Date(last.at).toISOString() : null,
    items: rows
      .filter(
        ({ candidate, decision }) =>
          query.includeDismissed === 'true' ||
          !decision ||
          candidate.requestIds.length > decision.requestCount,
      )
      .map(({ candidate, neighborhoodName }) => ({
        key: candidate.key,
        kind: candidate.kind,
        title: candidate.title,
        serviceCode: candidate.serviceCode,
        neighborhoodId: candidate.neighborhoodId,
        neighborhoodName: neighborhoodName ?? null,
        score: candidate.score,
        requestCount: candidate.requestIds.length,
        requestIds: candidate.requestIds,
        area: candidate.area,
        periodFrom: candidate.periodFrom.toISOString(),
        periodTo: candidate.periodTo.toISOString(),
        detail: candidate.detail,
        computedAt: candidate.computedAt.toISOString(),
      })),
  };
}

export async function dismissCandidate(ctx: SaraContext, key: string, reason: string) {
  await withTransaction(ctx.db, async (tx) => {
    const [candidate] = await tx.select().from(saraCandidates).where(eq(saraCandidates.key, key));
    if (!candidate) throw new NotFoundError(`No candidate problem ${key}.`);
    const values = {
      decision: 'dismissed' as const,
      reason,
      requestCount: candidate.requestIds.length,
      caseId: null,
      decidedById: ctx.actor.id,
      decidedAt: ctx.now(),
    };
    await tx
      .insert(saraCandidateDecisions)
      .values({ key, ...values })
      .onConflictDoUpdate({ target: saraCandidateDecisions.key, set: values });
    await recordAudit(tx, ctx.actor, {
      action: 'sara_candidate.dismissed',
      entityType: 'sara_candidate',
      entityId: key,
      after: { reason, requestCount: candidate.requestIds.length, title: candidate.title },
    });
  });
}

/** Nightly, at 02:30 in the department's time zone. */
export const candidateScanJob: BackgroundJob = {
  name: 'sara.candidate-scan',
  cron: '30 2 * * *',
  async run({ db }) {
    return scanCandidates(db);
  },
};
