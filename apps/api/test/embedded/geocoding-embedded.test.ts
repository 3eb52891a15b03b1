import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { demoNeighborhoods } from '../../src/demo/east-hartford/neighborhoods.ts';
import { seedDemoGeography } from '../../src/demo/seed-geography.ts';
import { systemActor } from '../../src/modules/audit/audit-log.ts';
import { importAddressPoints } from '../../src/modules/geocoding/address-import.ts';
import { GeoService } from '../../src/modules/geocoding/geo-service.ts';
import { importBoundaries } from '../../src/modules/neighborhoods/boundary-import.ts';

/**
 * The geography on the embedded database (PGlite), as the no-setup demo runs it: the batched
 * address upsert, the boundary import's lock and the NOTIFY-driven reload must all work there too.
 */
let dataDir: string;
let database: DatabaseHandle;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nsp-geo-embedded-'));
  database = await openDatabase({ databaseUrl: undefined, dataDir });
  await applyMigrations(database);
});

afterAll(async () => {
  await database.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe('demo geography on PGlite', () => {
  it('loads the six demo neighborhoods and the demo address points, and geocodes the landmarks', async () => {
    const counts = await seedDemoGeography(database.db);
    expect(counts.neighborhoods).toBe(6);
    expect(counts.addressPoints).toBeGreaterThanOrEqual(5_000);
    expect(counts.addressPointsRejected).toBe(0);

    const geo = new GeoService({ db: database.db, database, pollIntervalMs: 0 });
    await geo.start();
    try {
      const townHall = await geo.geocode('740 Main St');
      expect(townHall.match?.quality).toBe('exact');
      expect(townHall.neighborhood).not.toBeNull();
      const headquarters = await geo.geocode('31 School Street, East Hartford CT 06108');
      expect(headquarters.match).toMatchObject({ address: '31 School St', quality: 'exact' });
      expect(headquarters.neighborhood).not.toBeNull();
      // The gazetteer (upserted through its alias trigger) and the jurisdiction's names, on PGlite too;
      // a second seed (the next start) updates the places in place and keeps the names.
      expect((await geo.geocode('Town Hall')).match).toMatchObject({ quality: 'place' });
      expect((await geo.geocode('31 School St, Hartford')).jurisdiction.status).toBe('outside');
      const again = await seedDemoGeography(database.db);
      expect(again.places).toBe(counts.places);
      expect((await geo.geocode('Main St & School St')).match?.quality).toBe('intersection');

      // Importing again updates in place (same keys), and a change announced over NOTIFY reaches
      // another service on the same database.
      const other = new GeoService({ db: database.db, database, pollIntervalMs: 0, debounceMs: 10 });
      await other.start();
      try {
        const result = await importAddressPoints(
          { db: database.db, actor: systemActor, onAddressesChanged: () => geo.changed('addresses') },
          [{ row: 2, address: '740 Main St', lat: 41.7661, lon: -72.6447 }],
          { source: 'csv' },
        );
        expect(result).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
        await expect
          .poll(async () => (await other.geocode('740 Main St')).match?.lat, { timeout: 2000, interval: 20 })
          .toBe(41.7661);
      } finally {
        other.stop();
      }

      // A dry run of the same six boundaries finds nothing to change.
      const report = await importBoundaries(
        { db: database.db, actor: systemActor, actorName: null, onGeographyChanged: async () => {} },
        demoNeighborhoods.features,
        { dryRun: true },
      );
      expect(report).toMatchObject({ canApply: true, invalidCount: 0, overlaps: [], gaps: [] });
      expect(report.existingCodes).toHaveLength(6);
    } finally {
      geo.stop();
    }
  });
});
