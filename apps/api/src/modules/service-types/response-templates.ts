import type { LocalizedTextDto, ResponseTemplate } from '@nsp/contracts';
import { and, asc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { type LocalizedText, responseTemplates, serviceTypes } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';

type TemplateRow = typeof responseTemplates.$inferSelect;
type RequestStatus = NonNullable<TemplateRow['status']>;

export interface ResponseTemplatesContext {
  db: Database;
  actor: AuditActor;
}

export function toResponseTemplateDto(row: TemplateRow): ResponseTemplate {
  return {
    id: row.id,
    serviceCode: row.serviceCode,
    status: row.status,
    title: row.title,
    body: row.body as LocalizedTextDto,
    emailKind: row.emailKind,
    subject: (row.subject as LocalizedTextDto | null) ?? null,
    active: row.active,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
  };
}

const auditView = (row: TemplateRow) => ({
  serviceCode: row.serviceCode,
  status: row.status,
  title: row.title,
  body: row.body,
  emailKind: row.emailKind,
  subject: row.subject,
  active: row.active,
});

async function assertKnownServiceCode(executor: Executor, code: string | null | undefined): Promise<void> {
  if (code === null || code === undefined) return;
  const [row] = await executor
    .select({ code: serviceTypes.code })
    .from(serviceTypes)
    .where(eq(serviceTypes.code, code))
    .limit(1);
  if (!row) {
    throw new ValidationError(`There is no service type ${code}.`, [
      { path: 'serviceCode', message: 'is not a known service type', in: 'body' },
    ]);
  }
}

type EmailKind = NonNullable<TemplateRow['emailKind']>;

/**
 * An e-mail template needs a subject, and there is one of each e-mail kind per category (plus one
 * general one): a 400 naming `subject`, or a 409, rather than the database's refusal.
 */
async function assertEmailTemplateFits(
  executor: Executor,
  template: { id?: string; serviceCode: string | null; emailKind: EmailKind | null; subject: unknown },
): Promise<void> {
  if (template.emailKind === null) return;
  if (template.subject === null || template.subject === undefined) {
    throw new ValidationError('An e-mail template needs a subject.', [
      { path: 'subject', message: 'is required for an e-mail template', in: 'body' },
    ]);
  }
  const [clash] = await executor
    .select({ id: responseTemplates.id })
    .from(responseTemplates)
    .where(
      and(
        eq(responseTemplates.emailKind, template.emailKind),
        template.serviceCode === null
          ? isNull(responseTemplates.serviceCode)
          : eq(responseTemplates.serviceCode, template.serviceCode),
        template.id ? sql`${responseTemplates.id} <> ${template.id}` : undefined,
      ),
    )
    .limit(1);
  if (clash) {
    throw new ConflictError(
      `There already is a ${template.emailKind} e-mail template for ${template.serviceCode ?? 'every category'}; change that one.`,
      { existingId: clash.id },
    );
  }
}

/**
 * Templates offered for a category and status: those made for exactly them and the general ones
 * (no category / any status), the specific ones first.
 */
export async function listResponseTemplates(
  executor: Executor,
  query: {
    serviceCode?: string | undefined;
    status?: RequestStatus | undefined;
    includeInactive: boolean;
    purpose?: 'reply' | 'email' | 'all' | undefined;
  },
) {
  const purpose = query.purpose ?? 'reply';
  const rows = await executor
    .select()
    .from(responseTemplates)
    .where(
      and(
        query.includeInactive ? undefined : eq(responseTemplates.active, true),
        // E-mail templates are the texts of e-mails to requesters, not replies to pick from.
        purpose === 'reply'
          ? isNull(responseTemplates.emailKind)
          : purpose === 'email'
            ? isNotNull(responseTemplates.emailKind)
            : undefined,
        query.serviceCode !== undefined
          ? or(eq(responseTemplates.serviceCode, query.serviceCode), isNull(responseTemplates.serviceCode))
          : undefined,
        query.status !== undefined
          ? or(eq(responseTemplates.status, query.status), isNull(responseTemplates.status))
          : undefined,
      ),
    )
    .orderBy(
      sql`${responseTemplates.serviceCode} is null`,
      sql`${responseTemplates.status} is null`,
      asc(responseTemplates.title),
      asc(responseTemplates.id),
    )
    .limit(500);
  return { items: rows.map(toResponseTemplateDto) };
}

export async function createResponseTemplate(
  ctx: ResponseTemplatesContext,
  input: {
    serviceCode: string | null;
    status: RequestStatus | null;
    title: string;
    body: LocalizedText;
    emailKind?: 'acknowledgement' | 'public_update' | 'resolution' | null;
    subject?: LocalizedText | null;
    active: boolean;
  },
): Promise<ResponseTemplate> {
  return withTransaction(ctx.db, async (tx) => {
    await assertKnownServiceCode(tx, input.serviceCode);
    await assertEmailTemplateFits(tx, {
      serviceCode: input.serviceCode,
      emailKind: input.emailKind ?? null,
      subject: input.subject ?? null,
    });
    const [row] = await tx.insert(responseTemplates).values(input).returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx.actor, {
      action: 'response_template.created',
      entityType: 'response_template',
      entityId: row.id,
      after: auditView(row),
    });
    return toResponseTemplateDto(row);
  });
}

export async function updateResponseTemplate(
  ctx: ResponseTemplatesContext,
  id: string,
  input: {
    serviceCode?: string | null | undefined;
    status?: RequestStatus | null | undefined;
    title?: string | undefined;
    body?: LocalizedText | undefined;
    emailKind?: 'acknowledgement' | 'public_update' | 'resolution' | null | undefined;
    subject?: LocalizedText | null | undefined;
    active?: boolean | undefined;
  },
  precondition: VersionPrecondition,
): Promise<ResponseTemplate> {
  return withTransaction(ctx.db, async (tx) => {
    const [before] = await tx
      .select()
      .from(responseTemplates)
      .where(eq(responseTemplates.id, id))
      .for('update')
      .limit(1);
    if (!before) throw new NotFoundError(`No response template ${id}.`);
    assertFresh(precondition, before.version, 'This response template');
    await assertKnownServiceCode(tx, input.serviceCode);
    await assertEmailTemplateFits(tx, {
      id,
      serviceCode: input.serviceCode === undefined ? before.serviceCode : input.serviceCode,
      emailKind: input.emailKind === undefined ? before.emailKind : input.emailKind,
      subject: input.subject === undefined ? before.subject : input.subject,
    });
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const [after] = await tx
      .update(responseTemplates)
      .set({ ...changes, updatedAt: new Date(), version: sql`${responseTemplates.version} + 1` })
      .where(eq(responseTemplates.id, id))
      .returning();
    if (!after) throw new NotFoundError(`No response template ${id}.`);
    await recordAudit(tx, ctx.actor, {
      action: 'response_template.updated',
      entityType: 'response_template',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return toResponseTemplateDto(after);
  });
}

export async function deleteResponseTemplate(ctx: ResponseTemplatesContext, id: string): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const [before] = await tx.delete(responseTemplates).where(eq(responseTemplates.id, id)).returning();
    if (!before) throw new NotFoundError(`No response template ${id}.`);
    await recordAudit(tx, ctx.actor, {
      action: 'response_template.deleted',
      entityType: 'response_template',
      entityId: id,
      before: auditView(before),
    });
  });
}
