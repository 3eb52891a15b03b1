import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';

/**
 * Runs raw SQL and returns its rows, the same on both drivers (node-postgres and PGlite both
 * answer `{ rows }`). For queries drizzle's builder cannot express (percentiles, CTEs, unnest).
 */
export async function queryRows<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
