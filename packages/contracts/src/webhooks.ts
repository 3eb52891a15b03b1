import { z } from 'zod';
import {
  authErrorResponses,
  isoDateTimeSchema,
  listOf,
  listQuerySchema,
  problemSchema,
  uuidSchema,
} from './common.ts';
import { defineContract } from './route.ts';

/**
 * What a subscription can ask for. Each delivery's body is
 * `{ "type": <one of these>, "timestamp": <ISO 8601>, "data": {…} }`, signed per Standard Webhooks.
 */
export const webhookEventTypes = [
  'service_request.created',
  'service_request.status_changed',
  'service_request.public_update',
  'service_request.assigned',
  'service_request.sla_breached',
  'sara_case.stage_changed',
  'meeting.scheduled',
  'meeting.cancelled',
  'webhook.test',
] as const;
export const webhookEventTypeSchema = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;
/** The types a subscription may choose (test events go to one subscription on request). */
export const subscribableWebhookEventTypes = webhookEventTypes.filter((type) => type !== 'webhook.test');

const webhookUrlSchema = z
  .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
  .max(2048, 'must be at most 2048 characters');

export const webhookSubscriptionSchema = z
  .object({
    id: uuidSchema,
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(webhookEventTypeSchema),
    active: z.boolean(),
    disabledAt: isoDateTimeSchema.nullable(),
    disabledReason: z.string().nullable(),
    ownerUserId: uuidSchema.nullable(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    pendingDeliveries: z.number().int(),
    failedDeliveries: z.number().int(),
    lastDeliveryAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'WebhookSubscription' });

export const createdWebhookSubscriptionSchema = webhookSubscriptionSchema.extend({
  secret: z
    .string()
    .describe('The signing secret (whsec_…), shown only in this reply: give it to the receiver’s verifier'),
});

const eventTypesSchema = z
  .array(z.enum(subscribableWebhookEventTypes as [string, ...string[]]))
  .min(1, 'needs at least one event type')
  .max(subscribableWebhookEventTypes.length);

export const createWebhookSubscriptionBodySchema = z
  .object({
    url: webhookUrlSchema,
    description: z.string().trim().max(500).optional(),
    eventTypes: eventTypesSchema,
  })
  .meta({
    examples: [
      {
        url: 'https://crm.easthartfordct.gov/hooks/nsp',
        description: 'Town CRM',
        eventTypes: ['service_request.created', 'service_request.status_changed'],
      },
    ],
  });

export const updateWebhookSubscriptionBodySchema = z
  .object({
    url: webhookUrlSchema.optional(),
    description: z.string().trim().max(500).optional(),
    eventTypes: eventTypesSchema.optional(),
    active: z.boolean().optional().describe('true re-enables a disabled subscription; false pauses it'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });

export const webhookDeliveryStateSchema = z.enum(['pending', 'succeeded', 'failed']);

export const webhookAttemptSchema = z.object({
  attemptedAt: isoDateTimeSchema,
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const webhookDeliverySchema = z
  .object({
    id: uuidSchema,
    subscriptionId: uuidSchema,
    eventId: z.string().describe('The webhook-id header: the same for every attempt of this event'),
    eventType: webhookEventTypeSchema,
    occurredAt: isoDateTimeSchema,
    state: webhookDeliveryStateSchema,
    attempts: z.number().int(),
    nextAttemptAt: isoDateTimeSchema.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: isoDateTimeSchema.nullable(),
    deliveredAt: isoDateTimeSchema.nullable(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookDeliveryDetailSchema = webhookDeliverySchema
  .extend({ payload: z.record(z.string(), z.unknown()), log: z.array(webhookAttemptSchema) })
  .meta({ id: 'WebhookDeliveryDetail' });

export const webhookDeliveriesQuerySchema = listQuerySchema.extend({
  state: webhookDeliveryStateSchema.optional(),
});

const idParams = z.object({ id: uuidSchema });
const errors = { ...authErrorResponses, 404: problemSchema };

export const webhooksContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/webhooks',
    summary: 'List webhook subscriptions',
    tags: ['webhooks'],
    querystring: listQuerySchema,
    responses: { 200: listOf(webhookSubscriptionSchema), ...authErrorResponses },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/webhooks',
    summary: 'Subscribe a URL to events; the reply shows the signing secret once',
    description:
      'Deliveries are POSTs signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: ' +
      'HMAC-SHA256 over "id.timestamp.body"), in order per subscription, retried with exponential backoff ' +
      'and jitter; the webhook-id is the event id, the same on every retry, so receivers drop duplicates.',
    tags: ['webhooks'],
    body: createWebhookSubscriptionBodySchema,
    responses: { 201: createdWebhookSubscriptionSchema, ...authErrorResponses },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/v1/webhooks/:id',
    summary: 'One webhook subscription',
    tags: ['webhooks'],
    params: idParams,
    responses: { 200: webhookSubscriptionSchema, ...errors },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/webhooks/:id',
    summary: 'Change, pause or re-enable a webhook subscription',
    tags: ['webhooks'],
    params: idParams,
    body: updateWebhookSubscriptionBodySchema,
    responses: { 200: webhookSubscriptionSchema, ...errors },
  }),
  remove: defineContract({
    method: 'DELETE',
    path: '/api/v1/webhooks/:id',
    summary: 'Delete a webhook subscription and its delivery log',
    tags: ['webhooks'],
    params: idParams,
    responses: { 204: z.null(), ...errors },
  }),
  deliveries: defineContract({
    method: 'GET',
    path: '/api/v1/webhooks/:id/deliveries',
    summary: "A subscription's delivery log, newest first",
    tags: ['webhooks'],
    params: idParams,
    querystring: webhookDeliveriesQuerySchema,
    responses: { 200: listOf(webhookDeliverySchema), ...errors },
  }),
  testSend: defineContract({
    method: 'POST',
    path: '/api/v1/webhooks/:id/test',
    summary: 'Send a webhook.test event to the subscription now and report the answer',
    tags: ['webhooks'],
    params: idParams,
    responses: { 200: webhookDeliveryDetailSchema, ...errors },
  }),
  delivery: defineContract({
    method: 'GET',
    path: '/api/v1/webhook-deliveries/:id',
    summary: 'One delivery with its payload and every attempt',
    tags: ['webhooks'],
    params: idParams,
    responses: { 200: webhookDeliveryDetailSchema, ...errors },
  }),
  replay: defineContract({
    method: 'POST',
    path: '/api/v1/webhook-deliveries/:id/replay',
    summary: 'Send a failed delivery again (same event id)',
    tags: ['webhooks'],
    params: idParams,
    responses: { 202: webhookDeliverySchema, ...errors, 409: problemSchema },
  }),
};

export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;
export type CreatedWebhookSubscription = z.infer<typeof createdWebhookSubscriptionSchema>;
export type CreateWebhookSubscriptionBody = z.input<typeof createWebhookSubscriptionBodySchema>;
export type UpdateWebhookSubscriptionBody = z.input<typeof updateWebhookSubscriptionBodySchema>;
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export type WebhookDeliveryDetail = z.infer<typeof webhookDeliveryDetailSchema>;
