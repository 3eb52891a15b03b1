import type { Database } from '../../../db/client.ts';
import { auditLog, type SlaBreachKind, slaBreachKinds } from '../../../db/schema/index.ts';
import { withTransaction } from '../../../db/transaction.ts';
import {
  activeUserIdsWithRole,
  type NewNotification,
  queueNotifications,
} from '../../notifications/notification-service.ts';
import { neighborhoodLeadUserIds } from '../../notifications/staff-notices.ts';
import {
  type BreachedRequestSummary,
  breachedRequestSummaries,
  insertBreachEvents,
  insertNewBreaches,
  type RecordedBreach,
} from './sla-breach-repo.ts';

export interface SlaBreachSweepOptions {
  db: Database;
  now?: Date;
  /** Breaches recorded per transaction; a large backlog is worked through in several. */
  batchSize?: number;
  /** Upper bound on batches per kind and run, so a run always ends; the next run continues. */
  maxBatches?: number;
}

export interface SlaBreachSweepResult {
  firstResponseBreaches: number;
  resolutionBreaches: number;
  notificationsQueued: number;
}

/** Who is told about breaches (product.md: supervisors see SLA breaches). */
export const breachNoticeRole = 'supervisor';

const breachLabel: Record<SlaBreachKind, string> = {
  first_response: 'first response',
  resolution: 'resolution',
};

/**
 * Finds open requests whose first-response or resolution due time has passed and records each breach
 * exactly once, with its timeline event, its audit entry and a notice to every supervisor and to the
 * neighborhood's coordination lieutenant (each by their preferences: in-app and/or e-mail), all in the
 * transaction that records the breach. Safe to run from several instances at once (see
 * insertNewBreaches). Overdue itself is never stored: queues compute it from the due times.
 */
export async function recordSlaBreaches(options: SlaBreachSweepOptions): Promise<SlaBreachSweepResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 200;
  const result: SlaBreachSweepResult = {
    firstResponseBreaches: 0,
    resolutionBreaches: 0,
    notificationsQueued: 0,
  };

  for (const kind of slaBreachKinds) {
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const { recorded, notificationsQueued } = await withTransaction(options.db, async (tx) => {
        const breaches = await insertNewBreaches(tx, kind, now, batchSize);
        if (breaches.length === 0) return { recorded: 0, notificationsQueued: 0 };
        await insertBreachEvents(tx, breaches);
        // One multi-row insert instead of recordAudit per breach: a first run over a backlog can
        // record thousands. Same columns recordAudit writes, actor 'system'.
        await tx.insert(auditLog).values(
          breaches.map((breach) => ({
            actorType: 'system' as const,
            actorId: null,
            action: 'service_request.sla_breached',
            entityType: 'service_request',
            entityId: breach.requestId,
            before: null,
            after: { slaKind: breach.kind, dueAt: breach.dueAt.toISOString(), breachId: breach.id },
          })),
        );
        const summaries = await breachedRequestSummaries(
          tx,
          breaches.map((breach) => breach.requestId),
        );
        const supervisors = await activeUserIdsWithRole(tx, breachNoticeRole);
        // And the coordination lieutenant of the request's neighborhood ("breaches in their neighborhoods").
        const leads = await neighborhoodLeadUserIds(
          tx,
          [...summaries.values()].flatMap((summary) =>
            summary.neighborhoodId ? [summary.neighborhoodId] : [],
          ),
          now,
        );
        const notices = breaches.flatMap((breach) => {
          const summary = summaries.get(breach.requestId);
          const lead = summary?.neighborhoodId ? (leads.get(summary.neighborhoodId) ?? []) : [];
          return [...new Set([...supervisors, ...lead])].map((recipientUserId) =>
            breachNotice(recipientUserId, breach, summary),
          );
        });
        return { recorded: breaches.length, notificationsQueued: await queueNotifications(tx, notices) };
      });
      if (kind === 'first_response') result.firstResponseBreaches += recorded;
      else result.resolutionBreaches += recorded;
      result.notificationsQueued += notificationsQueued;
      // Only a batch that recorded nothing ends the run. A short batch is not enough: its other candidates
      // may have been taken by a run still in progress, with more candidates behind them. Of two racing
      // runs the one that inserts first records something and goes on, so the last run standing stops
      // only when nothing is left.
      if (recorded === 0) break;
    }
  }
  return result;
}

function breachNotice(
  recipientUserId: string,
  breach: RecordedBreach,
  request: BreachedRequestSummary | undefined,
): NewNotification {
  const label = breachLabel[breach.kind];
  const trackingNumber = request?.trackingNumber ?? breach.requestId;
  const where = request?.neighborhoodName ? ` in ${request.neighborhoodName}` : '';
  const what = request ? `${request.serviceName} (${request.priority})` : 'Service request';
  return {
    recipientUserId,
    kind: 'sla_breached',
    title: `SLA breached: ${label} overdue on ${trackingNumber}`,
    body: `${what}${where}: the ${label} was due at ${breach.dueAt.toISOString()}.`,
    entityType: 'service_request',
    entityId: breach.requestId,
    data: {
      breachId: breach.id,
      requestId: breach.requestId,
      trackingNumber,
      slaKind: breach.kind,
      dueAt: breach.dueAt.toISOString(),
      serviceCode: request?.serviceCode ?? null,
    },
    dedupeKey: `sla_breach:${breach.id}`,
    // A P1 breach reaches people even in their quiet hours.
    urgent: request?.priority === 'P1',
  };
}
