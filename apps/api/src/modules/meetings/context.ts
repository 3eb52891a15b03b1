import type { Role } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { requireUser } from '../../lib/access.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { callerAssignments } from '../assignments/caller-assignments.ts';
import { type AuditActor, actorFromRequest } from '../audit/audit-log.ts';

/** Who is calling, as far as meetings care: roles, and the neighborhoods they lead right now. */
export interface MeetingCaller {
  userId: string;
  roles: readonly Role[];
  personnelId: string | null;
  ledNeighborhoodIds: readonly string[];
}

export interface MeetingsContext {
  db: Executor;
  actor: AuditActor;
  /** The caller's display name, for timelines of other domains (a SARA case started here). */
  actorName: string;
  caller: MeetingCaller;
  /** The department's time zone: meetings default to it; "overdue" is judged by its calendar. */
  timeZone: string;
  /** Places an address; null when it does not match (the address is then kept as typed). */
  geocode(address: string): Promise<{ lat: number; lon: number } | null>;
  /** Drops cached public meeting replies on every instance after a change commits. */
  announcePublicChange(): Promise<void>;
}

export async function meetingsContext(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<MeetingsContext> {
  const user = requireUser(request);
  const assigned = await callerAssignments(app.database.db, user.id);
  return {
    db: app.database.db,
    actor: actorFromRequest(request),
    actorName: user.name,
    caller: {
      userId: user.id,
      roles: user.roles,
      personnelId: assigned.personnelId,
      ledNeighborhoodIds: assigned.ledNeighborhoodIds,
    },
    timeZone: app.meetingsTimeZone,
    geocode: async (address) => {
      const result = await app.geo.geocode(address);
      return result.match && result.match.quality !== 'none'
        ? { lat: result.match.lat, lon: result.match.lon }
        : null;
    },
    announcePublicChange: () => app.publicCache.announce('meetings'),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    meetingsTimeZone: string;
  }
}

const isCommand = (caller: MeetingCaller) =>
  caller.roles.includes('admin') || caller.roles.includes('supervisor');

/**
 * Planning a meeting (time, place, agenda, cancelling): the neighborhood's own lieutenant,
 * supervisors and admins (product.md: a lieutenant runs their own neighborhood's meetings).
 */
export function canPlan(caller: MeetingCaller, neighborhoodId: string): boolean {
  return (
    isCommand(caller) ||
    (caller.roles.includes('lieutenant') && caller.ledNeighborhoodIds.includes(neighborhoodId))
  );
}

/** Recording what happened (minutes, attendance, problems, action items): planners and outreach staff. */
export function canRecord(caller: MeetingCaller, neighborhoodId: string): boolean {
  return canPlan(caller, neighborhoodId) || caller.roles.includes('staff');
}

export function assertCanPlan(caller: MeetingCaller, neighborhoodId: string): void {
  if (!canPlan(caller, neighborhoodId))
    throw new ForbiddenError(
      "Only the neighborhood's coordination lieutenant, a supervisor or an admin plans this neighborhood's meetings.",
    );
}

export function assertCanRecord(caller: MeetingCaller, neighborhoodId: string): void {
  if (!canRecord(caller, neighborhoodId))
    throw new ForbiddenError(
      "Minutes, problems and action items are recorded by outreach staff, the neighborhood's lieutenant, supervisors and admins.",
    );
}
