import { z } from 'zod';
import { authErrorResponses, isoDateTimeSchema, problemSchema, uuidSchema } from './common.ts';
import { defineContract } from './route.ts';

const tags = ['notifications'] as const;

/**
 * What staff can be told about. `action_item_overdue` is queued daily by the meetings module (to the
 * owner of an open action item past its due date and the neighborhood's lieutenant).
 */
export const staffNotificationKinds = [
  'assigned',
  'sla_breached',
  'reassigned',
  'action_item_overdue',
  // Five failed logins in a row: the account's owner and the administrators are told.
  'account_locked',
  // A webhook subscription that kept failing was disabled: its owner is told.
  'webhook_disabled',
] as const;
export const staffNotificationKindSchema = z.enum(staffNotificationKinds);
export type StaffNotificationKind = z.infer<typeof staffNotificationKindSchema>;

/** Every kind a notification row can have: the staff kinds and the daily digest that bundles them. */
export const notificationKindValues = [...staffNotificationKinds, 'daily_digest'] as const;
export const notificationKindSchema = z.enum(notificationKindValues);

/**
 * Channels a person can choose per kind. A new channel (SMS) is one more value here plus a transport
 * in the API (modules/notifications/transport.ts); producers and the outbox do not change.
 */
export const notificationChannelValues = ['in_app', 'email'] as const;
export const notificationChannelSchema = z.enum(notificationChannelValues);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

// ---- Inbox ---------------------------------------------------------------------------------------

export const inboxNotificationSchema = z
  .object({
    id: uuidSchema,
    kind: notificationKindSchema,
    title: z.string(),
    body: z.string(),
    entityType: z.string().nullable().describe('What it is about, e.g. service_request'),
    entityId: z.string().nullable(),
    urgent: z.boolean().describe('About a P1 request: e-mailed even in quiet hours'),
    createdAt: isoDateTimeSchema,
    readAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'InboxNotification' });
export type InboxNotification = z.infer<typeof inboxNotificationSchema>;

export const inboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true'))
    .describe('true: only unread ones'),
});

export const inboxPageSchema = z
  .object({
    items: z.array(inboxNotificationSchema).describe('Newest first'),
    nextCursor: z.string().nullable(),
    unreadCount: z.number().int(),
  })
  .meta({ id: 'InboxPage' });
export type InboxPage = z.infer<typeof inboxPageSchema>;

export const unreadCountSchema = z.object({ unreadCount: z.number().int() }).meta({ id: 'UnreadCount' });

export const markReadBodySchema = z
  .object({
    ids: z
      .array(uuidSchema)
      .min(1, 'needs at least one id')
      .max(500, 'at most 500 at once')
      .optional()
      .describe('These notifications of yours'),
    all: z.literal(true).optional().describe('Every unread notification of yours'),
  })
  .refine((body) => (body.ids === undefined) !== (body.all === undefined), {
    message: 'give either ids or all: true',
    path: ['ids'],
  });
export const markReadResultSchema = z.object({ marked: z.number().int(), unreadCount: z.number().int() });

// ---- Preferences -----------------------------------------------------------------------------------

const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour)');

export const notificationPreferenceSchema = z.object({
  kind: staffNotificationKindSchema,
  inApp: z.boolean(),
  email: z.boolean(),
});

export const notificationPreferencesSchema = z
  .object({
    userId: uuidSchema,
    preferences: z
      .array(notificationPreferenceSchema)
      .describe('One entry per kind; kinds never chosen show their defaults'),
    dailyDigest: z
      .boolean()
      .describe('Non-urgent e-mails are bundled into one e-mail a day at digestHour instead of one each'),
    digestHour: z.number().int().min(0).max(23).describe("Hour of the day (department's time zone)"),
    quietHours: z
      .object({ start: localTimeSchema, end: localTimeSchema })
      .nullable()
      .describe(
        "No e-mail between start and end (department's time zone; may span midnight) except about P1 requests; held ones go out when quiet hours end",
      ),
    version: z.number().int(),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const updateNotificationPreferencesBodySchema = z
  .object({
    preferences: z
      .array(notificationPreferenceSchema)
      .max(staffNotificationKinds.length)
      .refine((items) => new Set(items.map((item) => item.kind)).size === items.length, {
        message: 'lists a kind twice',
      })
      .optional(),
    dailyDigest: z.boolean().optional(),
    digestHour: z.number().int().min(0, 'must be 0-23').max(23, 'must be 0-23').optional(),
    quietHours: z
      .object({ start: localTimeSchema, end: localTimeSchema })
      .refine((hours) => hours.start !== hours.end, { message: 'start and end must differ', path: ['end'] })
      .nullable()
      .optional(),
    version: z.number().int().positive().optional().describe('The version you read; 412 when stale'),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), { message: 'nothing to change' });
export type UpdateNotificationPreferencesBody = z.input<typeof updateNotificationPreferencesBodySchema>;

// ---- Outbox (administration) ------------------------------------------------------------------------

export const outboxStatusValues = ['pending', 'delivered', 'failed', 'skipped', 'held'] as const;
export const outboxStatusSchema = z.enum(outboxStatusValues);

export const outboxDeliverySchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    status: outboxStatusSchema.describe(
      'pending (waiting or retrying), delivered, failed (gave up; can be retried), skipped (nothing to send to, or consent withdrawn), held (waiting for the daily digest)',
    ),
    attempts: z.number().int(),
    nextAttemptAt: isoDateTimeSchema,
    lastError: z.string().nullable().describe('The last transport error, without recipient addresses'),
    createdAt: isoDateTimeSchema,
    deliveredAt: isoDateTimeSchema.nullable(),
    audience: z.enum(['staff', 'requester']),
    kind: z.string().describe('Notification kind, or acknowledgement / public_update / resolution'),
    recipient: z
      .object({
        userId: uuidSchema.nullable(),
        name: z.string().nullable().describe("The staff member's name; null for requesters"),
        trackingNumber: z.string().nullable().describe("The request a requester's mail is about"),
      })
      .describe('Never a requester’s name or address'),
  })
  .meta({ id: 'OutboxDelivery' });
export type OutboxDelivery = z.infer<typeof outboxDeliverySchema>;

export const outboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
  status: outboxStatusSchema.optional(),
  channel: z.string().max(32).optional(),
  audience: z.enum(['staff', 'requester']).optional().describe('Mail to staff, or to requesters'),
});

export const outboxPageSchema = z.object({
  items: z.array(outboxDeliverySchema).describe('Newest first'),
  nextCursor: z.string().nullable(),
});

// ---- Requester links (public, token-protected) --------------------------------------------------------

const trackingParams = z.object({
  trackingNumber: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9-]+$/, 'must be a tracking number such as EH-2026-000123'),
});
const tokenQuery = z.object({
  token: z.string().min(1, 'is required').max(200).describe('The signed token from the e-mail'),
});
const formBody = z
  .object({
    'List-Unsubscribe': z.string().max(50).optional().describe('RFC 8058: "One-Click"'),
    comment: z.string().max(2000).optional(),
  })
  .loose()
  .optional();
const htmlPage = z.string().describe('An HTML page in the requester’s language');

export const unsubscribeResultSchema = z.object({
  trackingNumber: z.string(),
  emailUpdates: z.literal(false),
});
export const notFixedResultSchema = z.object({
  trackingNumber: z.string(),
  reopened: z.boolean().describe('false when it was already open again'),
  status: z.string(),
});

// ---- Contracts -----------------------------------------------------------------------------------

const idParams = z.object({ id: uuidSchema });
const userParams = z.object({ userId: uuidSchema });
const outboxParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be an outbox id') });
const ifMatch = z
  .object({ 'if-match': z.string().max(200).optional().describe('The ETag you read; 412 when stale') })
  .loose();

export const notificationsContracts = {
  inbox: defineContract({
    method: 'GET',
    path: '/api/v1/notifications',
    summary: 'My inbox: the in-app notifications for me, newest first, with the unread count',
    tags,
    querystring: inboxQuerySchema,
    responses: { 200: inboxPageSchema, ...authErrorResponses },
  }),
  unreadCount: defineContract({
    method: 'GET',
    path: '/api/v1/notifications/unread-count',
    summary: 'How many of my in-app notifications are unread',
    tags,
    responses: { 200: unreadCountSchema, ...authErrorResponses },
  }),
  markRead: defineContract({
    method: 'POST',
    path: '/api/v1/notifications/read',
    summary: 'Mark some (ids) or all of my notifications read',
    tags,
    body: markReadBodySchema,
    responses: { 200: markReadResultSchema, ...authErrorResponses },
  }),
  markOneRead: defineContract({
    method: 'POST',
    path: '/api/v1/notifications/:id/read',
    summary: 'Mark one of my notifications read',
    tags,
    params: idParams,
    responses: { 200: inboxNotificationSchema, ...authErrorResponses, 404: problemSchema },
  }),
  myPreferences: defineContract({
    method: 'GET',
    path: '/api/v1/me/notification-preferences',
    summary: 'What I am told about, and how (per kind: in-app, e-mail), digest and quiet hours',
    tags,
    responses: { 200: notificationPreferencesSchema, ...authErrorResponses },
  }),
  updateMyPreferences: defineContract({
    method: 'PATCH',
    path: '/api/v1/me/notification-preferences',
    summary: 'Change what I am told about and how',
    tags,
    headers: ifMatch,
    body: updateNotificationPreferencesBodySchema,
    responses: { 200: notificationPreferencesSchema, ...authErrorResponses, 412: problemSchema },
  }),
  userPreferences: defineContract({
    method: 'GET',
    path: '/api/v1/users/:userId/notification-preferences',
    summary: "A user's notification preferences (administrators)",
    tags,
    params: userParams,
    responses: { 200: notificationPreferencesSchema, ...authErrorResponses, 404: problemSchema },
  }),
  updateUserPreferences: defineContract({
    method: 'PATCH',
    path: '/api/v1/users/:userId/notification-preferences',
    summary: "Change a user's notification preferences (administrators)",
    tags,
    params: userParams,
    headers: ifMatch,
    body: updateNotificationPreferencesBodySchema,
    responses: {
      200: notificationPreferencesSchema,
      ...authErrorResponses,
      404: problemSchema,
      412: problemSchema,
    },
  }),
  outbox: defineContract({
    method: 'GET',
    path: '/api/v1/notification-outbox',
    summary: 'Deliveries (in-app, e-mail) with their status, attempts and last error (administrators)',
    tags,
    querystring: outboxQuerySchema,
    responses: { 200: outboxPageSchema, ...authErrorResponses },
  }),
  retryDelivery: defineContract({
    method: 'POST',
    path: '/api/v1/notification-outbox/:id/retry',
    summary: 'Try a failed or skipped delivery again now (administrators)',
    tags,
    params: outboxParams,
    responses: { 200: outboxDeliverySchema, ...authErrorResponses, 404: problemSchema, 409: problemSchema },
  }),
  unsubscribePage: defineContract({
    method: 'GET',
    path: '/api/v1/public/requests/:trackingNumber/unsubscribe',
    summary: 'The page behind the e-mail footer’s unsubscribe link: one button (a GET never unsubscribes)',
    tags: ['public'],
    params: trackingParams,
    querystring: tokenQuery,
    responses: { 200: htmlPage, 400: problemSchema, 403: problemSchema, 404: problemSchema },
  }),
  unsubscribe: defineContract({
    method: 'POST',
    path: '/api/v1/public/requests/:trackingNumber/unsubscribe',
    summary: 'One-click unsubscribe (RFC 8058): no more e-mail about this request',
    description:
      'The List-Unsubscribe URL of every requester e-mail. Takes `List-Unsubscribe=One-Click` as a form body (or nothing); the token in the URL is what authorises it. Answers an HTML page to a browser form and JSON otherwise.',
    tags: ['public'],
    params: trackingParams,
    querystring: tokenQuery,
    consumes: ['application/x-www-form-urlencoded', 'multipart/form-data'],
    body: formBody,
    responses: { 200: unsubscribeResultSchema, 400: problemSchema, 403: problemSchema, 404: problemSchema },
  }),
  notFixedPage: defineContract({
    method: 'GET',
    path: '/api/v1/public/requests/:trackingNumber/not-fixed',
    summary: 'The page behind the resolution e-mail’s "not fixed" link: a button and an optional comment',
    tags: ['public'],
    params: trackingParams,
    querystring: tokenQuery,
    responses: { 200: htmlPage, 400: problemSchema, 403: problemSchema, 404: problemSchema },
  }),
  notFixed: defineContract({
    method: 'POST',
    path: '/api/v1/public/requests/:trackingNumber/not-fixed',
    summary: 'The requester says the problem is not fixed: reopens it within the reopen window',
    tags: ['public'],
    params: trackingParams,
    querystring: tokenQuery,
    consumes: ['application/x-www-form-urlencoded', 'multipart/form-data'],
    body: formBody,
    responses: {
      200: notFixedResultSchema,
      400: problemSchema,
      403: problemSchema,
      404: problemSchema,
      409: problemSchema,
    },
  }),
};
