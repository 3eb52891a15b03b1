/** What a transport gets to deliver: the notification as its recipient will read it. */
export interface DeliverableNotification {
  id: string;
  recipientUserId: string;
  kind: string;
  title: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Delivers notifications on one channel. Throwing means "not delivered, try again later"; the outbox
 * retries with backoff. An e-mail or webhook transport implements this same interface.
 */
export interface NotificationTransport {
  readonly channel: 'in_app';
  deliver(notification: DeliverableNotification): Promise<void>;
}

/**
 * The in-app inbox: the notification row is already what the user reads, so delivering it only marks
 * it delivered. It exists so the outbox path is the same for every channel.
 */
export const inAppTransport: NotificationTransport = {
  channel: 'in_app',
  async deliver() {},
};
