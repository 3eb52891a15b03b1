import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Limits of the automatic prepared statements. Statements longer than this, or with more
 * parameters, are one-offs (bulk inserts, imports) that would only fill the server's memory.
 */
export const preparedStatementLimits = {
  maxTextLength: 16_384,
  maxParameters: 200,
  /** Named statements per connection; beyond this, new texts run unnamed (planned every time). */
  perConnection: 1_000,
  /** Text → name memo shared by all connections (hashing a 2 kB text costs more than a lookup). */
  memoEntries: 5_000,
} as const;

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `nsp_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    if (names.size >= preparedStatementLimits.memoEntries) names.delete(names.keys().next().value!);
    names.set(text, name);
  }
  return name;
}

/**
 * A pg client that runs every parameterized statement as a named prepared statement, named after its
 * text. PostgreSQL then parses and plans a statement once per connection instead of on every call:
 * on the queue page (two statements) planning cost more than executing (EXPLAIN ANALYZE: 1.6-4.5 ms
 * planning for 0.7-1.1 ms execution), and replaying the page's statements with names ran ~4× as many
 * per second as without (bench/report.bench.ts, NSP_BENCH_NAME_ALL). After five executions PostgreSQL
 * may switch a statement to a generic plan; the queue writes its closed sets of statuses as literals
 * for that reason (list-requests.ts). Drizzle's own named statements (`.prepare(name)`) keep their names.
 */
export class PreparingClient extends pg.Client {
  /** The names this connection has prepared (the server keeps them until the connection closes). */
  readonly preparedNames = new Set<string>();
}

/** pg's own query(), looked up on each call (a benchmark may wrap it to see what is sent). */
const baseQuery = {
  call: (self: unknown, ...args: unknown[]) =>
    (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(self, args),
  apply: (self: unknown, args: unknown[]) =>
    (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(self, args),
};

PreparingClient.prototype.query = function query(this: PreparingClient, ...args: unknown[]) {
  const [first, second] = args;
  let config: { text: string; values?: unknown[]; name?: string } | undefined;
  let values: unknown[] | undefined;
  if (typeof first === 'string') {
    values = Array.isArray(second) ? second : undefined;
    if (values) config = { text: first };
  } else if (
    first &&
    typeof first === 'object' &&
    typeof (first as { text?: unknown }).text === 'string' &&
    typeof (first as { submit?: unknown }).submit !== 'function' &&
    !(first as { name?: unknown }).name
  ) {
    config = first as typeof config;
    values = Array.isArray(second) ? second : config!.values;
  }
  if (config && values && values.length > 0 && values.length <= preparedStatementLimits.maxParameters) {
    const text = config.text;
    if (text.length <= preparedStatementLimits.maxTextLength) {
      const name = nameOf(text);
      const prepared = this.preparedNames;
      if (prepared.has(name) || prepared.size < preparedStatementLimits.perConnection) {
        prepared.add(name);
        const rest = args.slice(Array.isArray(second) ? 2 : 1);
        return baseQuery.call(this, { ...config, name, values }, ...rest);
      }
    }
  }
  return baseQuery.apply(this, args);
} as pg.Client['query'];

/** A drizzle query that can be built once and run again (select builders, unions). */
interface Preparable<Result> {
  toSQL(): { sql: string };
  prepare(name: string): { execute(): Promise<Result> };
}

/**
 * Runs a drizzle query whose SQL is fully decided by `key` (values included), building it only the
 * first time that key is seen on this database: building a query (drizzle walking its SQL tree on
 * every call) cost the queue page more CPU than PostgreSQL spent answering it. The data is read
 * afresh on every call; only the statement text and its values are kept. At most `limit` keys are
 * kept per database, the least recently used dropped first.
 */
export class BuiltQueries {
  private readonly byDatabase = new WeakMap<object, Map<string, { execute(): Promise<unknown> }>>();

  constructor(private readonly limit = 500) {}

  run<Result>(database: object, key: string, build: () => Preparable<Result>): Promise<Result> {
    let queries = this.byDatabase.get(database);
    if (!queries) {
      queries = new Map();
      this.byDatabase.set(database, queries);
    }
    let query = queries.get(key) as { execute(): Promise<Result> } | undefined;
    if (query) queries.delete(key);
    else {
      const built = build();
      query = built.prepare(nameOf(built.toSQL().sql));
      if (queries.size >= this.limit) queries.delete(queries.keys().next().value!);
    }
    queries.set(key, query);
    return query.execute();
  }
}
