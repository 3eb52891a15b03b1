import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from '../../db/client.ts';

/**
 * The channel the database announces public changes on (triggers in migration
 * 0011_public_change_notifications): `texts`, `neighborhoods`, `service-types`, `feed`, `requests`
 * (every request) or `request:<trackingNumber>` (one request). Modules whose data the public surface
 * shows without a trigger (e.g. a registered feed source) announce through `PublicCache.announce`.
 */
export const PUBLIC_CHANGED_CHANNEL = 'nsp_public_changed';

/** A request's topic: dropped by `request:<trackingNumber>` and by `requests`. */
export const requestTopics = (trackingNumber: string) => ['requests', `request:${trackingNumber}`];

interface Entry {
  value: unknown;
  expiresAt: number;
  topics: readonly string[];
}

export interface CacheOptions {
  /** What the value depends on: a change announced for any of them drops it. */
  topics: readonly string[];
  /** Safety net for a missed notification (e.g. while LISTEN reconnects), and for time-based data. */
  ttlMs: number;
}

/** What a loader returns when it knows its data changes at a given time (e.g. a scheduled reassignment). */
export class Expiring<T> {
  constructor(
    readonly value: T,
    /** Epoch milliseconds, or null for "only the lifetime". */
    readonly expiresAt: number | null,
  ) {}
}

export interface PublicCacheOptions {
  database?: Pick<DatabaseHandle, 'listen' | 'notify'>;
  /** The NOTIFY channel whose payloads are the topics to drop (default: the public surface's). */
  channel?: string;
  log?: FastifyBaseLogger;
  /** Most entries kept; the least recently used go first. */
  maxEntries?: number;
}

/**
 * In-process memory of what the public surface answers, so a flood of lookups does not reach the
 * database. Every instance keeps its own and drops entries when any instance (or a trigger) announces
 * a change of one of their topics over LISTEN/NOTIFY, like the geocoder's index (geo-service.ts).
 * Concurrent misses of one key share a single load.
 */
export class PublicCache {
  private readonly entries = new Map<string, Entry>();
  private readonly keysByTopic = new Map<string, Set<string>>();
  private readonly loading = new Map<string, Promise<unknown>>();
  /** A counter bumped on every invalidation, and when each topic was last invalidated. */
  private clock = 0;
  private readonly invalidatedAt = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly watchers = new Map<string, Array<() => void>>();

  private readonly channel: string;

  constructor(private readonly options: PublicCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 20_000;
    this.channel = options.channel ?? PUBLIC_CHANGED_CHANNEL;
  }

  async start(): Promise<void> {
    if (!this.options.database) return;
    try {
      await this.options.database.listen(this.channel, (topic) => this.invalidate(topic));
    } catch (error) {
      // Entries still expire with their lifetime.
      this.options.log?.warn({ err: error, channel: this.channel }, 'cannot listen for changes');
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value, or the loader's (stored unless one of its topics changed while it loaded). */
  async get<T>(key: string, options: CacheOptions, load: () => Promise<T | Expiring<T>>): Promise<T> {
    const hit = this.peek<T>(key);
    if (hit !== undefined) return hit;
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const startedAt = this.clock;
    const loaded = (async () => {
      try {
        const result = await load();
        const { value, expiresAt } = result instanceof Expiring ? result : { value: result, expiresAt: null };
        const lifetimeEnd = Date.now() + options.ttlMs;
        if (!this.changedSince(options.topics, startedAt)) {
          this.store(key, {
            value,
            topics: options.topics,
            expiresAt: expiresAt === null ? lifetimeEnd : Math.min(expiresAt, lifetimeEnd),
          });
        }
        return value;
      } finally {
        this.loading.delete(key);
      }
    })();
    this.loading.set(key, loaded);
    return loaded;
  }

  peek<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.remove(key);
      return undefined;
    }
    return entry.value as T;
  }

  /** Drops every entry of a topic on this instance ('requests' also drops every `request:*`). */
  invalidate(topic: string): void {
    this.clock++;
    this.invalidatedAt.set(topic, this.clock);
    for (const key of [...(this.keysByTopic.get(topic) ?? [])]) this.remove(key);
    for (const watcher of this.watchers.get(topic) ?? []) watcher();
  }

  /** Calls back after every invalidation of a topic (to reload data that must be at hand synchronously). */
  watch(topic: string, callback: () => void): void {
    this.watchers.set(topic, [...(this.watchers.get(topic) ?? []), callback]);
  }

  /** After a committed change no trigger announces: drop it here and on every other instance. */
  async announce(topic: string): Promise<void> {
    this.invalidate(topic);
    if (!this.options.database) return;
    try {
      await this.options.database.notify(this.channel, topic);
    } catch (error) {
      this.options.log?.warn({ err: error, topic }, 'cannot announce a public change');
    }
  }

  private changedSince(topics: readonly string[], clock: number): boolean {
    return topics.some((topic) => (this.invalidatedAt.get(topic) ?? 0) > clock);
  }

  private store(key: string, entry: Entry): void {
    this.remove(key);
    this.entries.set(key, entry);
    for (const topic of entry.topics) {
      let keys = this.keysByTopic.get(topic);
      if (!keys) {
        keys = new Set();
        this.keysByTopic.set(topic, keys);
      }
      keys.add(key);
    }
    // Map order is insertion order: the first keys are the oldest.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const topic of entry.topics) {
      const keys = this.keysByTopic.get(topic);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTopic.delete(topic);
    }
  }
}
