/**
 * The geocoding module's public surface. Other modules use `app.geo` (decorated by geoPlugin):
 *   await app.geo.geocode('12 burnside av apt 3') → { match, neighborhood, candidates, normalized, jurisdiction, reason? }
 *   await app.geo.reverse(lat, lon)               → { address, street, hundredBlock, neighborhood, reason? }
 *   app.geo.locatePoint(lat, lon)                 → { neighborhood: { id, code, name } | null, reason? }
 *   app.geo.generalise({ address, lat, lon })     → { label: '700 block of Main St', lat, lon, … } | null
 * All read in-memory indexes that every instance reloads when boundaries, address points, places or
 * the jurisdiction's names change (`app.geo.changed(kind)` after a committed change).
 */
export { addressKeyOf, type HundredBlock } from './address-index.ts';
export { type AddressImportContext, importAddressPoints } from './address-import.ts';
export { type AddressRowInput, rowsFromCsv, rowsFromFeatures } from './address-rows.ts';
export { Geocoder } from './geocoder.ts';
export { geoPlugin } from './geo-plugin.ts';
export {
  GEO_CHANGED_CHANNEL,
  type Geo,
  type GeoChangeKind,
  type GeocodeResult,
  GeoService,
  type PointLocation,
  type ReverseResult,
} from './geo-service.ts';
export { updateJurisdiction } from './jurisdiction-service.ts';
export { importPlaces } from './places-service.ts';
