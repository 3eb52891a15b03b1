import type { OutboxChannel } from '../../db/schema/index.ts';

/**
 * One message, ready for a channel. `to` is the address the channel uses (an e-mail address, later a
 * phone number); it is personal data and never logged or stored by the outbox.
 */
export interface OutgoingMessage {
  to: string;
  subject: string;
  /** The plain-text body; an SMS transport sends `shortText` instead. */
  text: string;
  html?: string;
  /** One line with the essential fact and a link, for channels that carry little text (SMS). */
  shortText: string;
  /** Extra headers (List-Unsubscribe …); channels that have none ignore them. */
  headers?: Record<string, string>;
  /** Stable per outbox row: a resend after a crash carries the same id, so it can be recognised. */
  messageId: string;
  /** For the log only: what kind of message this is (never who it is for). */
  kind: string;
}

/** A refusal that retrying will not change (no such mailbox, bad address): the outbox gives up at once. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/**
 * Sends messages on one channel. Throwing means "not sent, try again later" and the outbox retries
 * with backoff; throwing PermanentDeliveryError marks the delivery failed at once. An SMS transport
 * (a provider's HTTP API) implements this same interface: a `send` that POSTs `to` and `shortText` to
 * the provider, throwing on a 5xx or timeout (retried) and PermanentDeliveryError on a refused number.
 * It is registered next to e-mail in index.ts (`transports.sms`); delivery.ts already reads the phone
 * number for 'sms' (addressFor), and the outbox, retries and producers stay as they are.
 */
export interface NotificationTransport {
  readonly channel: OutboxChannel;
  send(message: OutgoingMessage): Promise<void>;
  close?(): Promise<void>;
}

/**
 * The in-app inbox: the notification row is already what the user reads, so delivering it only marks
 * it delivered. It exists so the outbox path is the same for every channel.
 */
export const inAppTransport: NotificationTransport = {
  channel: 'in_app',
  async send() {},
};
