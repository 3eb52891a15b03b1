import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import {
  assignments,
  neighborhoods,
  personnel,
  requestEvents,
  serviceRequests,
  serviceTypes,
  users,
} from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { type NewNotification, queueNotifications } from './notification-service.ts';

/**
 * How far back each run looks. Runs are every minute; the overlap makes a late-committing transaction
 * or a missed run harmless, and each notice's dedupe key makes looking twice harmless too.
 */
const lookBackMinutes = 15;

/**
 * The login of each neighborhood's coordination lieutenant at an instant (through the personnel record
 * linked to the login), for "SLA breaches in their neighborhoods". Lieutenants without a login, or
 * whose login is inactive, are left out.
 */
export async function neighborhoodLeadUserIds(
  executor: Executor,
  neighborhoodIds: readonly string[],
  at: Date,
): Promise<Map<string, string[]>> {
  const leads = new Map<string, string[]>();
  if (neighborhoodIds.length === 0) return leads;
  const rows = await queryRows<{ neighborhood_id: string; user_id: string }>(
    executor,
    sql`
    select a.neighborhood_id, p.user_id
    from ${assignments} a
    join ${personnel} p on p.id = a.personnel_id
    join ${users} u on u.id = p.user_id and u.active
    where a.neighborhood_id in (${sql.join(
      [...new Set(neighborhoodIds)].map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
      and a.role = 'coordination_lieutenant' and a.superseded_by is null
      and a.starts_at <= ${at.toISOString()}::timestamptz
      and (a.ends_at is null or a.ends_at > ${at.toISOString()}::timestamptz)`,
  );
  for (const row of rows)
    leads.set(row.neighborhood_id, [...(leads.get(row.neighborhood_id) ?? []), row.user_id]);
  return leads;
}

interface AssignmentEventRow {
  event_id: number;
  request_id: string;
  user_id: string;
  tracking_number: string;
  priority: string;
  status: string;
  category: string;
  neighborhood_name: string | null;
}

/**
 * "New assignment" notices: a request given to someone (at intake, routed to the neighborhood's
 * lieutenant, or later by staff, one at a time or in bulk) tells that person, through the login linked to
 * their personnel record. Not when they assigned it to themselves, not for requests already finished,
 * and not for the open work a lieutenant reassignment carries over (that is one "reassigned" notice).
 */
async function assignmentNotices(executor: Executor, now: Date): Promise<NewNotification[]> {
  const since = new Date(now.getTime() - lookBackMinutes * 60_000);
  const rows = await queryRows<AssignmentEventRow>(
    executor,
    sql`
    select e.id as event_id, r.id as request_id, p.user_id, r.tracking_number, r.priority, r.status,
      st.name->>'en' as category, n.name as neighborhood_name
    from ${requestEvents} e
    join ${serviceRequests} r on r.id = e.request_id
    join ${personnel} p on p.id::text = e.after->>'assigneeId'
    join ${users} u on u.id = p.user_id and u.active
    join ${serviceTypes} st on st.code = r.service_code
    left join ${neighborhoods} n on n.id = r.neighborhood_id
    where e.kind in ('created', 'assigned')
      and e.occurred_at > ${since.toISOString()}::timestamptz
      and e.occurred_at <= ${now.toISOString()}::timestamptz
      and coalesce(e.after->>'cause', '') <> 'lieutenant_reassignment'
      and not (e.actor_type = 'user' and e.actor_id = p.user_id::text)
      and r.assignee_id = p.id
      and r.status in ('new', 'triaged', 'assigned', 'in_progress')
    order by e.id
    limit 5000`,
  );
  return rows.map((row) => ({
    recipientUserId: row.user_id,
    kind: 'assigned',
    title: `New assignment: ${row.tracking_number} (${row.priority})`,
    body: `${row.category}${row.neighborhood_name ? ` in ${row.neighborhood_name}` : ''} is assigned to you.`,
    entityType: 'service_request',
    entityId: row.request_id,
    data: { requestId: row.request_id, trackingNumber: row.tracking_number, priority: row.priority },
    dedupeKey: `assigned:${row.event_id}`,
    urgent: row.priority === 'P1',
  }));
}

interface ReassignmentRow {
  assignment_id: string;
  neighborhood_name: string;
  starts_at: Date | string;
  incoming_user_id: string | null;
  incoming_name: string;
  outgoing_user_id: string | null;
  created_by: string | null;
}

/**
 * "Reassigned" notices: a new coordination-lieutenant interval tells the incoming lieutenant and the
 * outgoing one (whose interval ends when it starts), each through their login; not whoever made it.
 */
async function reassignmentNotices(executor: Executor, now: Date): Promise<NewNotification[]> {
  const since = new Date(now.getTime() - lookBackMinutes * 60_000);
  const rows = await queryRows<ReassignmentRow>(
    executor,
    sql`
    select a.id as assignment_id, n.name as neighborhood_name, a.starts_at, incoming.user_id as incoming_user_id,
      incoming.name as incoming_name, outgoing.user_id as outgoing_user_id, a.created_by
    from ${assignments} a
    join ${neighborhoods} n on n.id = a.neighborhood_id
    join ${personnel} incoming on incoming.id = a.personnel_id
    left join ${assignments} previous on previous.neighborhood_id = a.neighborhood_id
      and previous.role = 'coordination_lieutenant' and previous.superseded_by is null
      and previous.ends_at = a.starts_at and previous.id <> a.id
    left join ${personnel} outgoing on outgoing.id = previous.personnel_id
    where a.role = 'coordination_lieutenant' and a.superseded_by is null
      and a.created_at > ${since.toISOString()}::timestamptz
      and a.created_at <= ${now.toISOString()}::timestamptz
    limit 1000`,
  );
  const notices: NewNotification[] = [];
  for (const row of rows) {
    const when = new Date(row.starts_at).toISOString();
    const base = {
      kind: 'reassigned' as const,
      entityType: 'neighborhood_assignment',
      entityId: row.assignment_id,
      data: { assignmentId: row.assignment_id, startsAt: when },
    };
    if (row.incoming_user_id && row.incoming_user_id !== row.created_by) {
      notices.push({
        ...base,
        recipientUserId: row.incoming_user_id,
        title: `You are the coordination lieutenant of ${row.neighborhood_name}`,
        body: `From ${when} you lead ${row.neighborhood_name}; its open requests come to you.`,
        dedupeKey: `reassigned:${row.assignment_id}:incoming`,
      });
    }
    if (
      row.outgoing_user_id &&
      row.outgoing_user_id !== row.created_by &&
      row.outgoing_user_id !== row.incoming_user_id
    ) {
      notices.push({
        ...base,
        recipientUserId: row.outgoing_user_id,
        title: `Your assignment to ${row.neighborhood_name} ends`,
        body: `From ${when} ${row.incoming_name} is the coordination lieutenant of ${row.neighborhood_name}.`,
        dedupeKey: `reassigned:${row.assignment_id}:outgoing`,
      });
    }
  }
  return notices;
}

/**
 * Finds recent assignments and reassignments and queues their notices (each recipient's preferences
 * choose in-app and/or e-mail). Reading the record after the fact keeps every path that assigns
 * (intake, editing, bulk, reassignment) free of notification code; dedupe keys make overlapping and
 * concurrent runs harmless.
 */
export async function queueStaffNotices(db: Database, now: Date = new Date()): Promise<{ queued: number }> {
  return withTransaction(db, async (tx) => {
    const notices = [...(await assignmentNotices(tx, now)), ...(await reassignmentNotices(tx, now))];
    return { queued: await queueNotifications(tx, notices) };
  });
}
