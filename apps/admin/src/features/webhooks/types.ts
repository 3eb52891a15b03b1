import type {
  CreatedWebhookSubscription,
  CreateWebhookSubscriptionBody,
  subscribableWebhookEventTypes,
  UpdateWebhookSubscriptionBody,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookSubscription,
} from '@nsp/contracts';

export type {
  CreatedWebhookSubscription,
  CreateWebhookSubscriptionBody,
  UpdateWebhookSubscriptionBody,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookSubscription,
};
export type SubscribableEventType = (typeof subscribableWebhookEventTypes)[number];

/** Each event a subscription can ask for, in words an administrator can judge. */
export const WEBHOOK_EVENT_OPTIONS: ReadonlyArray<{ value: SubscribableEventType; label: string }> = [
  { value: 'service_request.created', label: 'Request created' },
  { value: 'service_request.status_changed', label: 'Request status changed' },
  { value: 'service_request.public_update', label: 'Public update posted' },
  { value: 'service_request.assigned', label: 'Request assigned' },
  { value: 'service_request.sla_breached', label: 'SLA breached' },
  { value: 'sara_case.stage_changed', label: 'SARA stage changed' },
  { value: 'meeting.scheduled', label: 'Meeting scheduled' },
  { value: 'meeting.cancelled', label: 'Meeting cancelled' },
];
