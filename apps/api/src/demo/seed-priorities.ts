import type { LocalizedTextDto } from '@nsp/contracts';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import {
  meetingProblems,
  meetings,
  neighborhoodPriorities,
  neighborhoods,
  priorityActions,
  saraCases,
  saraResponseActions,
  users,
} from '../db/schema/index.ts';
import { withTransaction } from '../db/transaction.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The street each demo neighborhood's priorities are about. */
const streets: Record<string, string> = {
  BUR: 'Burnside Ave',
  FSR: 'Forbes St',
  GPK: 'Hills St',
  HOC: 'Main St',
  MAY: 'Main St',
  SIL: 'Silver Lane',
};

interface Template {
  title: LocalizedTextDto;
  description: LocalizedTextDto;
  actions: LocalizedTextDto[];
  outcome: LocalizedTextDto;
}

const fill = (text: LocalizedTextDto, street: string): LocalizedTextDto =>
  Object.fromEntries(
    Object.entries(text).map(([language, value]) => [language, value?.replaceAll('{street}', street)]),
  ) as LocalizedTextDto;

/** What a meeting's problem became, keyed by the start of the demo meetings' problem texts. */
const fromProblems: Array<{ startsWith: string; template: Template }> = [
  {
    startsWith: 'Speeding',
    template: {
      title: { en: 'Speeding on {street} at night', es: 'Exceso de velocidad en {street} por la noche' },
      description: {
        en: 'Residents asked us to slow traffic on {street} after 10 pm, especially on weekends.',
        es: 'Los vecinos pidieron reducir la velocidad del tráfico en {street} después de las 10 de la noche, sobre todo los fines de semana.',
      },
      actions: [
        {
          en: 'Speed trailer placed on {street}; 14 stops made',
          es: 'Se colocó un radar móvil en {street}; 14 vehículos detenidos',
        },
        {
          en: 'Weekend traffic enforcement on {street}: 22 warnings and 9 tickets',
          es: 'Control de tráfico el fin de semana en {street}: 22 advertencias y 9 multas',
        },
      ],
      outcome: {
        en: 'Speeds on {street} after 10 pm fell from 38 to 29 mph in the speed-trailer counts.',
        es: 'La velocidad en {street} después de las 10 de la noche bajó de 38 a 29 mph según el radar móvil.',
      },
    },
  },
  {
    startsWith: 'Litter',
    template: {
      title: { en: 'Dumping behind the shopping plaza', es: 'Basura tirada detrás del centro comercial' },
      description: {
        en: 'Furniture and trash are dumped behind the plaza most weekends; residents asked for it to stop.',
        es: 'Casi todos los fines de semana se tiran muebles y basura detrás del centro comercial; los vecinos pidieron que se acabe.',
      },
      actions: [
        {
          en: 'Public Works removed 3 truckloads of dumped furniture behind the plaza',
          es: 'Obras Públicas retiró 3 camiones de muebles tirados detrás del centro comercial',
        },
        {
          en: 'The plaza owner agreed to add lights and a fence; code enforcement notice sent',
          es: 'El dueño del centro comercial aceptó poner luces y una cerca; se envió un aviso de inspección',
        },
      ],
      outcome: {
        en: 'No new dumping was reported in the six weeks after the fence and lights went up.',
        es: 'No se informó de basura nueva en las seis semanas después de poner la cerca y las luces.',
      },
    },
  },
  {
    startsWith: 'Young people',
    template: {
      title: { en: 'Late-night gatherings in the park', es: 'Reuniones nocturnas en el parque' },
      description: {
        en: 'Neighbors feel unsafe when groups gather in the park late at night.',
        es: 'Los vecinos se sienten inseguros cuando se reúnen grupos en el parque de noche.',
      },
      actions: [
        {
          en: 'Park closing hours posted at both entrances',
          es: 'Se publicó el horario de cierre del parque en las dos entradas',
        },
        {
          en: 'Extra evening patrols in the park, Thursday to Saturday, for four weeks',
          es: 'Patrullas adicionales por la tarde en el parque, de jueves a sábado, durante cuatro semanas',
        },
      ],
      outcome: {
        en: 'Late-night calls about the park dropped from 11 to 3 a month; a Friday youth program started.',
        es: 'Las llamadas nocturnas sobre el parque bajaron de 11 a 3 al mes; empezó un programa juvenil los viernes.',
      },
    },
  },
];

const streetlights: Template = {
  title: { en: 'Streetlights out on {street}', es: 'Farolas apagadas en {street}' },
  description: {
    en: 'Six streetlights on {street} were dark, and residents did not feel safe walking at night.',
    es: 'Seis farolas de {street} estaban apagadas y los vecinos no se sentían seguros caminando de noche.',
  },
  actions: [
    {
      en: 'Reported 6 dark streetlights on {street} to Public Works',
      es: 'Se informó a Obras Públicas de 6 farolas apagadas en {street}',
    },
    { en: 'Public Works replaced 4 lamps on {street}', es: 'Obras Públicas cambió 4 lámparas en {street}' },
    {
      en: 'The last 2 lamps were replaced after the utility repaired the line',
      es: 'Se cambiaron las 2 últimas lámparas después de que la compañía eléctrica reparó la línea',
    },
  ],
  outcome: {
    en: 'Every streetlight on {street} works again.',
    es: 'Todas las farolas de {street} vuelven a funcionar.',
  },
};

const schoolSpeeding: Omit<Template, 'outcome'> = {
  title: { en: 'Safe streets at school drop-off', es: 'Calles seguras a la hora de entrada escolar' },
  description: {
    en: 'Drivers speed near the school at drop-off; we are working on it with Public Works and the school district.',
    es: 'Los conductores van rápido cerca de la escuela a la hora de entrada; lo trabajamos con Obras Públicas y el distrito escolar.',
  },
  actions: [
    {
      en: 'Speed trailer and officers at school drop-off on {street}: 14 stops made',
      es: 'Radar móvil y agentes a la hora de entrada escolar en {street}: 14 vehículos detenidos',
    },
  ],
};

/**
 * Demo priorities: per neighborhood, one set at each of its two held demo meetings (from the problem
 * raised there), a streetlight priority achieved last month in every other neighborhood, and one
 * priority worked through the SARA case in the Response stage. Some have dated actions (one came from
 * the case's response with one click), one meeting priority was achieved, one was left without any
 * action for over 30 days (the supervisor's stale list). 2–4 per neighborhood. Does nothing when
 * priorities exist.
 */
export async function seedDemoPriorities(
  db: Database,
  now: Date = new Date(),
): Promise<Record<string, number>> {
  const [existing] = await db.select({ value: count() }).from(neighborhoodPriorities);
  if (Number(existing?.value ?? 0) > 0) return { priorities: 0 };
  const areas = await db
    .select({ id: neighborhoods.id, code: neighborhoods.code })
    .from(neighborhoods)
    .where(eq(neighborhoods.status, 'active'))
    .orderBy(asc(neighborhoods.code));
  const [lieutenant] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'lieutenant@demo.example.org'));
  const createdBy = lieutenant?.id ?? null;
  let priorities = 0;
  let actionCount = 0;
  await withTransaction(db, async (tx) => {
    const insert = async (
      values: Omit<typeof neighborhoodPriorities.$inferInsert, 'createdAt' | 'updatedAt' | 'createdBy'>,
      actions: Array<{ body: LocalizedTextDto; takenAt: Date; saraResponseActionId?: string }>,
    ) => {
      const [row] = await tx
        .insert(neighborhoodPriorities)
        .values({
          ...values,
          createdBy,
          createdAt: values.setAt,
          updatedAt: values.closedAt ?? actions.at(-1)?.takenAt ?? values.setAt,
        })
        .returning({ id: neighborhoodPriorities.id });
      priorities++;
      for (const action of actions) {
        await tx.insert(priorityActions).values({
          priorityId: row!.id,
          body: action.body,
          takenAt: action.takenAt,
          saraResponseActionId: action.saraResponseActionId ?? null,
          createdBy,
          createdAt: new Date(action.takenAt.getTime() + 2 * HOUR),
        });
        actionCount++;
      }
    };

    for (const [index, area] of areas.entries()) {
      const street = streets[area.code] ?? 'Main St';
      // The problems raised at the neighborhood's held meetings, oldest meeting first.
      const raised = await tx
        .select({
          problemId: meetingProblems.id,
          description: meetingProblems.description,
          meetingId: meetings.id,
          startsAt: meetings.startsAt,
        })
        .from(meetingProblems)
        .innerJoin(meetings, eq(meetings.id, meetingProblems.meetingId))
        .where(and(eq(meetings.neighborhoodId, area.id), eq(meetings.status, 'held')))
        .orderBy(asc(meetings.startsAt))
        .limit(2);
      for (const [round, problem] of raised.entries()) {
        const template = fromProblems.find((entry) =>
          problem.description.startsWith(entry.startsWith),
        )?.template;
        if (!template) continue;
        // Set at the end of the meeting.
        const setAt = new Date(problem.startsAt.getTime() + 90 * 60_000);
        const achieved = round === 0 && index === 1;
        const stale = round === 0 && index === 3;
        const actions =
          round === 0
            ? stale
              ? []
              : template.actions.map((body, step) => ({
                  body: fill(body, street),
                  takenAt: new Date(setAt.getTime() + (9 + step * 16) * DAY),
                }))
            : index % 2 === 0
              ? [{ body: fill(template.actions[0]!, street), takenAt: new Date(setAt.getTime() + 12 * DAY) }]
              : [];
        await insert(
          {
            neighborhoodId: area.id,
            title: fill(template.title, street),
            description: fill(template.description, street),
            source: 'meeting',
            meetingId: problem.meetingId,
            meetingProblemId: problem.problemId,
            status: achieved ? 'achieved' : 'active',
            outcome: achieved ? fill(template.outcome, street) : null,
            setAt,
            closedAt: achieved ? new Date(setAt.getTime() + 35 * DAY) : null,
          },
          actions,
        );
      }

      if (index % 2 === 0) {
        const setAt = new Date(now.getTime() - 120 * DAY + 10 * HOUR);
        await insert(
          {
            neighborhoodId: area.id,
            title: fill(streetlights.title, street),
            description: fill(streetlights.description, street),
            source: 'staff',
            status: 'achieved',
            outcome: fill(streetlights.outcome, street),
            setAt,
            closedAt: new Date(now.getTime() - 20 * DAY),
          },
          [100, 70, 30].map((daysAgo, step) => ({
            body: fill(streetlights.actions[step]!, street),
            takenAt: new Date(now.getTime() - daysAgo * DAY + 14 * HOUR),
          })),
        );
      }

      // The case in the Response stage: its started response became this priority's action.
      const [saraCase] = await tx
        .select({ id: saraCases.id, stageChangedAt: saraCases.stageChangedAt })
        .from(saraCases)
        .where(and(eq(saraCases.neighborhoodId, area.id), eq(saraCases.stage, 'response')))
        .limit(1);
      if (saraCase) {
        const [response] = await tx
          .select({ id: saraResponseActions.id })
          .from(saraResponseActions)
          .where(
            and(
              eq(saraResponseActions.caseId, saraCase.id),
              inArray(saraResponseActions.status, ['started', 'done']),
            ),
          )
          .limit(1);
        await insert(
          {
            neighborhoodId: area.id,
            title: schoolSpeeding.title,
            description: schoolSpeeding.description,
            source: 'sara_case',
            saraCaseId: saraCase.id,
            status: 'active',
            setAt: saraCase.stageChangedAt,
          },
          [
            {
              body: fill(schoolSpeeding.actions[0]!, street),
              takenAt: new Date(now.getTime() - 6 * DAY),
              ...(response ? { saraResponseActionId: response.id } : {}),
            },
          ],
        );
      }
    }
  });
  return { priorities, priorityActions: actionCount };
}
