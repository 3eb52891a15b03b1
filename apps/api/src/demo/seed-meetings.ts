import { and, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Database } from '../db/client.ts';
import {
  actionItemNotes,
  actionItems,
  meetingProblems,
  meetingSchedules,
  meetings,
  meetingStaff,
  neighborhoods,
  personnel,
  serviceRequests,
  users,
} from '../db/schema/index.ts';
import { withTransaction } from '../db/transaction.ts';
import { systemActor } from '../modules/audit/audit-log.ts';
import { lieutenantAt } from '../modules/meetings/meeting-service.ts';
import { createScheduledMeetings } from '../modules/meetings/schedules.ts';

/** Where each demo neighborhood meets (real East Hartford places). */
const venues: Record<string, { name: string; address: string; partners: string[] }> = {
  HOC: {
    name: 'Raymond Library',
    address: '840 Main St',
    partners: ['Raymond Library', 'Hockanum Park Association'],
  },
  BUR: {
    name: 'East Hartford Middle School',
    address: '777 Burnside Ave',
    partners: ['Burnside Avenue merchants'],
  },
  MAY: { name: 'Town Hall', address: '740 Main St', partners: ['East Hartford Public Works'] },
  SIL: {
    name: 'Silver Lane School',
    address: '15 Mercer Ave',
    partners: ['Silver Lane business association'],
  },
  FSR: { name: 'Sunset Ridge School', address: '450 Forbes St', partners: ['Forbes Street block watch'] },
  GPK: { name: 'Governor William Pitkin School', address: '330 Hills St', partners: ['Goodwin College'] },
};

const pastItems = [
  { title: 'Ask Public Works to repair the streetlights on the block', done: true, onTime: true },
  { title: 'Extra patrols near the school at dismissal time for two weeks', done: true, onTime: false },
  { title: 'Follow up with the landlord about the abandoned vehicle in the lot', done: false },
  { title: 'Invite the Health Department to the next meeting about rodents', done: false },
];
const problems = [
  'Speeding on the main road after 10 pm, especially on weekends',
  'Litter and dumping behind the shopping plaza',
  'Young people gathering late at night in the park; neighbors feel unsafe',
];

/**
 * Demo meetings: per neighborhood, a monthly plan ("second Tuesday of each month, 18:30") with the next
 * three months created ahead, and two past meetings held with attendance, minutes (internal), a public
 * summary, problems raised (one filed as a request) and action items — some closed on time, some late,
 * some still open and overdue — so the next meeting's carried-forward list and the figures have data.
 * Does nothing when meetings exist.
 */
export async function seedDemoMeetings(db: Database, options: { timeZone: string; now?: Date }) {
  const [existing] = await db.select({ count: sql<number>`count(*)::int` }).from(meetings);
  if ((existing?.count ?? 0) > 0) return { meetings: 0, actionItems: 0 };
  const now = options.now ?? new Date();
  const zone = options.timeZone;
  const areas = await db
    .select({ id: neighborhoods.id, code: neighborhoods.code, name: neighborhoods.name })
    .from(neighborhoods)
    .where(eq(neighborhoods.status, 'active'));
  const outreach = await db
    .select({ id: personnel.id })
    .from(personnel)
    .where(and(inArray(personnel.kind, ['nro', 'cso']), eq(personnel.active, true)))
    .orderBy(personnel.name);
  const [demoStaff] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'staff@demo.example.org'));
  let meetingCount = 0;
  let itemCount = 0;
  await withTransaction(db, async (tx) => {
    for (const [index, area] of areas.entries()) {
      const venue = venues[area.code] ?? { name: 'Town Hall', address: '740 Main St', partners: [] };
      const [schedule] = await tx
        .insert(meetingSchedules)
        .values({
          neighborhoodId: area.id,
          kind: 'community_meeting',
          title: {
            en: `${area.name} community meeting`,
            es: `Reunión comunitaria de ${area.name}`,
            pt: `Reunião comunitária de ${area.name}`,
            pl: `Spotkanie społeczności ${area.name}`,
          },
          frequency: 'monthly',
          weekday: 2,
          weekOfMonth: (index % 4) + 1,
          localTime: '18:30',
          durationMinutes: 90,
          timeZone: zone,
          locationName: venue.name,
          address: `${venue.address}, East Hartford, CT`,
          languages: ['en'],
          interpretation: index % 2 === 0 ? ['es'] : ['es', 'pt'],
          monthsAhead: 3,
        })
        .returning();
      if (!schedule) continue;
      meetingCount += await createScheduledMeetings(tx, schedule, systemActor, now);

      // Two held meetings: six and three weeks ago, at 18:30 local.
      const owners = [
        outreach[index % Math.max(outreach.length, 1)],
        outreach[(index + 1) % Math.max(outreach.length, 1)],
      ];
      for (const [round, weeksAgo] of [6, 3].entries()) {
        const start = DateTime.fromJSDate(now, { zone })
          .minus({ weeks: weeksAgo })
          .set({ weekday: 2, hour: 18, minute: 30, second: 0, millisecond: 0 });
        const startsAt = start.toJSDate();
        const attendance = 14 + ((index * 7 + round * 5) % 19);
        const [meeting] = await tx
          .insert(meetings)
          .values({
            neighborhoodId: area.id,
            kind: 'community_meeting',
            status: 'held',
            title: { en: `${area.name} community meeting`, es: `Reunión comunitaria de ${area.name}` },
            startsAt,
            endsAt: start.plus({ minutes: 90 }).toJSDate(),
            timeZone: zone,
            locationName: venue.name,
            address: `${venue.address}, East Hartford, CT`,
            lieutenantId: await lieutenantAt(tx, area.id, startsAt),
            partnerOrganizations: venue.partners,
            agenda: [
              { title: { en: 'Welcome and introductions', es: 'Bienvenida y presentaciones' }, public: true },
              {
                title: {
                  en: 'Progress on earlier action items',
                  es: 'Avances de los compromisos anteriores',
                },
                public: true,
              },
              { title: { en: 'Problems in the neighborhood', es: 'Problemas del vecindario' }, public: true },
              { title: { en: 'Staffing and patrol schedule' }, public: false, presenter: 'Lieutenant' },
            ],
            interpretation: ['es'],
            attendanceCount: attendance,
            residentCount: attendance - 4,
            minutes: `Residents raised ${problems[(index + round) % problems.length]!.toLowerCase()}. Public Works reported on earlier requests. Next steps agreed below.`,
            publicSummary: {
              en: 'Residents and the department discussed traffic, lighting and litter; next steps were agreed.',
              es: 'Vecinos y el departamento hablaron de tráfico, alumbrado y basura; se acordaron próximos pasos.',
            },
            createdAt: start.minus({ weeks: 3 }).toJSDate(),
            updatedAt: start.plus({ hours: 2 }).toJSDate(),
          })
          .returning({ id: meetings.id });
        if (!meeting) continue;
        meetingCount++;
        const owner = owners[round];
        if (owner) await tx.insert(meetingStaff).values({ meetingId: meeting.id, personnelId: owner.id });
        const [request] = await tx
          .select({ id: serviceRequests.id })
          .from(serviceRequests)
          .where(eq(serviceRequests.neighborhoodId, area.id))
          .limit(1);
        await tx.insert(meetingProblems).values({
          meetingId: meeting.id,
          description: problems[(index + round) % problems.length]!,
          serviceRequestId: round === 0 ? (request?.id ?? null) : null,
        });
        for (const [itemIndex, template] of pastItems.slice(round * 2, round * 2 + 2).entries()) {
          const due = start.plus({ weeks: 2 });
          const closedAt = template.done
            ? (template.onTime ? due.minus({ days: 2 }) : due.plus({ days: 4 })).toJSDate()
            : null;
          const [item] = await tx
            .insert(actionItems)
            .values({
              meetingId: meeting.id,
              neighborhoodId: area.id,
              title: template.title,
              ownerId: owners[itemIndex]?.id ?? null,
              dueDate: due.toISODate(),
              status: template.done ? 'done' : 'open',
              closedAt,
              closedBy: closedAt ? (demoStaff?.id ?? null) : null,
              createdAt: start.plus({ hours: 1 }).toJSDate(),
            })
            .returning({ id: actionItems.id });
          if (!item) continue;
          itemCount++;
          await tx.insert(actionItemNotes).values({
            actionItemId: item.id,
            meetingId: meeting.id,
            body: template.done
              ? 'Done; residents confirmed at the meeting.'
              : 'Contacted; waiting for an answer.',
            createdBy: demoStaff?.id ?? null,
            createdAt: start.plus({ days: 5 }).toJSDate(),
          });
        }
      }
    }
  });
  return { meetings: meetingCount, actionItems: itemCount };
}
