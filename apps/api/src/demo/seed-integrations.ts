import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { apiClients, apiClientUsage, webhookSubscriptions } from '../db/schema/index.ts';
import { withTransaction } from '../db/transaction.ts';
import { hashSecret } from '../lib/hash-secret.ts';
import { newWebhookSecret } from '../modules/webhooks/signing.ts';

/**
 * The town's integrations as an administrator would find them: the town website and the 311 app
 * (keys unknown: a real deployment creates its own and sees each once), a month of their usage, and
 * the CRM's webhook, paused so a laptop without internet does not keep retrying it.
 */
export async function seedDemoIntegrations(db: Database, adminUserId: string | undefined) {
  const [existing] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(apiClients)
    .where(sql`${apiClients.name} like '%(demo)'`);
  if ((existing?.count ?? 0) > 0) return { apiClients: 0, webhooks: 0 };
  return withTransaction(db, async (tx) => {
    const clients = await tx
      .insert(apiClients)
      .values(
        [
          {
            name: 'Town website (demo)',
            scopes: ['open311', 'public:read'],
            rateLimitPerMinute: null,
            daily: 420,
          },
          { name: 'EH 311 app (demo)', scopes: ['open311'], rateLimitPerMinute: 120, daily: 160 },
        ].map(({ daily: _daily, ...client }) => {
          const key = `nsp_${randomBytes(30).toString('base64url')}`;
          return {
            ...client,
            keyHash: hashSecret(key),
            keyPrefix: key.slice(0, 10),
            createdBy: adminUserId ?? null,
            lastUsedAt: new Date(Date.now() - 7 * 60_000),
          };
        }),
      )
      .returning({ id: apiClients.id, name: apiClients.name });
    const rows = clients.flatMap((client, index) =>
      Array.from({ length: 30 }, (_, daysAgo) => ({
        clientId: client.id,
        day: new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10),
        // Weekdays busier than weekends, with some day-to-day variation.
        requests: Math.round((index === 0 ? 420 : 160) * (0.6 + ((daysAgo * 37) % 10) / 12)),
      })),
    );
    await tx.insert(apiClientUsage).values(rows);
    await tx.insert(webhookSubscriptions).values({
      url: 'https://crm.easthartfordct.gov/hooks/nsp',
      description: 'Town CRM (demo): request changes and SLA breaches',
      eventTypes: [
        'service_request.created',
        'service_request.status_changed',
        'service_request.public_update',
        'service_request.sla_breached',
      ],
      secret: newWebhookSecret(),
      ownerUserId: adminUserId ?? null,
      disabledAt: new Date(),
      disabledReason: 'Paused by an administrator.',
    });
    return { apiClients: clients.length, webhooks: 1 };
  });
}
