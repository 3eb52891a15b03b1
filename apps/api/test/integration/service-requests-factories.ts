import { polygon, square as squareRing } from '../support/factories/index.ts';

/**
 * Kept for the service-request tests that still import it; the factories live in
 * ../support/factories/ (import from '../support/factories/index.ts' in new tests).
 */
export {
  createApiClient,
  createNeighborhood,
  createPerson,
  createRequest,
  createServiceType,
  fileRequest,
  hours,
  importAddresses,
  newRequest,
  offsetMeters,
  type TestNeighborhood,
  type Users,
  unique,
  usersByRole,
} from '../support/factories/index.ts';

/** The old shape: a Polygon of `size` degrees with its south-west corner at (lat, lon). */
export const square = (lat: number, lon: number, size = 0.02) => polygon(squareRing(lon, lat, size));
