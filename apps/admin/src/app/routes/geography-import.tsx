import { AddressImportPage } from '../../features/geography-import/components/address-import-page';
import { BoundaryImportPage } from '../../features/geography-import/components/boundary-import-page';

export function BoundaryImportRoute() {
  return <BoundaryImportPage />;
}

export function AddressImportRoute() {
  return <AddressImportPage />;
}
