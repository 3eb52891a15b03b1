import type { RequesterRequests } from '@nsp/contracts';
import { and, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { nameKey, phoneDigits } from '../../db/requester-keys.ts';
import { serviceRequests as sr } from '../../db/schema/index.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { selectViews, toView } from './repo.ts';
import { mayFindByRequester, presentRequest, type Viewer } from './visibility.ts';

const MAX_OTHER_REQUESTS = 20;

/**
 * The same caller's other requests, for the request page ("she called twice before about this").
 * Matched on the strongest contact the request has: the phone number (compared as digits, however it
 * was written), else the e-mail address, else the exact name (accents and case ignored). Staff only:
 * the list is found through personal data.
 */
export async function findRequesterRequests(
  executor: Executor,
  viewer: Viewer,
  id: string,
  now: Date,
): Promise<RequesterRequests> {
  if (!mayFindByRequester(viewer))
    throw new ForbiddenError('Your role may not look requests up by their requester.');
  const [request] = await executor
    .select({ name: sr.requesterName, email: sr.requesterEmail, phone: sr.requesterPhone })
    .from(sr)
    .where(eq(sr.id, id))
    .limit(1);
  if (!request) throw new NotFoundError(`No service request ${id}.`);

  let matchedBy: RequesterRequests['matchedBy'] = null;
  let same: SQL | undefined;
  if (request.phone && request.phone.replace(/\D/g, '').length >= 7) {
    matchedBy = 'phone';
    same = and(
      sql`${sr.requesterPhone} is not null`,
      sql`${phoneDigits(sr.requesterPhone)} = ${phoneDigits(sql`${request.phone}::text`)}`,
    );
  } else if (request.email) {
    matchedBy = 'email';
    same = eq(sr.requesterEmail, request.email);
  } else if (request.name) {
    matchedBy = 'name';
    same = sql`${nameKey(sr.requesterName)} = ${nameKey(sql`${request.name}::text`)}`;
  }
  if (!same) return { matchedBy: null, items: [] };
  const rows = await selectViews(executor)
    .where(and(same, ne(sr.id, id)))
    .orderBy(desc(sr.createdAt), desc(sr.id))
    .limit(MAX_OTHER_REQUESTS);
  return { matchedBy, items: rows.map((row) => presentRequest(toView(row), viewer, now)) };
}
