import type { Database } from '../db/client.ts';
import { systemActor } from '../modules/audit/audit-log.ts';
import { importAddressPoints } from '../modules/geocoding/address-import.ts';
import { loadJurisdiction, updateJurisdiction } from '../modules/geocoding/jurisdiction-service.ts';
import { importPlaces } from '../modules/geocoding/places-service.ts';
import { importBoundaries } from '../modules/neighborhoods/boundary-import.ts';
import { demoNeighborhoods } from './east-hartford/neighborhoods.ts';
import { demoJurisdiction } from './east-hartford/jurisdiction.ts';
import { demoPlaces } from './east-hartford/places.ts';
import { generateDemoAddressPoints } from './east-hartford/streets.ts';

/**
 * Demo neighborhoods (six, covering East Hartford) and address points, loaded through the same
 * boundary import and batched address import a department uses for its own data. Runs before the API
 * starts, so the in-memory indexes load them at start; nothing needs to be told.
 */
export async function seedDemoGeography(db: Database): Promise<Record<string, number>> {
  const noticeNobody = async () => {};
  const boundaries = await importBoundaries(
    { db, actor: systemActor, actorName: 'Demo data', onGeographyChanged: noticeNobody },
    demoNeighborhoods.features,
    { dryRun: false },
  );
  const points = generateDemoAddressPoints();
  const addresses = await importAddressPoints(
    { db, actor: systemActor, onAddressesChanged: noticeNobody },
    points.map((point, index) => ({
      row: index,
      address: point.address,
      lat: point.lat,
      lon: point.lon,
    })),
    { source: 'demo' },
  );
  const places = await importPlaces(
    { db, actor: systemActor, onPlacesChanged: noticeNobody },
    demoPlaces(points).map((place, row) => ({ row, ...place })),
    { source: 'demo' },
  );
  // The administrator's own names are never overwritten by a later start.
  if ((await loadJurisdiction(db)).version === 0) {
    await updateJurisdiction(db, systemActor, demoJurisdiction, { kind: 'none' });
  }
  return {
    places: places.inserted + places.updated,
    neighborhoods: boundaries.newCodes.length + boundaries.existingCodes.length,
    addressPoints: addresses.inserted + addresses.updated,
    addressPointsRejected: addresses.rejected.length,
  };
}
