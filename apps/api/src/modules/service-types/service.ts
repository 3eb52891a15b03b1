import type { LocalizedTextDto, ServiceType } from '@nsp/contracts';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import {
  type LocalizedText,
  type ServiceTypeAttribute,
  type SlaTargets,
  serviceTypes,
} from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { cursorKey, cursorPart, decodeCursor, pageOf } from '../../lib/pagination.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import type { ServiceCatalog, ServiceTypeRow } from './catalog.ts';

export interface ServiceTypesContext {
  db: Database;
  actor: AuditActor;
  catalog: ServiceCatalog;
}

export interface ServiceTypeInput {
  name: LocalizedText;
  description: LocalizedText;
  group: string;
  keywords: string[];
  attributes: ServiceTypeAttribute[];
  sla: SlaTargets;
  defaultPriority: 'P1' | 'P2' | 'P3' | 'P4';
  active: boolean;
}

export function toServiceTypeDto(row: ServiceTypeRow): ServiceType {
  return {
    code: row.code,
    name: row.name as LocalizedTextDto,
    description: row.description as LocalizedTextDto,
    group: row.group,
    keywords: row.keywords,
    attributes: [...row.attributes].sort((a, b) => a.order - b.order) as ServiceType['attributes'],
    sla: row.sla,
    defaultPriority: row.defaultPriority,
    active: row.active,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
  };
}

/** What the audit log keeps of a category (all of it: nothing personal here). */
const auditView = (row: ServiceTypeRow) => {
  const { createdAt: _created, updatedAt: _updated, ...rest } = row;
  return rest;
};

export async function listServiceTypes(
  executor: Executor,
  query: { limit: number; cursor?: string | undefined; includeInactive: boolean; group?: string | undefined },
) {
  const after = decodeCursor(query.cursor, cursorKey(cursorPart.text));
  const rows = await executor
    .select()
    .from(serviceTypes)
    .where(
      and(
        query.includeInactive ? undefined : eq(serviceTypes.active, true),
        query.group !== undefined ? eq(serviceTypes.group, query.group) : undefined,
        after ? gt(serviceTypes.code, after[0]) : undefined,
      ),
    )
    .orderBy(asc(serviceTypes.code))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (row) => [row.code]);
  return { items: page.items.map(toServiceTypeDto), nextCursor: page.nextCursor };
}

export async function getServiceType(executor: Executor, code: string): Promise<ServiceTypeRow> {
  const [row] = await executor.select().from(serviceTypes).where(eq(serviceTypes.code, code)).limit(1);
  if (!row) throw new NotFoundError(`No service type ${code}.`);
  return row;
}

export async function createServiceType(
  ctx: ServiceTypesContext,
  input: ServiceTypeInput & { code: string },
): Promise<ServiceType> {
  const created = await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx.insert(serviceTypes).values(input).onConflictDoNothing().returning();
    if (!row) throw new ConflictError(`A service type with code ${input.code} already exists.`);
    await recordAudit(tx, ctx.actor, {
      action: 'service_type.created',
      entityType: 'service_type',
      entityId: row.code,
      after: auditView(row),
    });
    return row;
  });
  await ctx.catalog.changed();
  return toServiceTypeDto(created);
}

export async function updateServiceType(
  ctx: ServiceTypesContext,
  code: string,
  input: Partial<ServiceTypeInput>,
  precondition: VersionPrecondition,
): Promise<ServiceType> {
  const updated = await withTransaction(ctx.db, async (tx) => {
    const [before] = await tx
      .select()
      .from(serviceTypes)
      .where(eq(serviceTypes.code, code))
      .for('update')
      .limit(1);
    if (!before) throw new NotFoundError(`No service type ${code}.`);
    assertFresh(precondition, before.version, `Service type ${code}`);
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const [after] = await tx
      .update(serviceTypes)
      .set({ ...changes, updatedAt: new Date(), version: sql`${serviceTypes.version} + 1` })
      .where(eq(serviceTypes.code, code))
      .returning();
    if (!after) throw new NotFoundError(`No service type ${code}.`);
    await recordAudit(tx, ctx.actor, {
      action: 'service_type.updated',
      entityType: 'service_type',
      entityId: code,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
  await ctx.catalog.changed();
  return toServiceTypeDto(updated);
}
