import { type ListServiceRequestsQuery, requestPriorityValues, type ServiceRequest } from '@nsp/contracts';
import { and, eq, gte, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, unionAll } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { BuiltQueries } from '../../db/prepared-statements.ts';
import type { PublicCache } from '../public/public-cache.ts';
import { SentAgainReplies } from '../../lib/reply-serializer.ts';
import { requestViewCacheOptions } from './view-cache.ts';
import { serviceRequests as sr } from '../../db/schema/index.ts';
import { ValidationError } from '../../lib/errors.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../../lib/pagination.ts';
import { selectViews, toView } from './repo.ts';
import { openStatuses, requestStatuses } from './request-workflow.ts';
import { requesterMatch } from './requester-search.ts';
import { parseTrackingNumberQuery, trackingNumberCondition } from './tracking-number-search.ts';
import { clockDecided, presentRequest, searchesInternalNotes, type Viewer } from './visibility.ts';

type Sort = NonNullable<ListServiceRequestsQuery['sort']>;
type Status = (typeof requestStatuses)[number];
/** Per status; null when that status's group had more matches than the count limit. */
type StatusCounts = Record<Status, number | null>;

const openStatusSet: ReadonlySet<Status> = new Set(openStatuses);
const finishedStatuses = requestStatuses.filter((status) => !openStatusSet.has(status));

export interface QueueOptions {
  /** This department's tracking-number prefix (EH), for numbers typed without it. */
  trackingPrefix?: string | undefined;
  /** Whose "me" and "mine" the filters mean (callerAssignments); absent: those filters match nothing. */
  caller?: { personnelId: string | null; neighborhoodIds: readonly string[] } | undefined;
  /** Numbering plan for phone numbers typed without a country code (requester search). */
  phoneRegion?: string | undefined;
  /** Remembered first pages (view-cache.ts): only for reads outside a transaction. */
  cache?: PublicCache | undefined;
}

const matchNothing = sql`false`;

/** The queue's statements of recent first pages, built once each (see listServiceRequests). */
const builtQueries = new BuiltQueries();

/** Sort key columns (the id breaks ties) and direction of each sort the queue offers. */
const sortSpecs: Record<Sort, { columns: AnyPgColumn[]; descending: boolean }> = {
  dueAt: { columns: [sr.resolutionDueAt], descending: false },
  '-dueAt': { columns: [sr.resolutionDueAt], descending: true },
  createdAt: { columns: [sr.createdAt], descending: false },
  '-createdAt': { columns: [sr.createdAt], descending: true },
  // P1 sorts before P2 as text; within a priority the earliest due comes first.
  priority: { columns: [sr.priority, sr.resolutionDueAt], descending: false },
  '-priority': { columns: [sr.priority, sr.resolutionDueAt], descending: true },
};

/**
 * Status, priority and the open set are a closed list of known words, so they are written into the
 * SQL as literals: the planner can then prove `status in (...)` implies the open-request partial
 * indexes' predicate, which it cannot do for bind parameters in a generic plan.
 */
const literalList = (values: readonly string[]) =>
  sql.raw(values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', '));
const openList = literalList(openStatuses);
const finishedList = literalList(finishedStatuses);

/** Every filter of the query but `status` and `q` (the search is joined in by searchConditions). */
function filterConditions(query: ListServiceRequestsQuery, now: Date, options: QueueOptions): SQL[] {
  const conditions: SQL[] = [];
  const neighborhoodIds =
    query.neighborhoodId === 'mine' ? (options.caller?.neighborhoodIds ?? []) : query.neighborhoodId;
  if (query.neighborhoodId === 'mine' && neighborhoodIds?.length === 0) conditions.push(matchNothing);
  else if (neighborhoodIds?.length) {
    conditions.push(
      neighborhoodIds.length === 1
        ? eq(sr.neighborhoodId, neighborhoodIds[0]!)
        : inArray(sr.neighborhoodId, [...neighborhoodIds]),
    );
  }
  if (query.serviceCode?.length) {
    conditions.push(
      query.serviceCode.length === 1
        ? eq(sr.serviceCode, query.serviceCode[0]!)
        : inArray(sr.serviceCode, query.serviceCode),
    );
  }
  if (query.priority?.length) conditions.push(sql`${sr.priority} in (${literalList(query.priority)})`);
  if (query.assigneeId === 'none') conditions.push(isNull(sr.assigneeId));
  else if (query.assigneeId === 'me') {
    const personnelId = options.caller?.personnelId;
    conditions.push(personnelId ? eq(sr.assigneeId, personnelId) : matchNothing);
  } else if (query.assigneeId !== undefined) conditions.push(eq(sr.assigneeId, query.assigneeId));
  if (query.dueBefore !== undefined) conditions.push(lt(sr.resolutionDueAt, new Date(query.dueBefore)));
  // Overdue is decided now, from the due time: nothing stored can go stale.
  const overdue = sql`${sr.status} in (${openList}) and ${sr.resolutionDueAt} < ${now.toISOString()}::timestamptz`;
  if (query.overdue === 'true') conditions.push(overdue);
  if (query.overdue === 'false') conditions.push(sql`not (${overdue})`);
  if (query.createdFrom !== undefined) conditions.push(gte(sr.createdAt, new Date(query.createdFrom)));
  if (query.createdTo !== undefined) conditions.push(lt(sr.createdAt, new Date(query.createdTo)));
  return conditions;
}

/**
 * What `q` finds: the words (full text), the requester (name or phone, when asked for and allowed),
 * and a tracking number. The status filter applies to what the words and the requester find; a
 * tracking number finds its request whatever the status filter (someone reading a number out wants
 * that request, open or closed).
 */
function searchConditions(
  query: ListServiceRequestsQuery,
  viewer: Viewer,
  now: Date,
  options: QueueOptions,
): { filtered: SQL | undefined; anyStatus: SQL | undefined } {
  if (query.q === undefined) return { filtered: undefined, anyStatus: undefined };
  // The stored tsvector (GIN-indexed): no to_tsvector per row, whichever index the planner walks.
  // Only staff search internal notes; everyone else searches what they could read anyway.
  const vector = searchesInternalNotes(viewer) ? sr.searchVector : sr.publicSearchVector;
  const fullText = sql`${vector} @@ websearch_to_tsquery('english', ${query.q})`;
  const requester = query.matchRequester
    ? requesterMatch(
        { name: sr.requesterName, phone: sr.requesterPhone },
        query.q,
        options.phoneRegion ?? 'US',
      )
    : null;
  // A tracking number matches its request exactly (the search text does not hold the number).
  const trackingNumber = parseTrackingNumberQuery(query.q, options.trackingPrefix);
  return {
    filtered: requester ? sql`(${fullText} or ${requester})` : fullText,
    anyStatus: trackingNumber ? trackingNumberCondition(trackingNumber, now) : undefined,
  };
}

/** The status filter and the search together (see searchConditions). */
function statusAndSearch(status: SQL | undefined, search: ReturnType<typeof searchConditions>) {
  const filtered = and(status, search.filtered);
  if (!search.anyStatus) return filtered;
  return filtered ? sql`((${filtered}) or ${search.anyStatus})` : search.anyStatus;
}

const castFor = (column: AnyPgColumn) => (column === sr.priority ? sql.raw('text') : sql.raw('timestamptz'));

/**
 * Keyset condition: rows strictly after the cursor's row in the sort order, as one row comparison
 * `(k1, k2, id) > (...)` that a btree index on the sort columns can start from.
 */
function afterCursor(sort: Sort, cursor: string | undefined): SQL | undefined {
  const spec = sortSpecs[sort];
  const values = decodeCursor(cursor, cursorKeys[sort]);
  if (!values) return undefined;
  if (values[0] !== sort) {
    throw new ValidationError('The cursor belongs to another sort order; start again from the first page.', [
      { path: 'cursor', message: 'was issued for another sort', in: 'querystring' },
    ]);
  }
  const keys = values.slice(1) as string[];
  const left = sql.join([...spec.columns.map((column) => sql`${column}`), sql`${sr.id}`], sql`, `);
  const right = sql.join(
    [
      ...spec.columns.map((column, index) => sql`${keys[index]}::${castFor(column)}`),
      sql`${keys[spec.columns.length]}::uuid`,
    ],
    sql`, `,
  );
  return spec.descending ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

/** Each sort's cursor: the sort's name, its key columns (a priority or a time), then the id. */
const cursorKeys = Object.fromEntries(
  (Object.keys(sortSpecs) as Sort[]).map((sort) => {
    const keyParts = sortSpecs[sort].columns.map((column) =>
      column === sr.priority ? z.enum(requestPriorityValues) : cursorPart.timestamp,
    );
    return [sort, z.tuple([cursorPart.text, ...keyParts, cursorPart.uuid])];
  }),
) as unknown as Record<Sort, z.ZodTuple>;

const statusCondition = (statuses: readonly string[] | undefined) =>
  statuses?.length ? sql`${sr.status} in (${literalList(statuses)})` : undefined;

export interface QueuePage {
  items: ServiceRequest[];
  nextCursor: string | null;
  counts: StatusCounts | null;
  matchesAtLeast: number | null;
  trackingNumberMatch: { id: string; trackingNumber: string } | null;
}

/**
 * Counting stops after this many matching requests: beyond it a count costs more than the page itself
 * (every full-text match is a random heap read) and "20,000+" tells a person as much as the number.
 * Open and finished requests are counted separately, each up to the limit.
 */
export const countLimits = { filters: 20_000, fullText: 2_000 } as const;

/**
 * How many requests of each status match every filter but `status` (the queue's tabs: with the open
 * statuses shown, "Closed" still says how many closed ones there are). Open and finished statuses are
 * counted in two branches of one statement, each stopping past `limit` rows: the open branch's literal
 * status list lets the planner use the open-request covering indexes (index-only scans, migration 0007),
 * and the many finished requests cannot push the open counts over the limit. A branch that stops
 * leaves its statuses null.
 */
async function countByStatus(
  executor: Executor,
  conditions: SQL[],
  query: ListServiceRequestsQuery,
  limit: number,
  reuseKey: string | undefined,
): Promise<{ counts: StatusCounts; overLimit: boolean }> {
  const branch = (statuses: SQL | undefined) =>
    executor
      .select({ status: sr.status })
      .from(sr)
      .where(and(...conditions, statuses && sql`${sr.status} in (${statuses})`))
      .limit(limit + 1);
  // Overdue requests are open by definition (the overdue condition says so): no finished branch, and
  // no second copy of the open list, which would make the planner misjudge the rows and leave the
  // covering index (EXPLAIN ANALYZE at 1,000,000 requests: 35 ms instead of 3 ms).
  const countQuery = () => {
    const matching = (
      query.overdue === 'true' ? branch(undefined) : unionAll(branch(openList), branch(finishedList))
    ).as('matching');
    return executor
      .select({ status: matching.status, count: sql<number>`count(*)::int` })
      .from(matching)
      .groupBy(matching.status);
  };
  const rows = reuseKey
    ? await builtQueries.run(executor, `counts ${reuseKey}`, countQuery)
    : await countQuery();
  const found = new Map(rows.map((row) => [row.status, Number(row.count)]));
  const total = (statuses: readonly Status[]) =>
    statuses.reduce((sum, status) => sum + (found.get(status) ?? 0), 0);
  const openOverLimit = total(openStatuses) > limit;
  const finishedOverLimit = total(finishedStatuses) > limit;
  const counts = Object.fromEntries(
    requestStatuses.map((status) => {
      const overLimit = openStatusSet.has(status) ? openOverLimit : finishedOverLimit;
      return [status, overLimit ? null : (found.get(status) ?? 0)];
    }),
  ) as StatusCounts;
  return { counts, overLimit: openOverLimit || finishedOverLimit };
}

/**
 * Search results come newest first (someone looking a request up wants the recent one, and walking
 * the creation-time index stops after a page); the queue otherwise comes by due time.
 */
export function effectiveSort(query: Pick<ListServiceRequestsQuery, 'sort' | 'q'>): Sort {
  return query.sort ?? (query.q !== undefined ? '-createdAt' : 'dueAt');
}

/**
 * The triage queue: filters, full-text or tracking-number search, one of six sorts, keyset pages (page
 * 20 costs what page 1 costs and rows never repeat or vanish between pages while the data holds still),
 * and on the first page the number of requests of each status that match the other filters (up to a
 * limit).
 */
export async function listServiceRequests(
  executor: Executor,
  viewer: Viewer,
  query: ListServiceRequestsQuery,
  now: Date,
  options: QueueOptions = {},
): Promise<QueuePage> {
  const sort = effectiveSort(query);
  const spec = sortSpecs[sort];
  const filters = filterConditions(query, now, options);
  const search = searchConditions(query, viewer, now, options);
  const matching = statusAndSearch(statusCondition(query.status), search);
  const conditions = matching ? [...filters, matching] : filters;
  // The counts per status: every filter and the search, but not the status filter.
  const searched = statusAndSearch(undefined, search);
  const otherFilters = searched ? [...filters, searched] : filters;
  const keyset = afterCursor(sort, query.cursor);
  const direction = spec.descending ? sql.raw('desc') : sql.raw('asc');
  // The sort keys as PostgreSQL prints them: exact to the microsecond, unlike a JavaScript Date.
  const sortKeys = Object.fromEntries(
    spec.columns.map((column, index) => [`sortKey${index}`, sql<string>`${column}::text`]),
  );

  // A first page without search or overdue filter is decided by the query and the caller alone (no
  // clock, no typed text): its two statements are built once and reused (BuiltQueries).
  const reuseKey =
    query.q === undefined && query.overdue === undefined && query.cursor === undefined
      ? JSON.stringify([viewer, query, options.caller ?? null])
      : undefined;
  const rowsQuery = () =>
    selectViews(executor, sortKeys)
      .where(and(...conditions, keyset))
      .orderBy(...spec.columns.map((column) => sql`${column} ${direction}`), sql`${sr.id} ${direction}`)
      .limit(query.limit + 1);
  const countLimit = query.q !== undefined ? countLimits.fullText : countLimits.filters;
  const readPage = () =>
    Promise.all([
      reuseKey ? builtQueries.run(executor, `rows ${reuseKey}`, rowsQuery) : rowsQuery(),
      query.counts && !query.cursor
        ? countByStatus(executor, otherFilters, query, countLimit, reuseKey)
        : Promise.resolve(null),
    ]);
  // Such a page's rows are also remembered until anything they show changes (view-cache.ts).
  const pagePromise =
    reuseKey && options.cache
      ? options.cache.get(`queue ${reuseKey}`, requestViewCacheOptions, readPage)
      : readPage();
  const exactNumber =
    query.q !== undefined && !query.cursor ? parseTrackingNumberQuery(query.q, options.trackingPrefix) : null;
  const exactPromise =
    exactNumber?.kind === 'exact'
      ? executor
          .select({ id: sr.id, trackingNumber: sr.trackingNumber })
          .from(sr)
          .where(eq(sr.trackingNumber, exactNumber.trackingNumber))
          .limit(1)
      : Promise.resolve([]);
  const [page, [exact]] = await Promise.all([pagePromise, exactPromise]);
  const [rows, counted] = page;

  const hasMore = rows.length > query.limit;
  const pageRows = hasMore ? rows.slice(0, query.limit) : rows;
  const last = pageRows[pageRows.length - 1] as Record<string, unknown> | undefined;
  const nextCursor =
    hasMore && last
      ? encodeCursor([
          sort,
          ...spec.columns.map((_, index) => String(last[`sortKey${index}`])),
          String(last.id),
        ])
      : null;
  const present = (): QueuePage => ({
    items: pageRows.map((record) => presentRequest(toView(record as never), viewer, now)),
    nextCursor,
    counts: counted?.counts ?? null,
    matchesAtLeast: counted?.overLimit ? countLimit : null,
    trackingNumberMatch: exact ?? null,
  });
  if (!(reuseKey && options.cache)) return present();
  // A remembered page gives the same reply while the clock decides the same of its rows: its JSON is
  // then written and compressed once (sentAgain).
  const clock = pageRows
    .map((record) => {
      const decided = clockDecided(record as never, now);
      return `${decided.overdue ? 1 : 0}${decided.firstResponseOverdue ? 1 : 0}`;
    })
    .join('');
  return presentedPages.get(page, `${viewer} ${clock}`, present);
}

/** The replies made from remembered pages, by viewer and what the clock decided of each row. */
const presentedPages = new SentAgainReplies<QueuePage>();
