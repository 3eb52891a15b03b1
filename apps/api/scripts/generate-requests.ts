import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { openDatabase } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import type { SlaTargets } from '../src/db/schema/index.ts';
import {
  addServiceHours,
  type BusinessCalendar,
  defaultTimeZone,
  defaultWeeklyHours,
} from '../src/modules/service-requests/sla-clock.ts';
import {
  colors,
  firstNames,
  type GeneratedCategory,
  generatedCategories,
  generatedNeighborhoods,
  landmarks,
  lastNames,
  placePhrases,
  remarks,
  streetNames,
  timesOfDay,
  townBox,
  vehicles,
  whenPhrases,
} from './request-generator-data.ts';

/**
 * Realistic service-request volumes for benchmarks and demos: categories with their seasons, local
 * hours and weekdays, uneven neighborhoods, statuses by age (old requests are mostly closed, a thin
 * backlog stays open and overdue), due times from the categories' SLA targets, requester contact
 * (anonymised where the retention period has passed) and searchable descriptions.
 *
 * Rows are built in creation order and written with multi-row INSERT … SELECT FROM unnest(…) (one
 * statement per batch, every column an array parameter), several batches in flight at once.
 *
 *   npx tsx scripts/generate-requests.ts --count 1000000 [--database-url postgres://…] [--seed 7]
 */

/** What the generator needs from a connection: pg.Pool (concurrent) or PGlite (serialised) both fit. */
export interface SqlClient {
  // biome-ignore lint/suspicious/noExplicitAny: rows are read by column name where they are used; pg and PGlite both type them loosely.
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

export interface GenerateRequestsOptions {
  count: number;
  /** Same seed, same data (apart from ids). */
  seed?: number;
  now?: Date;
  /** How many years of history end at `now`. */
  years?: number;
  timeZone?: string;
  /** As NSP_TRACKING_PREFIX: EH gives EH-2026-000123. */
  trackingPrefix?: string;
  /** Finished requests older than this have their requester contact removed, as the retention job does. */
  retentionDays?: number;
  batchSize?: number;
  /** Batches in flight at once (connections used). */
  concurrency?: number;
  onProgress?: (inserted: number, total: number) => void;
}

export interface GenerateRequestsSummary {
  inserted: number;
  milliseconds: number;
  byStatus: Record<string, number>;
  neighborhoods: Array<{ id: string; code: string; name: string }>;
  serviceCodes: string[];
}

const hourMs = 3_600_000;
const dayMs = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: small, fast, seedable; plenty for test data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function cumulative(weights: readonly number[]): Float64Array {
  const cdf = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((weight, index) => {
    sum += weight;
    cdf[index] = sum;
  });
  for (let index = 0; index < cdf.length; index += 1) cdf[index]! /= sum;
  return cdf;
}

/** Index drawn from a cumulative distribution (binary search). */
function draw(cdf: Float64Array, random: () => number): number {
  const target = random();
  let low = 0;
  let high = cdf.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cdf[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

/** Log-normal with the given median: response times are mostly quick with a long tail of late ones. */
function logNormal(median: number, sigma: number, random: () => number): number {
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(sigma * z);
}

// ---------------------------------------------------------------------------------------------------
// Reference data: neighborhoods, staff, categories

interface NeighborhoodRef {
  id: string;
  code: string;
  name: string;
  weight: number;
  box: { minLon: number; maxLon: number; minLat: number; maxLat: number };
  streets: string[];
  lieutenantId: string | null;
  officerIds: string[];
}

interface CategoryRef extends GeneratedCategory {
  slaFromDatabase: SlaTargets;
}

async function ensureNeighborhoods(
  client: SqlClient,
  since: Date,
  random: () => number,
): Promise<NeighborhoodRef[]> {
  const existing = await client.query(
    `select n.id, n.code, n.name, b.min_lon, b.max_lon, b.min_lat, b.max_lat
       from neighborhoods n
       left join neighborhood_boundaries b on b.neighborhood_id = n.id and b.valid_to is null
      where n.status = 'active'
      order by n.code`,
  );
  let rows = existing.rows;
  const created = rows.length === 0;
  if (created) {
    const columns = 3;
    const width = (townBox.maxLon - townBox.minLon) / columns;
    const height = (townBox.maxLat - townBox.minLat) / 2;
    for (const [index, neighborhood] of generatedNeighborhoods.entries()) {
      const box = {
        minLon: townBox.minLon + (index % columns) * width,
        maxLon: townBox.minLon + ((index % columns) + 1) * width,
        minLat: townBox.minLat + Math.floor(index / columns) * height,
        maxLat: townBox.minLat + (Math.floor(index / columns) + 1) * height,
      };
      const ring = [
        [box.minLon, box.minLat],
        [box.maxLon, box.minLat],
        [box.maxLon, box.maxLat],
        [box.minLon, box.maxLat],
        [box.minLon, box.minLat],
      ];
      const metersWide = (box.maxLon - box.minLon) * 111_320 * Math.cos((box.minLat * Math.PI) / 180);
      const metersHigh = (box.maxLat - box.minLat) * 110_540;
      const { rows: inserted } = await client.query(
        `insert into neighborhoods (code, name, description) values ($1, $2, 'Generated for benchmarks')
         returning id`,
        [neighborhood.code, neighborhood.name],
      );
      await client.query(
        `insert into neighborhood_boundaries
           (neighborhood_id, version_number, geometry, min_lon, min_lat, max_lon, max_lat, area_square_meters, valid_from)
         values ($1, 1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          inserted[0].id,
          JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
          box.minLon,
          box.minLat,
          box.maxLon,
          box.maxLat,
          metersWide * metersHigh,
          since.toISOString(),
        ],
      );
    }
    rows = (await client.query(REFETCH_NEIGHBORHOODS)).rows;
  }

  const staff = await ensureStaff(client, rows, created, since);
  // Workload is uneven: known weights for generated neighborhoods, a skewed draw otherwise.
  const weights = created
    ? rows.map(
        (row: { code: string }) => generatedNeighborhoods.find((g) => g.code === row.code)?.weight ?? 0.1,
      )
    : rows.map(() => 0.5 + random() * 1.5);
  return rows.map((row: NeighborhoodRow, index: number) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    weight: weights[index]!,
    box:
      row.min_lon === null
        ? townBox
        : { minLon: row.min_lon, maxLon: row.max_lon, minLat: row.min_lat, maxLat: row.max_lat },
    streets: streetNames.filter((_, streetIndex) => streetIndex % rows.length === index),
    lieutenantId: staff.get(row.id)?.lieutenantId ?? null,
    officerIds: staff.get(row.id)?.officerIds ?? [],
  }));
}

interface NeighborhoodRow {
  id: string;
  code: string;
  name: string;
  min_lon: number | null;
  max_lon: number;
  min_lat: number;
  max_lat: number;
}

const REFETCH_NEIGHBORHOODS = `select n.id, n.code, n.name, b.min_lon, b.max_lon, b.min_lat, b.max_lat
   from neighborhoods n
   join neighborhood_boundaries b on b.neighborhood_id = n.id and b.valid_to is null
  where n.status = 'active' order by n.code`;

/** The current lieutenant and officers per neighborhood; made up (with assignments) for generated ones. */
async function ensureStaff(
  client: SqlClient,
  neighborhoods: Array<{ id: string; name: string }>,
  createMissing: boolean,
  since: Date,
): Promise<Map<string, { lieutenantId: string | null; officerIds: string[] }>> {
  if (createMissing) {
    for (const [index, neighborhood] of neighborhoods.entries()) {
      const people = [
        { kind: 'lieutenant', role: 'coordination_lieutenant', name: `Lt. ${lastNames[index * 3]}` },
        { kind: 'nro', role: 'nro', name: `Officer ${lastNames[index * 3 + 1]}` },
        { kind: 'cso', role: 'cso', name: `CSO ${lastNames[index * 3 + 2]}` },
      ];
      for (const person of people) {
        const { rows } = await client.query(
          `insert into personnel (name, title, kind) values ($1, $2, $3) returning id`,
          [
            person.name,
            person.kind === 'lieutenant' ? 'Neighborhood Coordination Lieutenant' : '',
            person.kind,
          ],
        );
        await client.query(
          `insert into assignments (neighborhood_id, personnel_id, role, starts_at, reason)
           values ($1, $2, $3, $4, 'Generated for benchmarks')`,
          [neighborhood.id, rows[0].id, person.role, since.toISOString()],
        );
      }
    }
  }
  const { rows } = await client.query(
    `select neighborhood_id, personnel_id, role from assignments
      where starts_at <= now() and (ends_at is null or ends_at > now()) and superseded_by is null`,
  );
  const staff = new Map<string, { lieutenantId: string | null; officerIds: string[] }>();
  for (const row of rows) {
    const entry = staff.get(row.neighborhood_id) ?? { lieutenantId: null, officerIds: [] };
    if (row.role === 'coordination_lieutenant') entry.lieutenantId = row.personnel_id;
    else entry.officerIds.push(row.personnel_id);
    staff.set(row.neighborhood_id, entry);
  }
  return staff;
}

async function ensureCategories(client: SqlClient): Promise<CategoryRef[]> {
  for (const category of generatedCategories) {
    await client.query(
      `insert into service_types (code, name, description, "group", keywords, sla)
       values ($1, $2, $3, $4, $5, $6) on conflict (code) do nothing`,
      [
        category.code,
        JSON.stringify(category.name),
        JSON.stringify({ en: `${category.name.en} (generated category)` }),
        category.group,
        category.keywords,
        JSON.stringify(category.sla),
      ],
    );
  }
  const { rows } = await client.query('select code, sla from service_types where code = any($1)', [
    generatedCategories.map((category) => category.code),
  ]);
  const slaByCode = new Map(rows.map((row) => [row.code as string, row.sla as SlaTargets]));
  return generatedCategories.map((category) => ({
    ...category,
    slaFromDatabase: slaByCode.get(category.code) ?? category.sla,
  }));
}

// ---------------------------------------------------------------------------------------------------
// Statuses by age

type Status =
  | 'new'
  | 'triaged'
  | 'assigned'
  | 'in_progress'
  | 'resolved'
  | 'closed'
  | 'rejected'
  | 'duplicate';
const statuses: Status[] = [
  'new',
  'triaged',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'duplicate',
];

/** [max age in days, weights in `statuses` order]: the older a request, the likelier it is finished. */
const statusesByAge: Array<[number, Float64Array]> = [
  [1, cumulative([45, 25, 20, 7, 0, 0, 2, 1])],
  [7, cumulative([8, 12, 25, 25, 18, 5, 4, 3])],
  [30, cumulative([1.5, 2, 6, 8, 20, 52, 6, 4.5])],
  [180, cumulative([0.2, 0.3, 1, 1.5, 4, 82.5, 6, 4.5])],
  [Number.POSITIVE_INFINITY, cumulative([0.02, 0.03, 0.1, 0.15, 0.7, 88.5, 6, 4.5])],
];

const versionOf: Record<Status, number> = {
  new: 1,
  triaged: 2,
  assigned: 3,
  in_progress: 4,
  resolved: 5,
  closed: 6,
  rejected: 2,
  duplicate: 2,
};

const channels = ['phone', 'web', 'email', 'walk_in', 'social_media', 'integration'] as const;
const channelCdf = cumulative([45, 20, 10, 8, 5, 12]);
const contactShare: Record<(typeof channels)[number], number> = {
  phone: 0.75,
  web: 0.85,
  email: 1,
  walk_in: 0.9,
  social_media: 0.4,
  integration: 0.85,
};
const languages = ['en', 'es', 'pt', 'pl'] as const;
const languageCdf = cumulative([72, 17, 7, 4]);
const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
const notes = [
  'Spoke with the caller; an officer will check the area on the next shift.',
  'Referred to public works for follow-up.',
  'Extra patrols scheduled for {street} this week.',
  'Owner identified and warned; will follow up if it happens again.',
  'Raised at the community meeting; residents report the same problem.',
  'Unable to locate on arrival.',
];

// ---------------------------------------------------------------------------------------------------
// The rows

const columns = [
  ['id', 'uuid'],
  ['service_code', 'text'],
  ['status', 'text'],
  ['priority', 'text'],
  ['channel', 'text'],
  ['description', 'text'],
  ['address', 'text'],
  ['lat', 'float8'],
  ['lon', 'float8'],
  ['neighborhood_id', 'uuid'],
  ['assignee_id', 'uuid'],
  ['requester_name', 'text'],
  ['requester_email', 'text'],
  ['requester_phone', 'text'],
  ['requester_language', 'text'],
  ['parent_id', 'uuid'],
  ['first_response_due_at', 'timestamptz'],
  ['resolution_due_at', 'timestamptz'],
  ['first_responded_at', 'timestamptz'],
  ['resolved_at', 'timestamptz'],
  ['closed_at', 'timestamptz'],
  ['anonymized_at', 'timestamptz'],
  ['created_by_type', 'text'],
  ['search_text', 'text'],
  ['public_search_text', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['version', 'int4'],
] as const;

type Column = (typeof columns)[number][0];
type Batch = Record<Column, unknown[]>;

// Tracking numbers come from the same sequence the intake uses, so created requests never collide. The
// inner select draws one number per row (a volatile function keeps PostgreSQL from flattening it).
const insertSql = `
  insert into service_requests (tracking_number, ${columns.map(([name]) => name).join(', ')})
  select $${columns.length + 2}::text || '-' || to_char(s.created_at at time zone $${columns.length + 1}, 'YYYY')
           || '-' || lpad(s.number::text, greatest(6, length(s.number::text)), '0'),
         ${columns.map(([name]) => `s.${name}`).join(', ')}
    from (
      select u.*, nextval('service_request_number_seq') as number
        from unnest(${columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
          as u(${columns.map(([name]) => name).join(', ')})
    ) as s`;

/** Fills a description template; the request's own street and address make it read consistently. */
function fill(
  template: string,
  place: { street: string; address: string },
  neighborhood: NeighborhoodRef,
  random: () => number,
): string {
  return template
    .replace('{place}', place.address)
    .replace('{street2}', pick(neighborhood.streets, random))
    .replace(/\{street\}/g, place.street)
    .replace('{landmark}', pick(landmarks, random))
    .replace('{vehicle}', pick(vehicles, random))
    .replace('{color}', pick(colors, random))
    .replace('{time}', pick(timesOfDay, random));
}

/** "Loud music at 12 Main St every night. Neighbors have complained before." — varied like real reports. */
function describe(
  category: GeneratedCategory,
  place: { street: string; address: string },
  neighborhood: NeighborhoodRef,
  random: () => number,
): string {
  const subject = pick(category.subjects, random);
  const sentence = [subject, pick(placePhrases, random), pick(whenPhrases, random)].filter(Boolean).join(' ');
  const remark = pick(remarks, random);
  const text = `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.${remark ? ` ${remark}` : ''}`;
  return fill(text, place, neighborhood, random);
}

export async function generateServiceRequests(
  client: SqlClient,
  options: GenerateRequestsOptions,
): Promise<GenerateRequestsSummary> {
  const started = Date.now();
  const random = seededRandom(options.seed ?? 20_260_501);
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const years = options.years ?? 3;
  const timeZone = options.timeZone ?? defaultTimeZone;
  const trackingPrefix = options.trackingPrefix ?? 'EH';
  const retentionMs = (options.retentionDays ?? 730) * dayMs;
  const batchSize = options.batchSize ?? 5000;
  const concurrency = options.concurrency ?? 2;
  const since = new Date(nowMs - (years * 365.25 + 30) * dayMs);

  const neighborhoods = await ensureNeighborhoods(client, since, random);
  const categories = await ensureCategories(client);

  // Days of history in local time, with each local midnight as an instant (correct across DST).
  const today = DateTime.fromMillis(nowMs, { zone: timeZone }).startOf('day');
  const dayCount = Math.round(years * 365.25);
  const days = Array.from({ length: dayCount }, (_, index) => today.minus({ days: dayCount - 1 - index }));
  const midnights = Float64Array.from(days, (day) => day.toMillis());
  const holidays = [...new Set(days.map((day) => day.year))].flatMap((year) => [
    `${year}-01-01`,
    `${year}-07-04`,
    `${year}-12-25`,
  ]);
  const calendar: BusinessCalendar = { timeZone, weeklyHours: defaultWeeklyHours, holidays };

  // Per category: which day (season × weekday × slow growth) and which local hour.
  const quietWeekend = [1.15, 1.1, 1.05, 1.05, 1.1, 0.85, 0.7];
  const busyWeekend = [0.9, 0.9, 0.95, 1, 1.2, 1.35, 1.1];
  const categoryCdf = cumulative(categories.map((category) => category.share));
  const dayCdfs = categories.map((category) => {
    const weekday = category.hours[23]! > category.hours[12]! ? busyWeekend : quietWeekend;
    return cumulative(
      days.map(
        (day, index) =>
          category.months[day.month - 1]! * weekday[day.weekday - 1]! * (1 + (0.06 * index) / 365),
      ),
    );
  });
  const hourCdfs = categories.map((category) => cumulative(category.hours));
  const priorityCdfs = categories.map((category) => cumulative(category.priorities));
  const neighborhoodCdf = cumulative(neighborhoods.map((neighborhood) => neighborhood.weight));

  // First pass: when and what, then sorted so rows (and tracking numbers) go in in creation order.
  const createdMs = new Float64Array(options.count);
  const categoryOf = new Uint8Array(options.count);
  for (let index = 0; index < options.count; index += 1) {
    const category = draw(categoryCdf, random);
    const day = draw(dayCdfs[category]!, random);
    let at = midnights[day]! + (draw(hourCdfs[category]!, random) + random()) * hourMs;
    if (at > nowMs) at = nowMs - random() * (nowMs - midnights[day]!);
    createdMs[index] = at;
    categoryOf[index] = category;
  }
  const order = Uint32Array.from({ length: options.count }, (_, index) => index).sort(
    (a, b) => createdMs[a]! - createdMs[b]!,
  );

  const byStatus: Record<string, number> = {};
  const recentByNeighborhoodAndCategory = new Map<string, string>();
  const inFlight = new Set<Promise<void>>();
  let inserted = 0;

  for (let start = 0; start < options.count; start += batchSize) {
    const batch = Object.fromEntries(columns.map(([name]) => [name, []])) as unknown as Batch;
    const end = Math.min(options.count, start + batchSize);
    for (let position = start; position < end; position += 1) {
      const index = order[position]!;
      const category = categories[categoryOf[index]!]!;
      const neighborhood = neighborhoods[draw(neighborhoodCdf, random)]!;
      const created = createdMs[index]!;
      const ageDays = (nowMs - created) / dayMs;
      const status = statuses[draw(statusesByAge.find(([maxAge]) => ageDays <= maxAge)![1], random)]!;
      const priority = priorities[draw(priorityCdfs[categoryOf[index]!]!, random)]!;
      const channel = channels[draw(channelCdf, random)]!;
      const targets = category.slaFromDatabase.targets[priority];
      const clock = category.slaFromDatabase.clock;
      const firstDue = addServiceHours(
        new Date(created),
        targets.firstResponseHours,
        clock,
        calendar,
      ).getTime();
      const resolutionDue = addServiceHours(
        new Date(created),
        targets.resolutionHours,
        clock,
        calendar,
      ).getTime();

      // Response and resolution times: median well inside the target, a long tail that breaches it.
      const atMostNow = (ms: number, from: number) => (ms <= nowMs ? ms : from + random() * (nowMs - from));
      let firstResponded: number | null = null;
      let resolved: number | null = null;
      let closed: number | null = null;
      if (status !== 'new') {
        firstResponded = atMostNow(
          created + logNormal(0.4 * (firstDue - created), 1, random) + 60_000,
          created,
        );
      }
      if (status === 'resolved' || status === 'closed') {
        resolved = atMostNow(
          Math.max(firstResponded!, created + logNormal(0.45 * (resolutionDue - created), 0.9, random)),
          firstResponded!,
        );
      }
      if (status === 'closed') closed = atMostNow(resolved! + logNormal(2 * dayMs, 0.8, random), resolved!);
      if (status === 'rejected') closed = firstResponded;

      const id = randomUUID();
      const recentKey = `${neighborhood.id}:${category.code}`;
      const parent = status === 'duplicate' ? (recentByNeighborhoodAndCategory.get(recentKey) ?? null) : null;
      recentByNeighborhoodAndCategory.set(recentKey, id);
      const updated = Math.max(created, firstResponded ?? 0, resolved ?? 0, closed ?? 0);
      const finishedAt =
        status === 'closed' || status === 'rejected' ? closed! : status === 'duplicate' ? updated : null;
      const anonymized = finishedAt !== null && nowMs - finishedAt > retentionMs;
      const hasContact = !anonymized && random() < contactShare[channel];
      const first = pick(firstNames, random);
      const last = pick(lastNames, random);

      const street = pick(neighborhood.streets, random);
      const place = { street, address: `${1 + Math.floor(random() * 400)} ${street}` };
      const description = describe(category, place, neighborhood, random);
      // Integrations often send coordinates only.
      const address = channel !== 'integration' || random() < 0.7 ? place.address : null;
      const note =
        status !== 'new' && random() < 0.3 ? fill(pick(notes, random), place, neighborhood, random) : '';
      const assignee =
        status === 'in_progress' || status === 'resolved' || status === 'closed'
          ? random() < 0.35 && neighborhood.officerIds.length > 0
            ? pick(neighborhood.officerIds, random)
            : neighborhood.lieutenantId
          : neighborhood.lieutenantId;

      batch.id.push(id);
      batch.service_code.push(category.code);
      batch.status.push(status);
      batch.priority.push(priority);
      batch.channel.push(channel);
      batch.description.push(description);
      batch.address.push(address);
      batch.lat.push(
        neighborhood.box.minLat + random() * (neighborhood.box.maxLat - neighborhood.box.minLat),
      );
      batch.lon.push(
        neighborhood.box.minLon + random() * (neighborhood.box.maxLon - neighborhood.box.minLon),
      );
      batch.neighborhood_id.push(neighborhood.id);
      batch.assignee_id.push(assignee);
      batch.requester_name.push(hasContact ? `${first} ${last}` : null);
      batch.requester_email.push(
        hasContact && random() < 0.7
          ? `${first}.${last}${Math.floor(random() * 100)}@example.com`.toLowerCase()
          : null,
      );
      batch.requester_phone.push(
        hasContact && random() < 0.8
          ? `(860) 555-${String(Math.floor(random() * 10_000)).padStart(4, '0')}`
          : null,
      );
      batch.requester_language.push(languages[draw(languageCdf, random)]);
      batch.parent_id.push(parent);
      batch.first_response_due_at.push(new Date(firstDue).toISOString());
      batch.resolution_due_at.push(new Date(resolutionDue).toISOString());
      batch.first_responded_at.push(firstResponded === null ? null : new Date(firstResponded).toISOString());
      batch.resolved_at.push(resolved === null ? null : new Date(resolved).toISOString());
      batch.closed_at.push(closed === null ? null : new Date(closed).toISOString());
      batch.anonymized_at.push(
        anonymized ? new Date(finishedAt! + retentionMs + random() * dayMs).toISOString() : null,
      );
      batch.created_by_type.push(channel === 'web' || channel === 'integration' ? 'api_client' : 'user');
      batch.search_text.push([description, address, note].filter(Boolean).join(' '));
      // The generated notes read as public updates, so both search texts hold them.
      batch.public_search_text.push([description, address, note].filter(Boolean).join(' '));
      batch.created_at.push(new Date(created).toISOString());
      batch.updated_at.push(new Date(updated).toISOString());
      batch.version.push(versionOf[status]);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    }

    const size = end - start;
    const write: Promise<void> = client
      .query(insertSql, [...columns.map(([name]) => batch[name]), timeZone, trackingPrefix])
      .then(() => {
        inFlight.delete(write);
        inserted += size;
        options.onProgress?.(inserted, options.count);
      });
    inFlight.add(write);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);

  return {
    inserted,
    milliseconds: Date.now() - started,
    byStatus,
    neighborhoods: neighborhoods.map(({ id, code, name }) => ({ id, code, name })),
    serviceCodes: categories.map((category) => category.code),
  };
}

// ---------------------------------------------------------------------------------------------------
// CLI

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '100000' },
      'database-url': { type: 'string' },
      seed: { type: 'string' },
      years: { type: 'string', default: '3' },
      'batch-size': { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: '2' },
      help: { type: 'boolean', default: false },
    },
  });
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (values.help || !databaseUrl) {
    process.stdout.write(
      'Usage: tsx scripts/generate-requests.ts --count N [--database-url postgres://…] [--seed S] [--years Y]\n' +
        'Migrates the database, adds neighborhoods, staff and categories if it has none, then N requests.\n',
    );
    process.exit(databaseUrl ? 0 : 1);
  }
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a whole number >= 1');
  const database = await openDatabase({ databaseUrl, dataDir: '', poolSize: Number(values.concurrency) + 1 });
  try {
    await applyMigrations(database);
    let lastReport = 0;
    const summary = await generateServiceRequests(database.pool!, {
      count,
      years: Number(values.years),
      batchSize: Number(values['batch-size']),
      concurrency: Number(values.concurrency),
      ...(values.seed ? { seed: Number(values.seed) } : {}),
      onProgress(done, total) {
        if (done - lastReport >= total / 20 || done === total) {
          lastReport = done;
          process.stdout.write(`  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}\n`);
        }
      },
    });
    process.stdout.write('Analyzing…\n');
    await database.pool!.query('vacuum (analyze) service_requests');
    process.stdout.write(
      `${summary.inserted.toLocaleString('en-US')} requests in ${(summary.milliseconds / 1000).toFixed(1)} s\n` +
        `${JSON.stringify(summary.byStatus)}\n`,
    );
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
