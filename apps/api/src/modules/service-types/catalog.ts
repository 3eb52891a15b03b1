import type { DatabaseHandle } from '../../db/client.ts';
import { serviceTypes } from '../../db/schema/index.ts';
import { type DeskSettings, loadDeskSettings } from './desk-settings.ts';

export type ServiceTypeRow = typeof serviceTypes.$inferSelect;

/** NOTIFY channel that tells every API instance the categories or settings changed. */
export const catalogChangedChannel = 'nsp_service_catalog_changed';

/**
 * Categories and service-desk settings, read on every intake and every due-time computation, kept in
 * memory. They change rarely (an administrator edits them) and every change is announced with NOTIFY,
 * so all instances drop their copy at once; the short lifetime is only a safety net for a missed
 * notification (e.g. while the LISTEN connection reconnects).
 */
export interface ServiceCatalog {
  readonly timeZone: string;
  readonly trackingPrefix: string;
  serviceType(code: string): Promise<ServiceTypeRow | undefined>;
  deskSettings(): Promise<DeskSettings>;
  /** Call after a change has COMMITTED: drops this instance's copy and tells the other instances. */
  changed(): Promise<void>;
}

export function createServiceCatalog(
  database: DatabaseHandle,
  options: { timeZone: string; trackingPrefix: string; lifetimeMs?: number },
): ServiceCatalog & { listen(onError: (error: Error) => void): Promise<void> } {
  const lifetimeMs = options.lifetimeMs ?? 30_000;
  // Bumped on every invalidation; a load that started before a bump does not store its (maybe stale) result.
  let generation = 0;
  let types: { loadedAt: number; byCode: Map<string, ServiceTypeRow> } | undefined;
  let settings: { loadedAt: number; value: DeskSettings } | undefined;

  const fresh = (loadedAt: number) => Date.now() - loadedAt < lifetimeMs;
  const dropLocal = () => {
    generation++;
    types = undefined;
    settings = undefined;
  };

  return {
    timeZone: options.timeZone,
    trackingPrefix: options.trackingPrefix,
    async serviceType(code) {
      if (types && fresh(types.loadedAt)) return types.byCode.get(code);
      const started = generation;
      const rows = await database.db.select().from(serviceTypes);
      const loaded = { loadedAt: Date.now(), byCode: new Map(rows.map((row) => [row.code, row])) };
      if (started === generation) types = loaded;
      return loaded.byCode.get(code);
    },
    async deskSettings() {
      if (settings && fresh(settings.loadedAt)) return settings.value;
      const started = generation;
      const value = await loadDeskSettings(database.db, options.timeZone);
      if (started === generation) settings = { loadedAt: Date.now(), value };
      return value;
    },
    async changed() {
      dropLocal();
      await database.notify(catalogChangedChannel, 'changed');
    },
    async listen(onError) {
      try {
        await database.listen(catalogChangedChannel, dropLocal);
      } catch (error) {
        // Without notifications the lifetime still bounds how stale a copy can be.
        onError(error as Error);
      }
    },
  };
}
