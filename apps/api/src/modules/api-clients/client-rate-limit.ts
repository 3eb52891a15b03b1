import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Principal } from '../../lib/access.ts';
import { AppError } from '../../lib/errors.ts';

type ApiClientPrincipal = Extract<Principal, { kind: 'api_client' }>;

const windowMs = 60_000;

/** 429 with Retry-After: the client used its requests for this minute. */
export class ClientRateLimitedError extends AppError {
  readonly status = 429;
  readonly slug = 'rate-limited';
  readonly title = 'Too many requests';
  constructor(limit: number, retryAfterSeconds: number) {
    super(
      `This API client may make ${limit} requests a minute; try again in ${retryAfterSeconds} seconds.`,
      { limit, retryAfter: retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

/** Counts a client's requests in fixed one-minute windows; `count` is this window's total so far. */
export interface RateLimitStore {
  readonly kind: 'redis' | 'memory';
  hit(clientId: string, now: number): Promise<{ count: number; resetAt: number }>;
  close(): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  readonly kind = 'memory' as const;
  private readonly windows = new Map<string, { window: number; count: number }>();
  async hit(clientId: string, now: number) {
    const window = Math.floor(now / windowMs);
    const current = this.windows.get(clientId);
    const entry = current && current.window === window ? current : { window, count: 0 };
    entry.count += 1;
    this.windows.set(clientId, entry);
    if (this.windows.size > 10_000) {
      for (const [key, value] of this.windows) if (value.window < window) this.windows.delete(key);
    }
    return { count: entry.count, resetAt: (window + 1) * windowMs };
  }
  async close() {}
}

/**
 * Shared by every API instance: one counter per client and minute (INCR, then an expiry a little
 * past the window), so a client gets its limit once across all instances, not once per instance.
 * The window is taken from the caller's clock; instances' clocks agree to well under a minute.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly kind = 'redis' as const;
  constructor(private readonly redis: Redis) {}
  async hit(clientId: string, now: number) {
    const window = Math.floor(now / windowMs);
    const key = `nsp:api-client-rate:${clientId}:${window}`;
    const result = await this.redis
      .multi()
      .incr(key)
      .pexpire(key, windowMs * 2)
      .exec();
    const count = Number(result?.[0]?.[1]);
    if (!Number.isFinite(count)) throw new Error('Redis returned no count');
    return { count, resetAt: (window + 1) * windowMs };
  }
  async close() {
    this.redis.disconnect();
  }
}

/**
 * Per-client usage for the admin app: counted in memory and written at most once a minute per
 * client (and when the app closes), together with `lastUsedAt`, so a busy client costs one small
 * write a minute instead of one per request.
 */
class UsageRecorder {
  private readonly pending = new Map<string, { count: number; lastUsed: Date }>();
  private readonly lastWritten = new Map<string, number>();
  constructor(
    private readonly db: Database,
    private readonly timeZone: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  record(clientId: string, now: Date) {
    const entry = this.pending.get(clientId) ?? { count: 0, lastUsed: now };
    entry.count += 1;
    entry.lastUsed = now;
    this.pending.set(clientId, entry);
    if (now.getTime() - (this.lastWritten.get(clientId) ?? 0) >= windowMs) {
      this.lastWritten.set(clientId, now.getTime());
      this.flushClient(clientId).catch(this.onError);
    }
  }

  async flush() {
    await Promise.all([...this.pending.keys()].map((clientId) => this.flushClient(clientId)));
  }

  private async flushClient(clientId: string) {
    const entry = this.pending.get(clientId);
    if (!entry) return;
    this.pending.delete(clientId);
    await this.db.execute(sql`
      with usage as (
        insert into api_client_usage (client_id, day, requests)
        values (${clientId}, (${entry.lastUsed}::timestamptz at time zone ${this.timeZone})::date, ${entry.count})
        on conflict (client_id, day) do update set requests = api_client_usage.requests + excluded.requests
      )
      update api_clients set last_used_at = greatest(last_used_at, ${entry.lastUsed}::timestamptz)
      where id = ${clientId}`);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Per-API-client limits (429 + Retry-After) and usage; Open311 calls it for keys in its form body. */
    clientRateLimit: {
      readonly store: RateLimitStore['kind'];
      check(principal: ApiClientPrincipal, reply: FastifyReply): Promise<void>;
      flushUsage(): Promise<void>;
    };
  }
}

export interface ClientRateLimitOptions {
  redisUrl: string | undefined;
  defaultLimit: number;
  timeZone: string;
}

/**
 * Limits each API client to its requests per minute: shared through Redis when NSP_REDIS_URL is set,
 * else counted in this instance's memory. If Redis cannot be reached a request is counted in memory
 * instead (logged), so an outage of the limiter never takes the API down with it.
 */
export const clientRateLimitPlugin = fp(
  async (app: FastifyInstance, options: ClientRateLimitOptions) => {
    const memory = new MemoryRateLimitStore();
    const redis = options.redisUrl
      ? new Redis(options.redisUrl, {
          lazyConnect: false,
          enableOfflineQueue: true,
          maxRetriesPerRequest: 1,
          connectTimeout: 2_000,
          commandTimeout: 500,
        })
      : null;
    redis?.on('error', (error) =>
      app.log.warn({ err: { message: error.message } }, 'rate-limit store error'),
    );
    const store: RateLimitStore = redis ? new RedisRateLimitStore(redis) : memory;
    const usage = new UsageRecorder(app.database.db, options.timeZone, (error) =>
      app.log.warn({ err: error }, 'API client usage not recorded'),
    );

    async function check(principal: ApiClientPrincipal, reply: FastifyReply) {
      const now = Date.now();
      const limit = principal.rateLimitPerMinute ?? options.defaultLimit;
      let hit: { count: number; resetAt: number };
      try {
        hit = await store.hit(principal.id, now);
      } catch (error) {
        app.log.warn({ err: error }, 'rate-limit store unavailable; counting in memory');
        hit = await memory.hit(principal.id, now);
      }
      const retryAfter = Math.max(1, Math.ceil((hit.resetAt - now) / 1000));
      reply.header('ratelimit-limit', String(limit));
      reply.header('ratelimit-remaining', String(Math.max(0, limit - hit.count)));
      reply.header('ratelimit-reset', String(retryAfter));
      if (hit.count > limit) throw new ClientRateLimitedError(limit, retryAfter);
      usage.record(principal.id, new Date(now));
    }

    app.decorate('clientRateLimit', {
      store: store.kind,
      check,
      flushUsage: () => usage.flush(),
    });

    // After the auth hook (registered earlier): every request made with an API key counts.
    app.addHook('onRequest', async (request: FastifyRequest, reply) => {
      if (request.principal?.kind === 'api_client') await check(request.principal, reply);
    });
    app.addHook('onClose', async () => {
      await usage.flush().catch((error) => app.log.warn({ err: error }, 'API client usage not recorded'));
      await store.close();
    });
  },
  { name: 'nsp-client-rate-limit', dependencies: ['nsp-auth', 'nsp-database'] },
);
