import { randomUUID } from 'node:crypto';
import type { GeocodeQuality } from '@nsp/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, DatabaseHandle } from '../../db/client.ts';
import { type LocatedNeighborhood, NeighborhoodLocator } from '../neighborhoods/neighborhood-locator.ts';
import { AddressIndex, addressKeyOf, type HundredBlock } from './address-index.ts';
import { normalizeAddress } from './address-normalizer.ts';
import { geographyFingerprints, loadAddressPointRecords, loadLocatableNeighborhoods } from './geo-repo.ts';

/** The NOTIFY channel every API instance listens on to reload its in-memory map and address index. */
export const GEO_CHANGED_CHANNEL = 'nsp_geo_changed';

export type GeoChangeKind = 'boundaries' | 'addresses';

export interface GeocodeResult {
  match: { address: string; lat: number; lon: number; quality: GeocodeQuality } | null;
  neighborhood: LocatedNeighborhood | null;
  candidates: Array<{ address: string; lat: number; lon: number; score: number }>;
  /** The normalised key that was looked up ('12 BURNSIDE AVE #3'), or null when unreadable. */
  normalized: string | null;
  reason?: string;
}

export interface PointLocation {
  neighborhood: LocatedNeighborhood | null;
  reason?: string;
}

/** What other modules call (`app.geo`): service-request intake, locate, the public lookup. */
export interface Geo {
  geocode(address: string): Promise<GeocodeResult>;
  locatePoint(lat: number, lon: number): PointLocation;
  generalise(location: {
    address?: string | null;
    lat?: number | null;
    lon?: number | null;
  }): HundredBlock | null;
}

export interface GeoServiceOptions {
  db: Database;
  /** For LISTEN/NOTIFY across instances; without it changes are only seen by this process. */
  database?: Pick<DatabaseHandle, 'listen' | 'notify'>;
  log?: FastifyBaseLogger;
  /** How long to gather notifications before reloading (several changes, one reload). */
  debounceMs?: number;
  /** How often to compare fingerprints, in case a notification was missed; 0 turns it off. */
  pollIntervalMs?: number;
}

/**
 * The neighborhoods (bounding boxes and prepared polygons) and the address index, in memory, so a
 * geocode or locate never waits for the database. Every instance keeps its own copy and reloads it
 * when any instance announces a change over NOTIFY.
 */
export class GeoService implements Geo {
  private locator = new NeighborhoodLocator([]);
  private addresses = AddressIndex.empty;
  private readonly instanceId = randomUUID();
  private initialLoad: Promise<void> | null = null;
  private readonly running = new Map<GeoChangeKind, Promise<void>>();
  private readonly queued = new Map<GeoChangeKind, Promise<void>>();
  private readonly debounceTimers = new Map<GeoChangeKind, NodeJS.Timeout>();
  private pollTimer: NodeJS.Timeout | undefined;
  private fingerprints = { boundaries: '', addresses: '' };
  private stopped = false;

  constructor(private readonly options: GeoServiceOptions) {}

  /** Loads both indexes and subscribes to changes. A database that is down is logged, not fatal. */
  async start(): Promise<void> {
    try {
      await this.ensureLoaded();
    } catch (error) {
      this.initialLoad = null;
      this.options.log?.warn({ err: error }, 'geography not loaded yet; will retry on first use');
    }
    if (this.options.database) {
      try {
        await this.options.database.listen(GEO_CHANGED_CHANNEL, (payload) => this.onNotification(payload));
      } catch (error) {
        this.options.log?.warn({ err: error }, 'cannot listen for geography changes');
      }
    }
    const interval = this.options.pollIntervalMs ?? 30_000;
    if (interval > 0) {
      this.pollTimer = setInterval(() => void this.checkFingerprints(), interval);
      this.pollTimer.unref();
    }
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.pollTimer);
    for (const timer of this.debounceTimers.values()) clearTimeout(timer);
  }

  get stats() {
    return {
      neighborhoods: this.locator.size,
      addressPoints: this.addresses.pointCount,
      streets: this.addresses.streetCount,
    };
  }

  locatePoint(lat: number, lon: number): PointLocation {
    if (this.locator.size === 0) {
      return { neighborhood: null, reason: 'No neighborhood boundaries are loaded.' };
    }
    const neighborhood = this.locator.locate(lat, lon);
    if (neighborhood) return { neighborhood };
    return { neighborhood: null, reason: 'The point is outside every active neighborhood.' };
  }

  async geocode(address: string): Promise<GeocodeResult> {
    if (!this.initialLoad) await this.ensureLoaded();
    else await this.initialLoad;
    const normalized = normalizeAddress(address);
    if (!normalized) {
      return {
        match: null,
        neighborhood: null,
        candidates: [],
        normalized: null,
        reason: 'The text could not be read as a street address.',
      };
    }
    const key = addressKeyOf(normalized);
    const { match, candidates } = this.addresses.lookup(normalized);
    if (!match) {
      const reason =
        this.addresses.pointCount === 0
          ? 'No address points are loaded.'
          : candidates.length > 0
            ? 'No address point or street matches; the candidates are the closest streets.'
            : 'No address point or street matches.';
      return { match, neighborhood: null, candidates, normalized: key, reason };
    }
    const location = this.locatePoint(match.lat, match.lon);
    return {
      match,
      neighborhood: location.neighborhood,
      candidates,
      normalized: key,
      ...(location.reason ? { reason: location.reason } : {}),
    };
  }

  /**
   * A location as the public and open data may see it: the hundred-block ('700 block of Main St')
   * with a point for the block, never the house. From the address when it is on a known street,
   * else from the nearest address point to the coordinates. Null when neither says where: callers
   * then show no location at all rather than the exact one. Uses the index as loaded (no wait).
   */
  generalise(location: {
    address?: string | null;
    lat?: number | null;
    lon?: number | null;
  }): HundredBlock | null {
    const normalized = location.address ? normalizeAddress(location.address) : null;
    const byAddress = normalized ? this.addresses.hundredBlock(normalized) : null;
    if (byAddress) return byAddress;
    if (typeof location.lat === 'number' && typeof location.lon === 'number') {
      return this.addresses.hundredBlockNear(location.lat, location.lon);
    }
    return null;
  }

  /**
   * After a committed change: reload here before the caller answers, then tell every other instance.
   */
  async changed(kind: GeoChangeKind): Promise<void> {
    await this.reload(kind);
    if (!this.options.database) return;
    try {
      await this.options.database.notify(
        GEO_CHANGED_CHANNEL,
        JSON.stringify({ kind, origin: this.instanceId }),
      );
    } catch (error) {
      // The other instances still catch up through their fingerprint check.
      this.options.log?.warn({ err: error }, 'cannot announce a geography change');
    }
  }

  /** Reloads one index. A reload asked for while one runs is queued once more after it (it may have read too early). */
  reload(kind: GeoChangeKind): Promise<void> {
    const current = this.running.get(kind);
    if (current) {
      let next = this.queued.get(kind);
      if (!next) {
        next = current
          .catch(() => {})
          .then(() => {
            this.queued.delete(kind);
            return this.reload(kind);
          });
        this.queued.set(kind, next);
      }
      return next;
    }
    const load = this.load(kind).finally(() => this.running.delete(kind));
    this.running.set(kind, load);
    return load;
  }

  private ensureLoaded(): Promise<void> {
    this.initialLoad ??= Promise.all([this.reload('boundaries'), this.reload('addresses')]).then(() => {});
    return this.initialLoad.catch((error) => {
      this.initialLoad = null;
      throw error;
    });
  }

  private async load(kind: GeoChangeKind): Promise<void> {
    const started = Date.now();
    const fingerprints = await geographyFingerprints(this.options.db);
    if (kind === 'boundaries') {
      this.locator = new NeighborhoodLocator(await loadLocatableNeighborhoods(this.options.db));
      this.fingerprints.boundaries = fingerprints.boundaries;
    } else {
      this.addresses = new AddressIndex(await loadAddressPointRecords(this.options.db));
      this.fingerprints.addresses = fingerprints.addresses;
    }
    this.options.log?.debug({ kind, ms: Date.now() - started, ...this.stats }, 'geography loaded');
  }

  private onNotification(payload: string): void {
    if (this.stopped) return;
    let message: { kind?: unknown; origin?: unknown };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.origin === this.instanceId) return;
    const kinds: GeoChangeKind[] =
      message.kind === 'boundaries' || message.kind === 'addresses'
        ? [message.kind]
        : ['boundaries', 'addresses'];
    for (const kind of kinds) this.scheduleReload(kind);
  }

  private scheduleReload(kind: GeoChangeKind): void {
    if (this.debounceTimers.has(kind)) return;
    const timer = setTimeout(() => {
      this.debounceTimers.delete(kind);
      if (this.stopped) return;
      this.reload(kind).catch((error) =>
        this.options.log?.warn({ err: error, kind }, 'geography reload failed'),
      );
    }, this.options.debounceMs ?? 50);
    timer.unref();
    this.debounceTimers.set(kind, timer);
  }

  private async checkFingerprints(): Promise<void> {
    if (this.stopped) return;
    try {
      const now = await geographyFingerprints(this.options.db);
      if (now.boundaries !== this.fingerprints.boundaries) this.scheduleReload('boundaries');
      if (now.addresses !== this.fingerprints.addresses) this.scheduleReload('addresses');
    } catch {
      // The database is away; the next check tries again.
    }
  }
}
