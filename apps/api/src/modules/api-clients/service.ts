import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { apiClients, apiClientUsage } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { cursorKey, cursorPart, decodeCursor, pageOf } from '../../lib/pagination.ts';
import { hashSecret } from '../../lib/hash-secret.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';

export interface ApiClientsContext {
  db: Database;
  actor: AuditActor;
}

type ApiClientRow = typeof apiClients.$inferSelect;

function toApiClientDto(row: ApiClientRow) {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as Array<'open311' | 'requests:read' | 'requests:write' | 'public:read'>,
    keyPrefix: row.keyPrefix,
    createdAt: iso(row.createdAt),
    revokedAt: iso(row.revokedAt),
    lastUsedAt: iso(row.lastUsedAt),
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}

/**
 * Newest first, in keyset pages like every list. The key keeps the database's microseconds
 * (created_at as text): a JavaScript Date would round them away and skip rows on a page boundary.
 */
export async function listApiClients(
  ctx: ApiClientsContext,
  query: { limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(query.cursor, cursorKey(cursorPart.timestamp, cursorPart.uuid));
  const rows = await ctx.db
    .select({ client: apiClients, createdAtKey: sql<string>`${apiClients.createdAt}::text` })
    .from(apiClients)
    .where(
      after
        ? sql`(${apiClients.createdAt}, ${apiClients.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
        : undefined,
    )
    .orderBy(desc(apiClients.createdAt), desc(apiClients.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (row) => [row.createdAtKey, row.client.id]);
  return { items: page.items.map((row) => toApiClientDto(row.client)), nextCursor: page.nextCursor };
}

/** The key is returned once; only its SHA-256 is stored (high-entropy keys need no slow hash). */
export async function createApiClient(
  ctx: ApiClientsContext,
  input: { name: string; scopes: string[]; rateLimitPerMinute?: number | null | undefined },
) {
  const key = `nsp_${randomBytes(30).toString('base64url')}`;
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(apiClients)
      .values({
        name: input.name,
        scopes: [...new Set(input.scopes)],
        keyHash: hashSecret(key),
        keyPrefix: key.slice(0, 10),
        rateLimitPerMinute: input.rateLimitPerMinute ?? null,
        createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx.actor, {
      action: 'api_client.created',
      entityType: 'api_client',
      entityId: row.id,
      after: {
        name: row.name,
        scopes: row.scopes,
        keyPrefix: row.keyPrefix,
        rateLimitPerMinute: row.rateLimitPerMinute,
      },
    });
    return { ...toApiClientDto(row), key };
  });
}

export async function revokeApiClient(ctx: ApiClientsContext, id: string): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .update(apiClients)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiClients.id, id), isNull(apiClients.revokedAt)))
      .returning();
    if (!row) {
      const [existing] = await tx.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.id, id));
      if (!existing) throw new NotFoundError(`No API client ${id}.`);
      return; // already revoked: revoking again changes nothing
    }
    await recordAudit(tx, ctx.actor, {
      action: 'api_client.revoked',
      entityType: 'api_client',
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: iso(row.revokedAt) },
    });
  });
}

export async function updateApiClient(
  ctx: ApiClientsContext,
  id: string,
  input: { name?: string | undefined; rateLimitPerMinute?: number | null | undefined },
) {
  return withTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(apiClients).where(eq(apiClients.id, id)).for('update');
    if (!before) throw new NotFoundError(`No API client ${id}.`);
    const [row] = await tx
      .update(apiClients)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: input.rateLimitPerMinute } : {}),
      })
      .where(eq(apiClients.id, id))
      .returning();
    if (!row) throw new NotFoundError(`No API client ${id}.`);
    await recordAudit(tx, ctx.actor, {
      action: 'api_client.updated',
      entityType: 'api_client',
      entityId: id,
      before: { name: before.name, rateLimitPerMinute: before.rateLimitPerMinute },
      after: { name: row.name, rateLimitPerMinute: row.rateLimitPerMinute },
    });
    return toApiClientDto(row);
  });
}

/** The last 30 days' requests per day, and the limit in force. */
export async function apiClientUsageOf(ctx: ApiClientsContext, id: string, defaultLimit: number) {
  const [client] = await ctx.db.select().from(apiClients).where(eq(apiClients.id, id));
  if (!client) throw new NotFoundError(`No API client ${id}.`);
  const days = await ctx.db
    .select({ day: apiClientUsage.day, requests: apiClientUsage.requests })
    .from(apiClientUsage)
    .where(and(eq(apiClientUsage.clientId, id), sql`${apiClientUsage.day} > current_date - 31`))
    .orderBy(desc(apiClientUsage.day));
  return {
    clientId: id,
    rateLimitPerMinute: client.rateLimitPerMinute ?? defaultLimit,
    lastUsedAt: iso(client.lastUsedAt),
    days,
  };
}
