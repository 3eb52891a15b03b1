import { ApiClientsAdmin } from '../../features/api-clients/components/api-clients-admin';

export function ApiClientsRoute() {
  return <ApiClientsAdmin />;
}
