import { sql } from 'drizzle-orm';
import { check, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn } from './columns.ts';
import { apiClients } from './identity.ts';
import { serviceRequests } from './service-requests.ts';

/**
 * What an Open311 POST brought besides the request itself: the client that filed it, the token a
 * client may poll (`tokens/{token}`) and the `media_url` it gave (served on GET).
 */
export const open311Requests = pgTable(
  'open311_requests',
  {
    requestId: uuid('request_id')
      .primaryKey()
      .references(() => serviceRequests.id),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id),
    token: text('token').notNull(),
    mediaUrl: text('media_url'),
    createdAt: createdAtColumn(),
  },
  (table) => [
    uniqueIndex('open311_requests_token_key').on(table.token),
    check(
      'open311_requests_media_url_check',
      sql`${table.mediaUrl} is null or ${table.mediaUrl} ~ '^https?://'`,
    ),
  ],
);
