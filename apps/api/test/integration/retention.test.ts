import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { auditLog, requestEvents, serviceRequests } from '../../src/db/schema/index.ts';
import { retentionJobName } from '../../src/modules/service-requests/jobs/job-definitions.ts';
import { anonymizeExpiredRequests } from '../../src/modules/service-requests/jobs/retention.ts';
import { insertServiceRequest, insertServiceType } from '../support/factories/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let serviceCode: string;
const day = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * day);

beforeAll(async () => {
  // The job queue runs here so the retention job is run the way production runs it.
  t = await startTestApp({ config: { runJobs: true, retentionDays: 730 } });
  serviceCode = await insertServiceType(t.database.db);
});
afterAll(async () => {
  await t?.close();
});

/** A finished (or open) request last touched `ageDays` ago. */
function finished(
  status: 'closed' | 'rejected' | 'duplicate' | 'resolved' | 'new',
  ageDays: number,
  closed = true,
) {
  return insertServiceRequest(t.database.db, {
    serviceCode,
    status,
    ageHours: ageDays * 24 + 48,
    firstResponseDueInHours: -ageDays * 24,
    resolutionDueInHours: -ageDays * 24,
    closedAt: closed ? daysAgo(ageDays) : null,
    resolvedAt: status === 'resolved' || status === 'closed' ? daysAgo(ageDays) : null,
    updatedAt: daysAgo(ageDays),
  });
}

async function requestRow(id: string) {
  const [row] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  return row!;
}

describe('retention of requesters’ personal data', () => {
  it('anonymises closed, rejected and merged requests past the retention period, and nothing else', async () => {
    const expired = {
      closed: await finished('closed', 800),
      rejected: await finished('rejected', 731),
      duplicate: await finished('duplicate', 1000, false), // merged: only updatedAt tells its age
    };
    const kept = {
      closedRecently: await finished('closed', 10),
      closedJustInside: await finished('closed', 729),
      resolvedLongAgo: await finished('resolved', 900, false),
      openLongAgo: await finished('new', 1000, false),
    };
    // A timeline event that carries contact data (an edit of the requester) is scrubbed too.
    await t.database.db.insert(requestEvents).values({
      requestId: expired.closed.id,
      actorType: 'user',
      kind: 'updated',
      before: { requesterEmail: 'old@example.org', priority: 'P3' },
      after: { requesterEmail: 'new@example.org', priority: 'P2' },
    });
    const versionBefore = (await requestRow(expired.closed.id)).version;

    const result = await t.app.jobs!.runNow(retentionJobName);
    expect(result.anonymized).toBeGreaterThanOrEqual(3);

    for (const request of Object.values(expired)) {
      const row = await requestRow(request.id);
      expect(row).toMatchObject({ requesterName: null, requesterEmail: null, requesterPhone: null });
      expect(row.anonymizedAt).toBeInstanceOf(Date);
      expect(row.requesterLanguage).toBe('es');
    }
    expect((await requestRow(expired.closed.id)).version).toBe(versionBefore + 1);
    for (const request of Object.values(kept)) {
      const row = await requestRow(request.id);
      expect(row.requesterName).toBe('Maria Requester');
      expect(row.requesterEmail).toMatch(/@example\.org$/);
      expect(row.anonymizedAt).toBeNull();
    }

    const events = await t.database.db
      .select({
        kind: requestEvents.kind,
        before: requestEvents.before,
        after: requestEvents.after,
        actorType: requestEvents.actorType,
      })
      .from(requestEvents)
      .where(eq(requestEvents.requestId, expired.closed.id));
    expect(events.find((event) => event.kind === 'updated')).toMatchObject({
      before: { priority: 'P3' },
      after: { priority: 'P2' },
    });
    expect(JSON.stringify(events)).not.toContain('@example.org');
    expect(events.find((event) => event.kind === 'requester_anonymized')?.actorType).toBe('system');

    const audits = await t.database.db
      .select({ entityId: auditLog.entityId, actorType: auditLog.actorType, after: auditLog.after })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'service_request.anonymized'),
          inArray(
            auditLog.entityId,
            Object.values(expired).map((request) => request.id),
          ),
        ),
      );
    expect(audits).toHaveLength(3);
    expect(audits.every((audit) => audit.actorType === 'system')).toBe(true);
    // The audit log is append-only: it must never receive the values being removed.
    expect(JSON.stringify(audits)).not.toMatch(/Maria|@example\.org|555/);
  });

  it('does nothing the second time, and touches nothing with two runs at once', async () => {
    const request = await finished('closed', 900);
    const [a, b] = await Promise.all([
      anonymizeExpiredRequests({ db: t.database.db, retentionDays: 730, batchSize: 1 }),
      anonymizeExpiredRequests({ db: t.database.db, retentionDays: 730, batchSize: 1 }),
    ]);
    expect(a!.anonymized + b!.anonymized).toBe(1);
    expect(await anonymizeExpiredRequests({ db: t.database.db, retentionDays: 730 })).toMatchObject({
      anonymized: 0,
    });
    const audits = await t.database.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'service_request.anonymized'), eq(auditLog.entityId, request.id)));
    expect(audits).toHaveLength(1);
  });

  it('follows the configured retention period', async () => {
    const request = await finished('closed', 40);
    await anonymizeExpiredRequests({ db: t.database.db, retentionDays: 45 });
    expect((await requestRow(request.id)).anonymizedAt).toBeNull();
    await anonymizeExpiredRequests({ db: t.database.db, retentionDays: 30 });
    expect((await requestRow(request.id)).requesterEmail).toBeNull();
  });

  it('reads NSP_RETENTION_DAYS (default 730) and refuses a bad value naming the variable', () => {
    expect(loadConfig({ NSP_DATA_DIR: '/tmp/nsp-retention-test' }).retentionDays).toBe(730);
    expect(
      loadConfig({ NSP_DATA_DIR: '/tmp/nsp-retention-test', NSP_RETENTION_DAYS: '90' }).retentionDays,
    ).toBe(90);
    for (const bad of ['0', '-5', '1.5', 'forever']) {
      expect(() => loadConfig({ NSP_DATA_DIR: '/tmp/nsp-retention-test', NSP_RETENTION_DAYS: bad })).toThrow(
        ConfigError,
      );
      try {
        loadConfig({ NSP_DATA_DIR: '/tmp/nsp-retention-test', NSP_RETENTION_DAYS: bad });
      } catch (error) {
        expect((error as ConfigError).problems.join('\n')).toContain('NSP_RETENTION_DAYS');
      }
    }
  });
});
