import { demoNeighborhoods } from '../../src/demo/east-hartford/neighborhoods.ts';
import { demoPlaces } from '../../src/demo/east-hartford/places.ts';
import { demoJurisdiction } from '../../src/demo/east-hartford/jurisdiction.ts';
import { generateDemoAddressPoints } from '../../src/demo/east-hartford/streets.ts';
import {
  AddressIndex,
  type AddressPointRecord,
  addressKeyOf,
} from '../../src/modules/geocoding/address-index.ts';
import { normalizeAddress } from '../../src/modules/geocoding/address-normalizer.ts';
import { Geocoder } from '../../src/modules/geocoding/geocoder.ts';
import { JurisdictionRules } from '../../src/modules/geocoding/jurisdiction.ts';
import { PlaceIndex } from '../../src/modules/geocoding/places-index.ts';
import { NeighborhoodLocator } from '../../src/modules/neighborhoods/neighborhood-locator.ts';

/** An address point as the import stores it (normalised key, street, number). */
export function addressRecord(address: string, lat: number, lon: number): AddressPointRecord {
  const normalized = normalizeAddress(address);
  if (!normalized) throw new Error(`unreadable test address ${address}`);
  return {
    addressKey: addressKeyOf(normalized),
    address,
    street: normalized.street,
    houseNumberValue: normalized.houseNumberValue,
    lat,
    lon,
  };
}

/** The geocoder over the demo data exactly as the demo seed loads it, in memory (no database). */
export function demoGeocoder(options: { withJurisdiction?: boolean } = {}) {
  const points = generateDemoAddressPoints();
  const addresses = new AddressIndex(points.map((p) => addressRecord(p.address, p.lat, p.lon)));
  const places = new PlaceIndex(
    demoPlaces(points).map((place, index) => ({ id: `place-${index}`, ...place })),
  );
  const jurisdiction =
    options.withJurisdiction === false ? JurisdictionRules.none : new JurisdictionRules(demoJurisdiction);
  const locator = new NeighborhoodLocator(
    demoNeighborhoods.features.map((f) => ({
      id: f.properties.code,
      code: f.properties.code,
      name: f.properties.name,
      geometry: f.geometry,
    })),
  );
  return { geocoder: new Geocoder(addresses, places, jurisdiction, locator), points, locator };
}
