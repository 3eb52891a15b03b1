import { PublicTextsPage } from '../../features/public-texts/components/public-texts-page';

export function PublicTextsRoute() {
  return <PublicTextsPage />;
}
