import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';

export interface AuditActor {
  type: 'user' | 'api_client' | 'system' | 'anonymous';
  id: string | null;
  requestId?: string | undefined;
  ipAddress?: string | undefined;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export const systemActor: AuditActor = { type: 'system', id: null };

/** The actor behind a request: the logged-in user, the API client, or anonymous (e.g. failed logins). */
export function actorFromRequest(request: FastifyRequest): AuditActor {
  const principal = request.principal;
  return {
    type: principal?.kind ?? 'anonymous',
    id: principal?.id ?? null,
    requestId: request.id,
    ipAddress: request.ip,
  };
}

/** Appends to the audit log in the caller's transaction, so the record and the change commit together. */
export async function recordAudit(executor: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditLog).values({
    actorType: actor.type,
    actorId: actor.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: actor.requestId ?? null,
    ipAddress: actor.ipAddress ?? null,
  });
}
