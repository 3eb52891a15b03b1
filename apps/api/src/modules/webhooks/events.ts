import type { WebhookEventType } from '@nsp/contracts';
import type { Executor } from '../../db/client.ts';
import { webhookEvents } from '../../db/schema/index.ts';

/**
 * Records an event for webhook subscribers in the caller's transaction (it exists exactly when the
 * change does). Request changes need no call: a trigger on request_events records them. SARA cases and
 * meetings call this when they change stage, or are scheduled or cancelled. `data` goes to third
 * parties as it is: ids, codes and public text only, never personal data.
 */
export async function recordWebhookEvent(
  executor: Executor,
  type: Exclude<WebhookEventType, 'webhook.test'>,
  data: Record<string, unknown>,
  occurredAt: Date = new Date(),
): Promise<void> {
  await executor.insert(webhookEvents).values({ type, data, occurredAt });
}
