import { createHash } from 'node:crypto';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Executor, Transaction } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { withTransaction } from '../db/transaction.ts';
import { ConflictError, ValidationError } from './errors.ts';

/**
 * Idempotency-Key for POSTs that create something: a retry with the same key and the same body gets
 * the first reply (status and body) again instead of creating a second record. The key is stored in
 * the same transaction as the record, so either both exist or neither does; a retry of a request that
 * failed simply runs again.
 */

/** How long a key is remembered; afterwards the same key starts afresh. */
export const idempotencyKeyLifetimeMs = 24 * 60 * 60 * 1000;

export interface IdempotencyScope {
  /** Who sent it ("user:<id>", "api_client:<id>"): keys of different callers never collide. */
  principal: string;
  key: string;
  /** Hash of method, route, path parameters and body, to recognise "same key, different request". */
  fingerprint: string;
}

export interface IdempotentReply<T> {
  statusCode: number;
  body: T;
  /** True when this is the stored reply of an earlier request with the same key. */
  replayed: boolean;
}

const keyPattern = /^[\x21-\x7e]{1,255}$/;

/** JSON with object keys sorted, so that `{a,b}` and `{b,a}` hash the same. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * What the request acts on: the route pattern and the path parameters it was called with. The pattern
 * alone would make POST /neighborhoods/A/assignments and /neighborhoods/B/assignments with one key and
 * body look like the same request (B would get A's reply). The parsed parameters rather than the raw
 * URL, so a query string or percent-encoding does not make a retry look different. Routes without
 * parameters keep the plain pattern, so keys stored before parameters were added still match.
 */
function targetOf(request: FastifyRequest): string {
  const pattern = request.routeOptions.url ?? request.url.split('?')[0];
  const params = request.params;
  const hasParams = params !== null && typeof params === 'object' && Object.keys(params as object).length > 0;
  return hasParams ? `${pattern} ${canonicalJson(params)}` : `${pattern}`;
}

/**
 * The scope of this request's Idempotency-Key header, or null without one. A malformed key is a 400
 * naming the header. `body` is the parsed body (what the service acts on).
 */
export function idempotencyScopeOf(request: FastifyRequest, body: unknown): IdempotencyScope | null {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return null;
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || !keyPattern.test(key)) {
    throw new ValidationError('The Idempotency-Key header must be 1-255 visible ASCII characters.', [
      { path: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters', in: 'headers' },
    ]);
  }
  const principal = request.principal ? `${request.principal.kind}:${request.principal.id}` : 'anonymous';
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${targetOf(request)}\n${canonicalJson(body)}`)
    .digest('hex');
  return { principal, key, fingerprint };
}

class ConcurrentFirstRequest extends Error {}

async function storedReply<T>(executor: Executor, scope: IdempotencyScope, now: Date) {
  const [row] = await executor
    .select({
      requestHash: idempotencyKeys.requestHash,
      statusCode: idempotencyKeys.statusCode,
      responseBody: idempotencyKeys.responseBody,
    })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.principal, scope.principal),
        eq(idempotencyKeys.key, scope.key),
        gte(idempotencyKeys.createdAt, new Date(now.getTime() - idempotencyKeyLifetimeMs)),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (row.requestHash !== scope.fingerprint) {
    throw new ConflictError(
      'This Idempotency-Key was already used for a different request; use a new key for a new request.',
      { reason: 'idempotency_key_reused' },
    );
  }
  return { statusCode: row.statusCode ?? 200, body: row.responseBody as T, replayed: true };
}

export interface IdempotentSteps<T, P> {
  /** Work done before the transaction (validation, geocoding); skipped for a replay. */
  prepare?: () => Promise<P>;
  /** The writes, in the transaction that also stores the reply. */
  work: (tx: Transaction, prepared: P) => Promise<{ statusCode: number; body: T }>;
}

/**
 * Runs `work` in a transaction and remembers its reply under the caller's key; with no key it just
 * runs. A request whose key was seen gets the stored reply without running anything. Two requests
 * racing with one key: the second one's INSERT of the key waits for the first transaction, finds the
 * key taken, rolls its own work back and answers with the first one's reply.
 */
export async function runIdempotently<T, P = undefined>(
  db: Database,
  scope: IdempotencyScope | null,
  steps: IdempotentSteps<T, P>,
  now: Date = new Date(),
): Promise<IdempotentReply<T>> {
  if (scope) {
    const earlier = await storedReply<T>(db, scope, now);
    if (earlier) return earlier;
  }
  const prepared = (steps.prepare ? await steps.prepare() : undefined) as P;
  if (!scope) return { ...(await withTransaction(db, (tx) => steps.work(tx, prepared))), replayed: false };
  try {
    return await withTransaction(db, async (tx) => {
      const result = await steps.work(tx, prepared);
      const expiredBefore = new Date(now.getTime() - idempotencyKeyLifetimeMs);
      const stored = await tx
        .insert(idempotencyKeys)
        .values({
          principal: scope.principal,
          key: scope.key,
          requestHash: scope.fingerprint,
          statusCode: result.statusCode,
          responseBody: result.body,
        })
        .onConflictDoUpdate({
          target: [idempotencyKeys.principal, idempotencyKeys.key],
          // An expired key is reused as if new; a live one is left alone (see below).
          set: {
            requestHash: scope.fingerprint,
            statusCode: result.statusCode,
            responseBody: sql`excluded.response_body`,
            createdAt: sql`now()`,
          },
          setWhere: lt(idempotencyKeys.createdAt, expiredBefore),
        })
        .returning({ key: idempotencyKeys.key });
      if (stored.length === 0) throw new ConcurrentFirstRequest();
      return { ...result, replayed: false };
    });
  } catch (error) {
    if (!(error instanceof ConcurrentFirstRequest)) throw error;
    const first = await storedReply<T>(db, scope, now);
    if (first) return first;
    throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly.', {
      reason: 'idempotency_key_in_use',
    });
  }
}

/** Marks a replayed reply, so a client can tell it did not create anything this time. */
export function markReplay(reply: FastifyReply, result: IdempotentReply<unknown>): void {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
}

/** Forgets keys older than their lifetime (for a housekeeping job). Returns how many went. */
export async function pruneIdempotencyKeys(executor: Executor, now: Date = new Date()): Promise<number> {
  const removed = await executor
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - idempotencyKeyLifetimeMs)))
    .returning({ key: idempotencyKeys.key });
  return removed.length;
}
