import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  assignments,
  type BoundaryGeometry,
  neighborhoodBoundaries,
  neighborhoods,
  personnel,
} from '../../db/schema/index.ts';
import { Expiring, type PublicCache } from './public-cache.ts';

/** A person as the public may see them: the work contact only. */
export interface DirectoryPerson {
  name: string;
  title: string;
  phone: string | null;
  email: string | null;
}

export interface DirectoryNeighborhood {
  id: string;
  code: string;
  name: string;
  description: string;
  boundary: BoundaryGeometry | null;
  lieutenant: DirectoryPerson | null;
  members: Array<DirectoryPerson & { kind: 'nro' | 'cso' }>;
}

export interface Directory {
  /** Active neighborhoods, by code. */
  neighborhoods: DirectoryNeighborhood[];
  byId: Map<string, DirectoryNeighborhood>;
  byCode: Map<string, DirectoryNeighborhood>;
}

const DIRECTORY_KEY = 'public-directory';
/** A safety net only: the triggers on neighborhoods, boundaries, assignments and personnel drop it. */
const DIRECTORY_TTL_MS = 10 * 60_000;

/**
 * The active neighborhoods with their current boundary and who serves them now, in memory (topic
 * `neighborhoods`), so that listing neighborhoods, locate and the team answer without the database.
 * It expires on its own when a known assignment starts or ends (a reassignment effective tomorrow).
 */
export function loadDirectory(db: Database, cache: PublicCache): Promise<Directory> {
  return cache.get(DIRECTORY_KEY, { topics: ['neighborhoods'], ttlMs: DIRECTORY_TTL_MS }, async () => {
    const now = new Date();
    const rows = await db
      .select({
        id: neighborhoods.id,
        code: neighborhoods.code,
        name: neighborhoods.name,
        description: neighborhoods.description,
        boundary: neighborhoodBoundaries.geometry,
      })
      .from(neighborhoods)
      .leftJoin(
        neighborhoodBoundaries,
        and(
          eq(neighborhoodBoundaries.neighborhoodId, neighborhoods.id),
          isNull(neighborhoodBoundaries.validTo),
        ),
      )
      .where(eq(neighborhoods.status, 'active'))
      .orderBy(sql`upper(${neighborhoods.code})`);
    const ids = rows.map((row) => row.id);
    const serving =
      ids.length === 0
        ? []
        : await db
            .select({
              neighborhoodId: assignments.neighborhoodId,
              role: assignments.role,
              name: personnel.name,
              title: personnel.title,
              phone: personnel.phone,
              email: personnel.email,
              endsAt: assignments.endsAt,
            })
            .from(assignments)
            .innerJoin(personnel, eq(personnel.id, assignments.personnelId))
            .where(
              and(
                inArray(assignments.neighborhoodId, ids),
                inArray(assignments.role, ['coordination_lieutenant', 'nro', 'cso']),
                isNull(assignments.supersededBy),
                eq(personnel.active, true),
                lte(assignments.startsAt, now),
                or(isNull(assignments.endsAt), gt(assignments.endsAt, now)),
              ),
            )
            .orderBy(asc(personnel.name));
    // The next time who serves where changes by itself (an interval starting or ending).
    const changesAt = await nextAssignmentChange(db, now);
    const byId = new Map<string, DirectoryNeighborhood>();
    const byCode = new Map<string, DirectoryNeighborhood>();
    const list = rows.map((row) => {
      const entry: DirectoryNeighborhood = {
        id: row.id,
        code: row.code,
        name: row.name,
        description: row.description,
        boundary: row.boundary ?? null,
        lieutenant: null,
        members: [],
      };
      byId.set(row.id, entry);
      byCode.set(row.code.toUpperCase(), entry);
      return entry;
    });
    for (const person of serving) {
      const entry = byId.get(person.neighborhoodId);
      if (!entry) continue;
      const contact = { name: person.name, title: person.title, phone: person.phone, email: person.email };
      if (person.role === 'coordination_lieutenant') entry.lieutenant = contact;
      else if (person.role === 'nro' || person.role === 'cso')
        entry.members.push({ ...contact, kind: person.role });
    }
    return new Expiring({ neighborhoods: list, byId, byCode }, changesAt);
  });
}

/**
 * When the next known assignment starts or ends (epoch ms), or null: who serves a neighborhood
 * changes then without any write, so what was read from the assignments expires at that time.
 */
export async function nextAssignmentChange(db: Database, now: Date): Promise<number | null> {
  const [upcoming] = await db
    .select({
      at: sql<Date | null>`min(least(
        case when ${assignments.startsAt} > ${now} then ${assignments.startsAt} end,
        case when ${assignments.endsAt} > ${now} then ${assignments.endsAt} end))`,
    })
    .from(assignments)
    .where(isNull(assignments.supersededBy));
  return upcoming?.at ? new Date(upcoming.at).getTime() : null;
}
