import type { SaraStage } from '@nsp/contracts';
import { and, asc, count, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import {
  assignments,
  neighborhoods,
  saraCaseEvents,
  saraCaseRequests,
  saraCases,
  saraMeasures,
  saraResponseActions,
  serviceRequests,
} from '../db/schema/index.ts';
import { withTransaction } from '../db/transaction.ts';
import { scanCandidates } from '../modules/sara/candidates.ts';

const DAY = 86_400_000;

/** Demo cases, one per neighborhood, cycling through the stages so every column of the board has one. */
const templates: Array<{
  stage: SaraStage;
  title: (place: string) => string;
  scanning: Record<string, unknown>;
  analysis?: Record<string, unknown>;
  response?: Record<string, unknown>;
  assessment?: Record<string, unknown>;
  actions?: Array<{
    title: string;
    partner: string;
    status: 'planned' | 'started' | 'done';
    dueInDays: number;
  }>;
  partners: string[];
}> = [
  {
    stage: 'scanning',
    title: (place) => `Repeat calls about one block in ${place}`,
    scanning: {
      problemStatement: 'Residents call about the same block several times a week.',
      problemType: 'place',
      identifiedBy: 'Calls to the Community Outreach Division',
      consequences: 'Neighbours feel unsafe walking at night.',
    },
    partners: [],
  },
  {
    stage: 'analysis',
    title: (place) => `Dumping behind the plaza in ${place}`,
    scanning: {
      problemStatement: 'Furniture and trash are dumped behind the plaza every weekend.',
      problemType: 'place',
      identifiedBy: 'Neighborhood meeting and service requests',
      goals: 'A clean lot and no new dumping for three months.',
    },
    analysis: {
      triangle: {
        places: 'An unlit, unfenced lot behind the plaza',
        offenders: 'Contractors avoiding tipping fees',
      },
      controllers: { managers: { description: 'The plaza owner', effectiveness: 'weak' } },
      repeatPattern: 'repeat_place',
      dataSources: 'NSP requests, Public Works pickups',
      hypotheses: ['The lot is dark and unwatched after 10 pm'],
    },
    partners: ['Public Works'],
  },
  {
    stage: 'response',
    title: (place) => `Speeding on the main road in ${place}`,
    scanning: {
      problemStatement: 'Drivers speed on the main road near the school at drop-off.',
      problemType: 'time',
      identifiedBy: 'Parent complaints and speed-trailer data',
    },
    analysis: {
      triangle: { places: 'A wide, straight stretch by the school', victims: 'Children walking to school' },
      hypotheses: ['The road design invites speeding'],
    },
    response: {
      optionsConsidered: 'Enforcement, speed humps, a crossing guard, signs.',
      objectives: ['Median speed at drop-off under 25 mph within two months'],
    },
    actions: [
      {
        title: 'Speed trailer and targeted enforcement at drop-off',
        partner: '',
        status: 'started',
        dueInDays: 14,
      },
      {
        title: 'Ask Public Works for a traffic-calming study',
        partner: 'Public Works',
        status: 'planned',
        dueInDays: 30,
      },
    ],
    partners: ['Public Works', 'School district'],
  },
  {
    stage: 'closed',
    title: (place) => `Noise from a party house in ${place}`,
    scanning: {
      problemStatement: 'Weekend parties at one rented house keep the street awake.',
      problemType: 'place',
      identifiedBy: 'Repeat noise requests',
    },
    analysis: {
      triangle: { places: 'One short-term rental', offenders: 'Weekend renters' },
      controllers: { managers: { description: 'An absentee owner', effectiveness: 'absent' } },
      repeatPattern: 'repeat_place',
      hypotheses: ['The owner does not screen renters'],
    },
    response: { objectives: ['No more than one noise request a month'] },
    assessment: {
      processImplemented: 'fully',
      processEvaluation: 'The owner met the lieutenant and added house rules and a noise monitor.',
      outcome: 'fewer_incidents',
      nextSteps: 'Check the numbers again in three months.',
      publicSummary:
        'After meeting the owner of a rented house, weekend noise complaints on the street fell from 12 to 2 a quarter.',
    },
    actions: [
      {
        title: 'Meet the owner about house rules',
        partner: 'Town Inspections',
        status: 'done',
        dueInDays: -30,
      },
    ],
    partners: ['Town Inspections'],
  },
];

/** Demo SARA cases (one per neighborhood) with evidence, history, actions and a measure; then a candidate scan. */
export async function seedDemoSara(db: Database, now: Date = new Date()): Promise<Record<string, number>> {
  const [existing] = await db.select({ value: count() }).from(saraCases);
  if (Number(existing?.value ?? 0) > 0) return { saraCases: 0 };
  const places = await db
    .select({ id: neighborhoods.id, name: neighborhoods.name })
    .from(neighborhoods)
    .where(eq(neighborhoods.status, 'active'))
    .orderBy(asc(neighborhoods.code));
  let created = 0;
  await withTransaction(db, async (tx) => {
    for (const [index, place] of places.entries()) {
      const template = templates[index % templates.length]!;
      const [lieutenant] = await tx
        .select({ personnelId: assignments.personnelId })
        .from(assignments)
        .where(
          and(
            eq(assignments.neighborhoodId, place.id),
            eq(assignments.role, 'coordination_lieutenant'),
            isNull(assignments.supersededBy),
            lte(assignments.startsAt, now),
            or(isNull(assignments.endsAt), gt(assignments.endsAt, now)),
          ),
        );
      const evidence = await tx
        .select({ id: serviceRequests.id, lat: serviceRequests.lat, lon: serviceRequests.lon })
        .from(serviceRequests)
        .where(and(eq(serviceRequests.neighborhoodId, place.id), sql`${serviceRequests.lat} is not null`))
        .orderBy(desc(serviceRequests.createdAt))
        .limit(4);
      const first = evidence[0];
      const stages: SaraStage[] = ['scanning', 'analysis', 'response', 'assessment', 'closed'];
      const reached = stages.indexOf(template.stage);
      // Opened (reached + 1) × 12 days ago; each stage took 12 days.
      const openedAt = new Date(now.getTime() - (reached + 1) * 12 * DAY);
      const stageChangedAt = new Date(openedAt.getTime() + reached * 12 * DAY);
      const [row] = await tx
        .insert(saraCases)
        .values({
          title: template.title(place.name),
          neighborhoodId: place.id,
          leadId: lieutenant?.personnelId ?? null,
          priority: index % 3 === 0 ? 'high' : 'medium',
          stage: template.stage,
          partners: template.partners,
          location:
            first?.lat && first.lon
              ? { kind: 'circle', lat: first.lat, lon: first.lon, radiusMeters: 250 }
              : null,
          scanning: template.scanning,
          analysis: template.analysis ?? {},
          response: template.response ?? {},
          assessment: template.assessment ?? {},
          stageChangedAt,
          closedAt: template.stage === 'closed' ? stageChangedAt : null,
          createdByType: 'system',
          createdAt: openedAt,
          updatedAt: stageChangedAt,
        })
        .returning({ id: saraCases.id });
      const caseId = row!.id;
      if (evidence.length > 0)
        await tx
          .insert(saraCaseRequests)
          .values(evidence.map((request) => ({ caseId, requestId: request.id, linkedAt: openedAt })));
      const actor = { actorType: 'system', actorName: 'Demo data' };
      await tx
        .insert(saraCaseEvents)
        .values({ caseId, ...actor, kind: 'created', toStage: 'scanning', occurredAt: openedAt });
      for (let step = 1; step <= reached; step++)
        await tx.insert(saraCaseEvents).values({
          caseId,
          ...actor,
          kind: 'stage_changed',
          fromStage: stages[step - 1]!,
          toStage: stages[step]!,
          occurredAt: new Date(openedAt.getTime() + step * 12 * DAY),
        });
      for (const action of template.actions ?? [])
        await tx.insert(saraResponseActions).values({
          caseId,
          title: action.title,
          partner: action.partner,
          status: action.status,
          ownerId: lieutenant?.personnelId ?? null,
          dueDate: new Date(now.getTime() + action.dueInDays * DAY).toISOString().slice(0, 10),
        });
      if (template.stage === 'closed')
        await tx.insert(saraMeasures).values({
          caseId,
          kind: 'manual',
          metric: 'Noise requests on the street per quarter',
          baselineValue: 12,
          baselineFrom: new Date(now.getTime() - 200 * DAY),
          baselineTo: new Date(now.getTime() - 110 * DAY),
          followUpValue: 2,
          followUpFrom: new Date(now.getTime() - 90 * DAY),
          followUpTo: now,
        });
      created++;
    }
  });
  const scan = await scanCandidates(db, now);
  return { saraCases: created, saraCandidates: Object.values(scan.found).reduce((a, b) => a + b, 0) };
}
