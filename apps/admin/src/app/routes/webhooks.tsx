import { WebhooksAdmin } from '../../features/webhooks/components/webhooks-admin';

export function WebhooksRoute() {
  return <WebhooksAdmin />;
}
