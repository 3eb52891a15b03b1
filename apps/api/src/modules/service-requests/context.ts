import type { GeocodeQuality } from '@nsp/contracts';
import type { Database } from '../../db/client.ts';
import type { Principal } from '../../lib/access.ts';
import type { AuditActor } from '../audit/audit-log.ts';
import type { ServiceCatalog } from '../service-types/catalog.ts';

/**
 * Who is acting, for the audit log and the timeline. The timeline keeps the name as it was then (the
 * user's or API client's name, or the job's: "SLA monitor"), so every event says who without a lookup.
 */
export interface RequestActor extends AuditActor {
  name: string;
}

export interface NeighborhoodRef {
  id: string;
  code: string;
  name: string;
}

/** One definition: the geocoder's qualities (contracts). */
export type MatchQuality = GeocodeQuality;

/**
 * What intake needs from geocoding (app.geo): an address to a point and its neighborhood, or a point
 * to its neighborhood. Declared here so the service can be tested and used without the plugin.
 */
export interface RequestLocator {
  geocode(address: string): Promise<{
    match: { address: string; lat: number; lon: number; quality: MatchQuality } | null;
    neighborhood: NeighborhoodRef | null;
    candidates: Array<{ address: string; lat: number; lon: number; score: number }>;
  }>;
  locatePoint(
    lat: number,
    lon: number,
  ):
    | Promise<{ neighborhood: NeighborhoodRef | null; reason?: string }>
    | { neighborhood: NeighborhoodRef | null; reason?: string };
}

/** A change worth telling open screens about (no personal data: it goes to every staff screen). */
export interface RequestChange {
  type:
    | 'service_request.created'
    | 'service_request.updated'
    | 'service_request.status_changed'
    | 'service_request.note_added'
    | 'service_request.merged';
  id: string;
  neighborhoodId: string | null;
  status: string;
}

export interface ServiceRequestsContext {
  db: Database;
  actor: RequestActor;
  principal: Principal;
  catalog: ServiceCatalog;
  locator: RequestLocator;
  now: () => Date;
  /** Called after a change has committed (live updates); must not throw. */
  announce: (change: RequestChange) => void;
}
