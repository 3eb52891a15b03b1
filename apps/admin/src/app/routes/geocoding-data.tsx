import { JurisdictionPage } from '../../features/geocoding-data/components/jurisdiction-page';
import { PlacesPage } from '../../features/geocoding-data/components/places-page';

export function PlacesRoute() {
  return <PlacesPage />;
}

export function JurisdictionRoute() {
  return <JurisdictionPage />;
}
