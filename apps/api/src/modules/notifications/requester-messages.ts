import type { RequesterNotice } from '@nsp/contracts';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { notificationOutbox, requesterMessages } from '../../db/schema/index.ts';

export type RequesterMessageKind = (typeof requesterMessages.$inferSelect)['kind'];
export type RequesterMessageOutcome = (typeof requesterMessages.$inferSelect)['outcome'];

/** The four languages requester e-mail is written in; anything else is answered in English. */
export const mailLanguages = ['en', 'es', 'pt', 'pl'] as const;
export type MailLanguage = (typeof mailLanguages)[number];

export function mailLanguageOf(preferred: string | null | undefined): MailLanguage {
  const base = (preferred ?? '').toLowerCase().split('-')[0];
  return (mailLanguages as readonly string[]).includes(base ?? '') ? (base as MailLanguage) : 'en';
}

/** What happens to a requester-facing event, decided when it happens. */
export function requesterMessageOutcome(request: {
  requesterEmail: string | null;
  requesterEmailUpdates: boolean;
}): RequesterMessageOutcome {
  if (!request.requesterEmail) return 'no_email';
  if (!request.requesterEmailUpdates) return 'no_consent';
  return 'queued';
}

export interface RequesterMessageInput {
  requestId: string;
  eventId: number;
  kind: RequesterMessageKind;
  requesterEmail: string | null;
  requesterEmailUpdates: boolean;
  requesterLanguage: string | null;
}

/**
 * Records a requester-facing event (acknowledgement, public update, resolution) and, when the requester
 * has an address and consented, queues its e-mail, in ONE statement of the caller's transaction: the
 * mail exists exactly when the event does. The address itself is not copied anywhere: the delivery reads
 * it from the request when it sends, so a withdrawn consent still stops a queued mail.
 */
export async function recordRequesterMessage(
  executor: Executor,
  input: RequesterMessageInput,
): Promise<RequesterNotice> {
  const outcome = requesterMessageOutcome(input);
  const language = mailLanguageOf(input.requesterLanguage);
  await executor.execute(sql`
    with message as (
      insert into ${requesterMessages} (request_id, event_id, kind, language, outcome)
      values (${input.requestId}, ${input.eventId}, ${input.kind}, ${language}, ${outcome})
      on conflict (event_id) do nothing
      returning id, outcome
    )
    insert into ${notificationOutbox} (requester_message_id, channel)
    select id, 'email' from message where outcome = 'queued'`);
  return noticeOf({ outcome, language, status: outcome === 'queued' ? 'pending' : null, deliveredAt: null });
}

/** What the staff see of one requester message: sent, failed, waiting or not sent (and why). */
export function noticeOf(row: {
  outcome: RequesterMessageOutcome;
  language: string;
  status: string | null;
  deliveredAt: Date | null;
  lastError?: string | null;
}): RequesterNotice {
  if (row.outcome !== 'queued') {
    return { channel: null, status: 'not_sent', reason: row.outcome, language: row.language, sentAt: null };
  }
  switch (row.status) {
    case 'delivered':
      return {
        channel: 'email',
        status: 'sent',
        reason: null,
        language: row.language,
        sentAt: row.deliveredAt?.toISOString() ?? null,
      };
    case 'failed':
      return { channel: 'email', status: 'failed', reason: null, language: row.language, sentAt: null };
    case 'skipped':
      return {
        channel: null,
        status: 'not_sent',
        // Skipped at send time: the requester unsubscribed, or the address was removed, after queueing.
        reason: row.lastError === 'no_email' ? 'address_removed' : 'unsubscribed',
        language: row.language,
        sentAt: null,
      };
    default:
      return { channel: 'email', status: 'pending', reason: null, language: row.language, sentAt: null };
  }
}

/** Events the requester is (or would be) written to about. */
export function isRequesterFacing(event: { kind: string; visibility: string; after: unknown }): boolean {
  if (event.kind === 'created') return true;
  if (event.kind === 'note') return event.visibility === 'public';
  if (event.kind === 'status_changed') {
    const after = event.after as { status?: unknown } | null;
    return after?.status === 'resolved';
  }
  return false;
}

/** The notice shown for a requester-facing event that has no message row: it predates e-mail updates. */
export const predatesEmailNotice: RequesterNotice = {
  channel: null,
  status: 'not_sent',
  reason: 'predates_email',
  language: null,
  sentAt: null,
};
