import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

export const LIVE_EVENTS_CHANNEL = 'nsp_live_events';

export interface LiveEvent {
  type: string;
  entity: string;
  id: string;
  neighborhoodId?: string | null;
  status?: string;
}

/**
 * Announces a change to every API instance's SSE clients. NOTIFY inside a transaction is delivered
 * only when it commits, so listeners never see a change that was rolled back. Never put personal
 * data in an event: it goes to every staff screen.
 */
export async function publishLiveEvent(executor: Executor, event: LiveEvent): Promise<void> {
  const payload = JSON.stringify({ ...event, at: new Date().toISOString() });
  await executor.execute(sql`select pg_notify(${LIVE_EVENTS_CHANNEL}, ${payload})`);
}
