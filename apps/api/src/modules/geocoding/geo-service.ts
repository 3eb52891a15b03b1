import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, DatabaseHandle } from '../../db/client.ts';
import { type LocatedNeighborhood, NeighborhoodLocator } from '../neighborhoods/neighborhood-locator.ts';
import { AddressIndex, type HundredBlock } from './address-index.ts';
import { normalizeAddress } from './address-normalizer.ts';
import { type GeocodeResult, Geocoder, type ReverseResult } from './geocoder.ts';
import { geographyFingerprints, loadAddressPointRecords, loadLocatableNeighborhoods } from './geo-repo.ts';
import { JurisdictionRules } from './jurisdiction.ts';
import { loadJurisdiction } from './jurisdiction-service.ts';
import { PlaceIndex } from './places-index.ts';
import { loadPlaceRecords } from './places-service.ts';

/** The NOTIFY channel every API instance listens on to reload its in-memory map and address index. */
export const GEO_CHANGED_CHANNEL = 'nsp_geo_changed';

export type GeoChangeKind = 'boundaries' | 'addresses' | 'places' | 'jurisdiction';
const GEO_CHANGE_KINDS: readonly GeoChangeKind[] = ['boundaries', 'addresses', 'places', 'jurisdiction'];

export type { GeocodeResult, ReverseResult };

export interface PointLocation {
  neighborhood: LocatedNeighborhood | null;
  reason?: string;
}

/** What other modules call (`app.geo`): service-request intake, locate, the public lookup. */
export interface Geo {
  geocode(address: string): Promise<GeocodeResult>;
  locatePoint(lat: number, lon: number): PointLocation;
  reverse(lat: number, lon: number): Promise<ReverseResult>;
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
  private places = PlaceIndex.empty;
  private jurisdiction = JurisdictionRules.none;
  private geocoder = new Geocoder(this.addresses, this.places, this.jurisdiction, this.locator);
  private readonly instanceId = randomUUID();
  private initialLoad: Promise<void> | null = null;
  private readonly running = new Map<GeoChangeKind, Promise<void>>();
  private readonly queued = new Map<GeoChangeKind, Promise<void>>();
  private readonly debounceTimers = new Map<GeoChangeKind, NodeJS.Timeout>();
  private pollTimer: NodeJS.Timeout | undefined;
  private fingerprints: Record<GeoChangeKind, string> = {
    boundaries: '',
    addresses: '',
    places: '',
    jurisdiction: '',
  };
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
      places: this.places.size,
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
    await this.loaded();
    return this.geocoder.geocode(address);
  }

  /** Reverse geocoding: the nearest building and street, the hundred-block and neighborhood. */
  async reverse(lat: number, lon: number): Promise<ReverseResult> {
    await this.loaded();
    return this.geocoder.reverse(lat, lon);
  }

  /** The current snapshot, for callers that want many lookups without awaiting each (benchmarks). */
  get current(): Geocoder {
    return this.geocoder;
  }

  private async loaded(): Promise<void> {
    if (!this.initialLoad) await this.ensureLoaded();
    else await this.initialLoad;
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
    const normalized = location.address
      ? normalizeAddress(location.address, { knownCities: this.jurisdiction.knownCities })
      : null;
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
    this.initialLoad ??= Promise.all(GEO_CHANGE_KINDS.map((kind) => this.reload(kind))).then(() => {});
    return this.initialLoad.catch((error) => {
      this.initialLoad = null;
      throw error;
    });
  }

  private async load(kind: GeoChangeKind): Promise<void> {
    const started = Date.now();
    const fingerprints = await geographyFingerprints(this.options.db);
    const db = this.options.db;
    if (kind === 'boundaries') this.locator = new NeighborhoodLocator(await loadLocatableNeighborhoods(db));
    else if (kind === 'addresses') this.addresses = new AddressIndex(await loadAddressPointRecords(db));
    else if (kind === 'places') this.places = new PlaceIndex(await loadPlaceRecords(db));
    else this.jurisdiction = new JurisdictionRules(await loadJurisdiction(db));
    this.fingerprints[kind] = fingerprints[kind];
    // One snapshot swapped in whole: a geocode in flight sees either the old data or the new.
    this.geocoder = new Geocoder(this.addresses, this.places, this.jurisdiction, this.locator);
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
    const kinds: readonly GeoChangeKind[] = GEO_CHANGE_KINDS.includes(message.kind as GeoChangeKind)
      ? [message.kind as GeoChangeKind]
      : GEO_CHANGE_KINDS;
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
      for (const kind of GEO_CHANGE_KINDS) {
        if (now[kind] !== this.fingerprints[kind]) this.scheduleReload(kind);
      }
    } catch {
      // The database is away; the next check tries again.
    }
  }
}
