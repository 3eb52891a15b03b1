import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { assignments, neighborhoods, personnel } from '../db/schema/index.ts';
import { withTransaction } from '../db/transaction.ts';
import { recordAudit, systemActor } from '../modules/audit/audit-log.ts';

type Kind = (typeof personnel.$inferInsert)['kind'];
type AssignmentRole = (typeof assignments.$inferInsert)['role'];

interface DemoPerson {
  key: string;
  name: string;
  title: string;
  badgeNumber: string | null;
  kind: Kind;
  active?: boolean;
  /** The demo login this person uses (see demoUsers in seed.ts). */
  loginEmail?: string;
  loginRole?: string;
}

/** Illustrative people: fictional names, 555 phone numbers, example.org e-mail addresses. */
const lieutenants: DemoPerson[] = [
  {
    key: 'lt-oconnell',
    name: "James O'Connell",
    title: 'Lieutenant',
    badgeNumber: '1108',
    kind: 'lieutenant',
  },
  {
    key: 'lt-kowalski',
    name: 'Maria Kowalski',
    title: 'Lieutenant',
    badgeNumber: '1123',
    kind: 'lieutenant',
    loginEmail: 'lieutenant@demo.example.org',
    loginRole: 'lieutenant',
  },
  { key: 'lt-rivera', name: 'Angela Rivera', title: 'Lieutenant', badgeNumber: '1131', kind: 'lieutenant' },
  { key: 'lt-nguyen', name: 'David Nguyen', title: 'Lieutenant', badgeNumber: '1146', kind: 'lieutenant' },
  { key: 'lt-brooks', name: 'Samuel Brooks', title: 'Lieutenant', badgeNumber: '1152', kind: 'lieutenant' },
  { key: 'lt-santos', name: 'Teresa Santos', title: 'Lieutenant', badgeNumber: '1167', kind: 'lieutenant' },
];
/** Held a neighborhood after the reorganisation and retired last year (the demo's reassignment). */
const formerLieutenant: DemoPerson = {
  key: 'lt-chen',
  name: 'Robert Chen',
  title: 'Lieutenant (retired)',
  badgeNumber: '1089',
  kind: 'lieutenant',
  active: false,
};
const sergeants: DemoPerson[] = [
  {
    key: 'sgt-reyes',
    name: 'Dana Reyes',
    title: 'Sergeant',
    badgeNumber: '1274',
    kind: 'sergeant',
    loginEmail: 'supervisor@demo.example.org',
    loginRole: 'supervisor',
  },
  { key: 'sgt-walsh', name: 'Michael Walsh', title: 'Sergeant', badgeNumber: '1288', kind: 'sergeant' },
  { key: 'sgt-patel', name: 'Priya Patel', title: 'Sergeant', badgeNumber: '1295', kind: 'sergeant' },
];
const nros: DemoPerson[] = [
  {
    key: 'nro-murphy',
    name: 'Kevin Murphy',
    title: 'Neighborhood Resource Officer',
    badgeNumber: '1402',
    kind: 'nro',
  },
  {
    key: 'nro-ortega',
    name: 'Luis Ortega',
    title: 'Neighborhood Resource Officer',
    badgeNumber: '1417',
    kind: 'nro',
  },
  {
    key: 'nro-carter',
    name: 'Emily Carter',
    title: 'Neighborhood Resource Officer',
    badgeNumber: '1421',
    kind: 'nro',
  },
  {
    key: 'nro-johnson',
    name: 'Marcus Johnson',
    title: 'Neighborhood Resource Officer',
    badgeNumber: '1436',
    kind: 'nro',
  },
  {
    key: 'nro-lee',
    name: 'Hannah Lee',
    title: 'Neighborhood Resource Officer',
    badgeNumber: '1448',
    kind: 'nro',
  },
  {
    key: 'nro-nowak',
    name: 'Tomasz Nowak',
    title: 'Neighborhood Resource Officer',
    badgeNumber: '1453',
    kind: 'nro',
  },
];
const csos: DemoPerson[] = [
  {
    key: 'cso-silva',
    name: 'Jordan Silva',
    title: 'Community Service Officer',
    badgeNumber: 'C-204',
    kind: 'cso',
    loginEmail: 'staff@demo.example.org',
    loginRole: 'staff',
  },
  {
    key: 'cso-pereira',
    name: 'Ana Pereira',
    title: 'Community Service Officer',
    badgeNumber: 'C-211',
    kind: 'cso',
  },
  {
    key: 'cso-costa',
    name: 'Beatriz Costa',
    title: 'Community Service Officer',
    badgeNumber: 'C-219',
    kind: 'cso',
  },
];
const officers: DemoPerson[] = [
  {
    key: 'ofc-fitzgerald',
    name: 'Ryan Fitzgerald',
    title: 'Patrol Officer',
    badgeNumber: '1511',
    kind: 'officer',
  },
  { key: 'ofc-adams', name: 'Nicole Adams', title: 'Patrol Officer', badgeNumber: '1526', kind: 'officer' },
];
const civilians: DemoPerson[] = [
  { key: 'civ-mills', name: 'Karen Mills', title: 'Crime Analyst', badgeNumber: null, kind: 'civilian' },
];

const everyone = [
  ...lieutenants,
  formerLieutenant,
  ...sergeants,
  ...nros,
  ...csos,
  ...officers,
  ...civilians,
];

function contactOf(person: DemoPerson, index: number) {
  const [first = '', ...rest] = person.name
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .split(' ');
  return {
    phone: `860-555-${String(110 + index).padStart(4, '0')}`,
    email: `${first[0]}${rest.join('')}@police.demo.example.org`,
  };
}

/** Midnight in the department's time zone is about 04:00-05:00 UTC; 05:00 keeps dates readable. */
const utcDay = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day, 5));

/**
 * Demo personnel and their assignments: a coordination lieutenant per demo neighborhood since the
 * reorganisation (January two years ago), one reassignment last June (a retirement), an NRO per
 * neighborhood, CSOs covering two neighborhoods each, and a couple of patrol officers. The demo
 * lieutenant, supervisor and staff logins are linked to their personnel records via `options.users`
 * (keyed by e-mail; a role key works too). Neighborhoods are read from the table (seeded before this
 * step); without any, only people are seeded. Does nothing when personnel already exist.
 */
export async function seedDemoStaff(
  db: Database,
  options: { users: Record<string, string> },
): Promise<Record<string, number>> {
  const [existing] = await db.select({ count: sql<number>`count(*)::int` }).from(personnel);
  if ((existing?.count ?? 0) > 0) return { personnel: 0, assignments: 0 };

  const loginOf = (person: DemoPerson) =>
    (person.loginEmail && options.users[person.loginEmail]) ||
    (person.loginRole && options.users[person.loginRole]) ||
    null;

  return withTransaction(db, async (tx) => {
    const inserted = await tx
      .insert(personnel)
      .values(
        everyone.map((person, index) => ({
          name: person.name,
          title: person.title,
          badgeNumber: person.badgeNumber,
          kind: person.kind,
          active: person.active ?? true,
          userId: loginOf(person),
          ...contactOf(person, index),
        })),
      )
      .returning();
    // Matched by name (unique among the demo people) rather than trusting RETURNING's row order.
    const idByName = new Map(inserted.map((row) => [row.name, row.id]));
    const idOf = new Map(everyone.map((person) => [person.key, idByName.get(person.name)!]));
    for (const row of inserted) {
      await recordAudit(tx, systemActor, {
        action: 'personnel.created',
        entityType: 'personnel',
        entityId: row.id,
        after: { name: row.name, kind: row.kind, userId: row.userId, source: 'demo' },
      });
    }

    const areas = await tx
      .select({ id: neighborhoods.id, code: neighborhoods.code })
      .from(neighborhoods)
      .where(eq(neighborhoods.status, 'active'))
      .orderBy(asc(neighborhoods.code));

    const year = new Date().getUTCFullYear();
    const reorganisation = utcDay(year - 2, 1, 1);
    const retirement = utcDay(year - 1, 6, 15);
    const plan: Array<{
      neighborhoodId: string;
      person: string;
      role: AssignmentRole;
      startsAt: Date;
      endsAt?: Date;
      reason: string;
    }> = [];
    areas.forEach((area, index) => {
      const lieutenant = lieutenants[index % lieutenants.length]!;
      if (index === 1) {
        plan.push({
          neighborhoodId: area.id,
          person: formerLieutenant.key,
          role: 'coordination_lieutenant',
          startsAt: reorganisation,
          endsAt: retirement,
          reason: 'Neighborhood policing reorganisation: 8 districts became 6 neighborhoods',
        });
        plan.push({
          neighborhoodId: area.id,
          person: lieutenant.key,
          role: 'coordination_lieutenant',
          startsAt: retirement,
          reason: `Lt. ${formerLieutenant.name} retired; Lt. ${lieutenant.name} takes over`,
        });
      } else {
        plan.push({
          neighborhoodId: area.id,
          person: lieutenant.key,
          role: 'coordination_lieutenant',
          startsAt: reorganisation,
          reason: 'Neighborhood policing reorganisation: 8 districts became 6 neighborhoods',
        });
      }
      plan.push({
        neighborhoodId: area.id,
        person: nros[index % nros.length]!.key,
        role: 'nro',
        startsAt: reorganisation,
        reason: 'Part-time NRO for the neighborhood',
      });
      plan.push({
        neighborhoodId: area.id,
        person: csos[Math.floor(index / 2) % csos.length]!.key,
        role: 'cso',
        startsAt: reorganisation,
        reason: 'Full-time CSO covering two neighborhoods',
      });
    });
    for (const [index, officer] of officers.entries()) {
      const area = areas[index * 3];
      if (!area) continue;
      plan.push({
        neighborhoodId: area.id,
        person: officer.key,
        role: 'officer',
        startsAt: utcDay(year - 1, 1, 1),
        reason: 'Directed patrol for recurring traffic complaints',
      });
    }

    if (plan.length > 0) {
      const rows = await tx
        .insert(assignments)
        .values(
          plan.map((item) => ({
            neighborhoodId: item.neighborhoodId,
            personnelId: idOf.get(item.person)!,
            role: item.role,
            startsAt: item.startsAt,
            endsAt: item.endsAt ?? null,
            reason: item.reason,
          })),
        )
        .returning({
          id: assignments.id,
          neighborhoodId: assignments.neighborhoodId,
          role: assignments.role,
        });
      for (const row of rows) {
        await recordAudit(tx, systemActor, {
          action: 'assignment.created',
          entityType: 'assignment',
          entityId: row.id,
          after: { neighborhoodId: row.neighborhoodId, role: row.role, source: 'demo' },
        });
      }
    }
    return { personnel: inserted.length, assignments: plan.length };
  });
}
