import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Database, Transaction } from '../db/client.ts';
import {
  addressPoints,
  auditLog,
  type HolidayEntry,
  requestEvents,
  responseTemplates,
  serviceDeskSettings,
  serviceRequests,
  serviceTypes,
  users,
} from '../db/schema/index.ts';
import { withTransaction } from '../db/transaction.ts';
import { currentLieutenants } from '../modules/assignments/current-lieutenant.ts';
import { loadLocatableNeighborhoods } from '../modules/geocoding/geo-repo.ts';
import { NeighborhoodLocator } from '../modules/neighborhoods/neighborhood-locator.ts';
import { dueTimesFor } from '../modules/service-requests/due-times.ts';
import { type BusinessCalendar, defaultWeeklyHours } from '../modules/service-requests/sla-clock.ts';
import {
  type DemoServiceType,
  demoResponseTemplates,
  demoServiceTypes,
} from './east-hartford/service-types.ts';

/**
 * Demo categories (with translations, questions and SLA targets), response templates, the service
 * desk's business calendar with the year's holidays, and ~300 requests over the last 90 days across the
 * demo neighborhoods, in every status, with timelines and public updates in the requester's language.
 * Reads neighborhoods, address points and lieutenants from the tables (seeded before this step), so it
 * needs no running app. Deterministic (seeded random numbers); does nothing when requests exist.
 */
export async function seedDemoRequests(
  db: Database,
  options: { timeZone: string; trackingPrefix?: string; count?: number; now?: Date },
): Promise<Record<string, number>> {
  const [existing] = await db.select({ count: sql<number>`count(*)::int` }).from(serviceRequests);
  if ((existing?.count ?? 0) > 0) return { serviceTypes: 0, serviceRequests: 0 };

  const now = options.now ?? new Date();
  const random = seededRandom(20260501);
  const holidays = holidaysAround(DateTime.fromJSDate(now).setZone(options.timeZone).year);
  const calendar: BusinessCalendar = {
    timeZone: options.timeZone,
    weeklyHours: defaultWeeklyHours,
    holidays: holidays.map((h) => h.date),
  };

  const catalog = await withTransaction(db, async (tx) => {
    await tx
      .insert(serviceTypes)
      .values(demoServiceTypes.map(({ weight: _weight, samples: _samples, ...type }) => type))
      .onConflictDoNothing();
    const [templates] = await tx.select({ count: sql<number>`count(*)::int` }).from(responseTemplates);
    if ((templates?.count ?? 0) === 0) await tx.insert(responseTemplates).values([...demoResponseTemplates]);
    await tx
      .insert(serviceDeskSettings)
      .values({ id: 1, weeklyHours: defaultWeeklyHours, holidays, reopenWindowDays: 30, updatedBy: null })
      .onConflictDoNothing();
    await tx.insert(auditLog).values(
      demoServiceTypes.map((type) => ({
        actorType: 'system' as const,
        action: 'service_type.created',
        entityType: 'service_type',
        entityId: type.code,
        after: { code: type.code, source: 'demo' },
      })),
    );
    return tx.select({ code: serviceTypes.code }).from(serviceTypes);
  });
  const knownCodes = new Set(catalog.map((row) => row.code));
  const types = demoServiceTypes.filter((type) => knownCodes.has(type.code));

  const places = await demoPlaces(db, random);
  if (places.length === 0 || types.length === 0) return { serviceTypes: types.length, serviceRequests: 0 };
  const [staffUser] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(sql`'staff' = any(${users.roles}) and ${users.email} like '%@demo.example.org'`)
    .limit(1);
  const actor = staffUser
    ? { actorType: 'user', actorId: staffUser.id, actorName: staffUser.name }
    : { actorType: 'system', actorId: null, actorName: 'Demo data' };

  const plans = planRequests(random, types, places, now, options.count ?? 300);
  const created = await withTransaction(db, (tx) =>
    insertPlans(tx, plans, { calendar, prefix: options.trackingPrefix ?? 'EH', actor, now, random }),
  );
  return {
    serviceTypes: types.length,
    responseTemplates: demoResponseTemplates.length,
    serviceRequests: created,
  };
}

// ---- Random but reproducible ----------------------------------------------------------------------

type Random = () => number;

/** mulberry32: tiny, fast, good enough for demo data, and the same every run. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T>(random: Random, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1]![0];
}

// ---- Holidays ----------------------------------------------------------------------------------------

/** The n-th given weekday (1 = Monday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = DateTime.utc(year, month, 1);
    return first.plus({ days: ((weekday - first.weekday + 7) % 7) + (n - 1) * 7 }).toISODate()!;
  }
  const last = DateTime.utc(year, month, 1).endOf('month').startOf('day');
  return last.minus({ days: (last.weekday - weekday + 7) % 7 }).toISODate()!;
}

/** Connecticut state holidays (the ones a town police department's civilian staff have off). */
function holidaysAround(year: number): HolidayEntry[] {
  const list: HolidayEntry[] = [];
  for (const y of [year - 1, year, year + 1]) {
    list.push(
      { date: `${y}-01-01`, name: "New Year's Day" },
      { date: nthWeekday(y, 1, 1, 3), name: 'Martin Luther King Jr. Day' },
      { date: nthWeekday(y, 2, 1, 3), name: "Washington's Birthday" },
      { date: nthWeekday(y, 5, 1, -1), name: 'Memorial Day' },
      { date: `${y}-06-19`, name: 'Juneteenth' },
      { date: `${y}-07-04`, name: 'Independence Day' },
      { date: nthWeekday(y, 9, 1, 1), name: 'Labor Day' },
      { date: nthWeekday(y, 10, 1, 2), name: 'Columbus Day' },
      { date: `${y}-11-11`, name: 'Veterans Day' },
      { date: nthWeekday(y, 11, 4, 4), name: 'Thanksgiving Day' },
      { date: `${y}-12-25`, name: 'Christmas Day' },
    );
  }
  return list;
}

// ---- Where requests come from ----------------------------------------------------------------------

interface Place {
  address: string;
  lat: number;
  lon: number;
  neighborhood: { id: string; code: string; name: string };
}

/** A sample of address points that lie in a demo neighborhood. */
async function demoPlaces(db: Database, random: Random): Promise<Place[]> {
  const locator = new NeighborhoodLocator(await loadLocatableNeighborhoods(db));
  if (locator.size === 0) return [];
  const points = await db
    .select({ address: addressPoints.address, lat: addressPoints.lat, lon: addressPoints.lon })
    .from(addressPoints)
    .orderBy(addressPoints.id)
    .limit(20_000);
  const places: Place[] = [];
  for (const point of points) {
    if (random() > 0.25) continue;
    const neighborhood = locator.locate(point.lat, point.lon);
    if (neighborhood) places.push({ ...point, neighborhood });
  }
  return places;
}

// ---- Who asks, and what happens ------------------------------------------------------------------------

const firstNames = [
  'Maria',
  'James',
  'Ana',
  'Luis',
  'Patricia',
  'Joao',
  'Katarzyna',
  'Michael',
  'Keisha',
  'Jose',
  'Linda',
  'Piotr',
  'Rosa',
  'David',
  'Fatima',
  'Tomasz',
];
const lastNames = [
  'Rodriguez',
  'Smith',
  'Silva',
  'Johnson',
  'Kowalski',
  'Garcia',
  'Williams',
  'Santos',
  'Nowak',
  'Brown',
  'Pereira',
  'Davis',
  'Lopez',
  'Wisniewski',
];
const languages = [
  ['en', 68],
  ['es', 20],
  ['pt', 7],
  ['pl', 5],
] as const;
const channels = [
  ['phone', 40],
  ['web', 20],
  ['email', 12],
  ['walk_in', 10],
  ['social_media', 8],
  ['integration', 10],
] as const;

type Outcome =
  | 'new'
  | 'triaged'
  | 'assigned'
  | 'in_progress'
  | 'resolved'
  | 'closed'
  | 'rejected'
  | 'duplicate';

interface RequestPlan {
  type: DemoServiceType;
  place: Place;
  createdAt: Date;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  channel: (typeof channels)[number][0];
  description: string;
  attributes: Record<string, unknown>;
  requester: { name: string | null; email: string | null; phone: string | null; language: string };
  outcome: Outcome;
  /** Whether it is handled within its SLA targets. */
  onTime: boolean;
}

function outcomeFor(random: Random, ageDays: number): Outcome {
  if (ageDays > 20) {
    return weighted(random, [
      ['closed', 72],
      ['resolved', 8],
      ['rejected', 7],
      ['duplicate', 6],
      ['in_progress', 4],
      ['assigned', 3],
    ]);
  }
  if (ageDays > 5) {
    return weighted(random, [
      ['closed', 28],
      ['resolved', 20],
      ['in_progress', 22],
      ['assigned', 15],
      ['triaged', 5],
      ['rejected', 5],
      ['duplicate', 5],
    ]);
  }
  return weighted(random, [
    ['new', 32],
    ['triaged', 25],
    ['assigned', 23],
    ['in_progress', 15],
    ['resolved', 5],
  ]);
}

function answersFor(random: Random, type: DemoServiceType, createdAt: Date): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const attribute of type.attributes) {
    if (!attribute.required && random() < 0.4) continue;
    switch (attribute.datatype) {
      case 'singlevaluelist':
        answers[attribute.code] = pick(random, attribute.values ?? []).key;
        break;
      case 'multivaluelist':
        answers[attribute.code] = [pick(random, attribute.values ?? []).key];
        break;
      case 'number':
        answers[attribute.code] = 1 + Math.floor(random() * 30);
        break;
      case 'datetime':
        answers[attribute.code] = new Date(
          createdAt.getTime() + (3 + Math.floor(random() * 30)) * 86_400_000,
        ).toISOString();
        break;
      case 'string':
        answers[attribute.code] =
          `${String.fromCharCode(65 + Math.floor(random() * 26))}${Math.floor(100 + random() * 900)}${String.fromCharCode(65 + Math.floor(random() * 26))}`;
        break;
      case 'text':
        answers[attribute.code] = 'Dark sedan, maybe a Honda';
        break;
    }
  }
  return answers;
}

function planRequests(
  random: Random,
  types: readonly DemoServiceType[],
  places: readonly Place[],
  now: Date,
  count: number,
): RequestPlan[] {
  const plans: RequestPlan[] = [];
  for (let index = 0; index < count; index++) {
    const type = weighted(
      random,
      types.map((t) => [t, t.weight] as const),
    );
    // Skewed toward recent days (more open work) and toward daytime hours.
    const ageDays = 90 * random() ** 1.3;
    const created = new Date(now.getTime() - ageDays * 86_400_000);
    const hour = weighted(random, [
      [9, 3],
      [11, 3],
      [13, 3],
      [15, 3],
      [17, 2],
      [19, 2],
      [21, 1],
      [23, 1],
    ] as const);
    created.setUTCHours(hour + 4, Math.floor(random() * 60), Math.floor(random() * 60));
    const createdAt =
      created.getTime() > now.getTime() - 60_000
        ? new Date(now.getTime() - (1 + random() * 5) * 3_600_000)
        : created;
    const language = weighted(random, languages);
    const first = pick(random, firstNames);
    const last = pick(random, lastNames);
    const anonymous = random() < 0.08;
    const shift = random();
    plans.push({
      type,
      place: pick(random, places),
      createdAt,
      priority:
        shift < 0.1
          ? (['P1', 'P1', 'P2', 'P3'] as const)[Number(type.defaultPriority[1]) - 1]!
          : type.defaultPriority,
      channel: weighted(random, channels),
      description: pick(random, type.samples),
      attributes: answersFor(random, type, createdAt),
      requester: {
        name: anonymous ? null : `${first} ${last}`,
        email: anonymous || random() < 0.3 ? null : `${first}.${last}${index}@example.org`.toLowerCase(),
        phone: anonymous || random() < 0.2 ? null : `(860) 555-01${String(index % 100).padStart(2, '0')}`,
        language,
      },
      outcome: outcomeFor(random, (now.getTime() - createdAt.getTime()) / 86_400_000),
      onTime: random() < 0.8,
    });
  }
  return plans.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

// ---- Writing them --------------------------------------------------------------------------------------

const publicUpdates: Record<string, Record<string, string>> = {
  triaged: {
    en: 'Thank you. We received your request and it has been sent to your neighborhood team.',
    es: 'Gracias. Recibimos su solicitud y la enviamos al equipo de su vecindario.',
    pt: 'Obrigado. Recebemos o seu pedido e ele foi enviado à equipe do seu bairro.',
    pl: 'Dziękujemy. Otrzymaliśmy zgłoszenie i przekazaliśmy je zespołowi Twojej dzielnicy.',
  },
  resolved: {
    en: 'We have addressed your request. If the problem comes back, reply with your tracking number.',
    es: 'Hemos atendido su solicitud. Si el problema vuelve, responda con su número de seguimiento.',
    pt: 'Atendemos o seu pedido. Se o problema voltar, responda com o seu número de acompanhamento.',
    pl: 'Zajęliśmy się Twoim zgłoszeniem. Jeśli problem powróci, odpowiedz, podając numer zgłoszenia.',
  },
};
const internalNotes = [
  'Called the requester, left a voicemail.',
  'Drove by at 22:30, nothing observed. Will check again this weekend.',
  'Spoke with the property manager; they will follow up.',
  'Added to the directed patrol list for the evening shift.',
  'Repeat location: see earlier requests at this address.',
];
const rejectionReasons = [
  'Not police business: referred to Public Works.',
  'Outside East Hartford: referred to Hartford PD.',
  'Unfounded after a visit.',
];

const mainPath = ['triaged', 'assigned', 'in_progress', 'resolved', 'closed'] as const;
const pathLength: Record<Outcome, number> = {
  new: 0,
  triaged: 1,
  assigned: 2,
  in_progress: 3,
  resolved: 4,
  closed: 5,
  rejected: 1,
  duplicate: 0,
};

type Actor = { actorType: string; actorId: string | null; actorName: string };
type EventValues = typeof requestEvents.$inferInsert;

async function insertPlans(
  tx: Transaction,
  plans: RequestPlan[],
  context: { calendar: BusinessCalendar; prefix: string; actor: Actor; now: Date; random: Random },
): Promise<number> {
  const { calendar, prefix, actor, now, random } = context;
  const events: EventValues[] = [];
  const earlier: Array<{ id: string; trackingNumber: string; code: string; neighborhoodId: string }> = [];
  const year = (at: Date) => String(DateTime.fromJSDate(at).setZone(calendar.timeZone).year);

  for (const plan of plans) {
    const due = dueTimesFor(plan.type.sla, plan.priority, plan.createdAt, calendar);
    const lieutenants = await currentLieutenants(tx, [plan.place.neighborhood.id], plan.createdAt);
    const assigneeId = lieutenants.get(plan.place.neighborhood.id)?.personnelId ?? null;
    const parent =
      plan.outcome === 'duplicate'
        ? earlier.find(
            (row) => row.code === plan.type.code && row.neighborhoodId === plan.place.neighborhood.id,
          )
        : undefined;
    let outcome: Outcome = plan.outcome === 'duplicate' && !parent ? 'closed' : plan.outcome;
    if (!assigneeId && pathLength[outcome] >= 2 && outcome !== 'rejected') outcome = 'triaged';

    // When each step happens: the first response within (or past) its target, the rest spread up to resolution.
    const clamp = (ms: number) => Math.min(ms, now.getTime() - 60_000);
    const firstAt = clamp(
      plan.createdAt.getTime() +
        (due.firstResponseDueAt.getTime() - plan.createdAt.getTime()) *
          (plan.onTime ? 0.2 + random() * 0.6 : 1.1 + random()),
    );
    const resolveBy =
      plan.createdAt.getTime() +
      (due.resolutionDueAt.getTime() - plan.createdAt.getTime()) *
        (plan.onTime ? 0.4 + random() * 0.5 : 1.1 + random() * 1.5);
    const steps: Array<{ status: Outcome; at: Date; reason?: string }> = [];
    if (outcome === 'rejected') {
      steps.push(
        { status: 'triaged', at: new Date(firstAt) },
        {
          status: 'rejected',
          at: new Date(clamp(firstAt + 3_600_000)),
          reason: pick(random, rejectionReasons),
        },
      );
    } else if (outcome !== 'duplicate') {
      const length = pathLength[outcome];
      for (let step = 0; step < length; step++) {
        const at = step === 0 ? firstAt : firstAt + ((resolveBy - firstAt) * step) / Math.max(3, length - 1);
        const status = mainPath[step]!;
        steps.push({ status, at: new Date(clamp(status === 'closed' ? at + 2 * 86_400_000 : at)) });
      }
    }
    const last = steps[steps.length - 1];
    const status = outcome === 'duplicate' ? 'duplicate' : (last?.status ?? 'new');
    const resolvedAt = steps.find((s) => s.status === 'resolved')?.at ?? null;
    const mergedAt =
      outcome === 'duplicate'
        ? new Date(clamp(plan.createdAt.getTime() + (1 + random() * 20) * 3_600_000))
        : null;
    const closedAt = steps.find((s) => s.status === 'closed' || s.status === 'rejected')?.at ?? mergedAt;

    const notes: Array<{ at: Date; body: string; visibility: 'internal' | 'public'; language: string }> = [];
    const language = plan.requester.language;
    if (steps[0] && random() < 0.6)
      notes.push({
        at: new Date(steps[0].at.getTime() + 60_000),
        body: publicUpdates.triaged![language]!,
        visibility: 'public',
        language,
      });
    if (pathLength[outcome] >= 3 && random() < 0.35) {
      notes.push({
        at: new Date(steps[2]!.at.getTime() + 3_600_000),
        body: pick(random, internalNotes),
        visibility: 'internal',
        language: 'en',
      });
    }
    if (resolvedAt && random() < 0.8)
      notes.push({
        at: new Date(resolvedAt.getTime() + 120_000),
        body: publicUpdates.resolved![language]!,
        visibility: 'public',
        language,
      });
    const firstResponse = [
      steps[0]?.at,
      mergedAt,
      ...notes.filter((n) => n.visibility === 'public').map((n) => n.at),
    ]
      .filter((at): at is Date => at instanceof Date)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const updatedAt = new Date(
      Math.max(
        plan.createdAt.getTime(),
        ...steps.map((s) => s.at.getTime()),
        ...notes.map((n) => n.at.getTime()),
        mergedAt?.getTime() ?? 0,
      ),
    );

    const [row] = await tx
      .insert(serviceRequests)
      .values({
        trackingNumber: sql`(select ${prefix}::text || '-' || ${year(plan.createdAt)}::text || '-' || lpad(n::text, greatest(6, length(n::text)), '0') from (select nextval('service_request_number_seq') as n) as next_number)`,
        serviceCode: plan.type.code,
        status,
        priority: plan.priority,
        channel: plan.channel,
        description: plan.description,
        address: plan.place.address,
        lat: plan.place.lat,
        lon: plan.place.lon,
        neighborhoodId: plan.place.neighborhood.id,
        assigneeId,
        attributes: plan.attributes,
        requesterName: plan.requester.name,
        requesterEmail: plan.requester.email,
        requesterPhone: plan.requester.phone,
        requesterLanguage: plan.requester.language,
        parentId: parent?.id ?? null,
        firstResponseDueAt: due.firstResponseDueAt,
        resolutionDueAt: due.resolutionDueAt,
        firstRespondedAt: firstResponse ?? null,
        resolvedAt,
        closedAt,
        createdByType: plan.channel === 'integration' ? 'api_client' : actor.actorType,
        createdById: plan.channel === 'integration' ? null : actor.actorId,
        searchText: [plan.description, plan.place.address, ...notes.map((n) => n.body)].join(' '),
        publicSearchText: [
          plan.description,
          plan.place.address,
          ...notes.filter((n) => n.visibility === 'public').map((n) => n.body),
        ].join(' '),
        createdAt: plan.createdAt,
        updatedAt,
        version: 1 + steps.length + notes.length + (mergedAt ? 1 : 0),
      })
      .returning({ id: serviceRequests.id, trackingNumber: serviceRequests.trackingNumber });
    if (!row) continue;
    earlier.unshift({
      id: row.id,
      trackingNumber: row.trackingNumber,
      code: plan.type.code,
      neighborhoodId: plan.place.neighborhood.id,
    });

    const base = { requestId: row.id, ...actor };
    events.push({
      ...base,
      occurredAt: plan.createdAt,
      kind: 'created',
      after: {
        trackingNumber: row.trackingNumber,
        status: 'new',
        priority: plan.priority,
        serviceCode: plan.type.code,
        channel: plan.channel,
        neighborhoodId: plan.place.neighborhood.id,
        assigneeId,
        firstResponseDueAt: due.firstResponseDueAt.toISOString(),
        resolutionDueAt: due.resolutionDueAt.toISOString(),
      },
      visibility: 'public',
    });
    let previous: Outcome = 'new';
    for (const step of steps) {
      events.push({
        ...base,
        occurredAt: step.at,
        kind: 'status_changed',
        before: { status: previous },
        after: { status: step.status, ...(step.reason ? { reason: step.reason } : {}) },
        visibility: 'public',
      });
      previous = step.status;
    }
    for (const note of notes) {
      events.push({
        ...base,
        occurredAt: note.at,
        kind: 'note',
        body: note.body,
        visibility: note.visibility,
        language: note.language,
      });
    }
    if (parent && mergedAt) {
      events.push(
        {
          ...base,
          occurredAt: mergedAt,
          kind: 'merged_into',
          before: { status: 'new' },
          after: { status: 'duplicate', parentId: parent.id, parentTrackingNumber: parent.trackingNumber },
          visibility: 'public',
        },
        {
          ...base,
          requestId: parent.id,
          occurredAt: mergedAt,
          kind: 'merged_from',
          after: { childId: row.id, childTrackingNumber: row.trackingNumber },
          visibility: 'internal',
        },
      );
    }
  }
  for (let start = 0; start < events.length; start += 500) {
    await tx.insert(requestEvents).values(events.slice(start, start + 500));
  }
  await tx.insert(auditLog).values({
    actorType: 'system',
    action: 'service_request.demo_loaded',
    entityType: 'service_request',
    after: { count: plans.length, source: 'demo' },
  });
  // A merged parent's own row does not change, but its version should reflect the extra event.
  await tx.execute(sql`
    update ${serviceRequests} set version = version + merged.n
    from (select request_id, count(*)::int as n from ${requestEvents} where ${eq(requestEvents.kind, 'merged_from')} group by request_id) as merged
    where ${serviceRequests.id} = merged.request_id`);
  return plans.length;
}
