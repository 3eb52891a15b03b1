import type { Executor } from '../../src/db/client.ts';
import {
  type InsertServiceRequestOptions,
  insertServiceRequest as insertRequestRow,
} from './factories/index.ts';

/**
 * Kept for the personnel and assignment tests that still import it; the factories live in
 * ./factories/ (import from './factories/index.ts' in new tests).
 */
export { insertNeighborhood, insertPerson, insertServiceType } from './factories/index.ts';

/** The old shape: an assigned request by default, and only its id back. */
export async function insertServiceRequest(
  db: Executor,
  values: InsertServiceRequestOptions,
): Promise<string> {
  return (await insertRequestRow(db, { status: 'assigned', ...values })).id;
}
