import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';

/**
 * What a background job is. Modules define their jobs with these types and hand them to the app
 * with `app.registerBackgroundJobs(...)` while they register; the jobs plugin (registered last)
 * runs whatever was registered. Modules therefore import this file, never the plugin, and the
 * plugin imports no module: the arrows point one way.
 */
export interface JobContext {
  db: Database;
  config: AppConfig;
  log: FastifyBaseLogger;
  /** Asks the queue to run a job soon; coalesced, so at most one run of it is waiting at a time. */
  trigger(name: string): Promise<void>;
}

export interface BackgroundJob {
  name: string;
  /** Cron expression (five fields) in the department's time zone (NSP_TIMEZONE). */
  cron?: string;
  /** What the run did, for the log and for tests; never personal data. */
  run(context: JobContext): Promise<Record<string, unknown>>;
}
