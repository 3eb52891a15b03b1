import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import PgBoss from 'pg-boss';
import type { AppConfig } from '../config.ts';
import type { DatabaseHandle } from '../db/client.ts';
import type { BackgroundJob, JobContext } from '../lib/background-jobs.ts';

/**
 * Background jobs on a PostgreSQL-backed queue (pg-boss 10), so they are safe with several API
 * instances: pg-boss hands each job to one worker (SKIP LOCKED), its cron sends one job per slot
 * across all instances, and every job is also written to be correct when two runs overlap.
 */

export interface JobQueue {
  readonly jobs: readonly BackgroundJob[];
  /** Enqueues a run of a job (the cron does this on schedule); any instance's worker picks it up. */
  trigger(name: string): Promise<void>;
  /** Runs a job in this process now, outside the queue (tests, operators). */
  runNow(name: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  database: DatabaseHandle;
  config: AppConfig;
  log: FastifyBaseLogger;
  jobs: readonly BackgroundJob[];
  /** How often an idle worker looks for work (cross-instance triggers wait at most this long). */
  pollingIntervalSeconds?: number;
}

/** pg-boss keeps its own tables in this schema and migrates them itself at start. */
export const jobQueueSchema = 'pgboss';

/**
 * pg-boss runs its SQL through this adapter: the app's pg pool on PostgreSQL (no second pool), or
 * PGlite in embedded mode. pg-boss sends multi-statement scripts (its migrations, BEGIN … COMMIT
 * blocks) without parameters; PGlite runs those through exec(), which allows several statements.
 */
export function jobQueueDatabaseAdapter(database: DatabaseHandle): PgBoss.Db {
  if (database.kind === 'postgres') {
    const pool = database.pool!;
    return { executeSql: (text, values) => pool.query(text, values) };
  }
  const pglite = database.pglite!;
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return pglite.query(text, values);
      const results = await pglite.exec(text);
      return results.at(-1) ?? { rows: [] };
    },
  };
}

export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { database, config, log } = options;
  const jobs = options.jobs;
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const boss = new PgBoss({
    db: jobQueueDatabaseAdapter(database),
    schema: jobQueueSchema,
    // A crashed instance's jobs come back after their expiry instead of staying active forever.
    expireInSeconds: 15 * 60,
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
  });
  boss.on('error', (error) => log.warn({ err: error }, 'job queue error'));

  const localWorkers = new Map<string, string>();
  const context: JobContext = {
    db: database.db,
    config,
    log,
    trigger: (name) => queue.trigger(name),
  };

  async function run(job: BackgroundJob): Promise<Record<string, unknown>> {
    const started = Date.now();
    try {
      const result = await job.run(context);
      // Runs every minute mostly find nothing; only runs that changed something are worth an info line.
      const didWork = Object.values(result).some((value) => typeof value === 'number' && value > 0);
      log[didWork ? 'info' : 'debug'](
        { job: job.name, ms: Date.now() - started, ...result },
        'background job finished',
      );
      return result;
    } catch (error) {
      log.error({ job: job.name, err: error }, 'background job failed');
      throw error;
    }
  }

  const queue: JobQueue = {
    jobs,
    async trigger(name) {
      if (!byName.has(name)) throw new Error(`Unknown background job ${name}`);
      // null means a run is already waiting (stately queue): that run will see this work too.
      await boss.send(name, {});
      const workerId = localWorkers.get(name);
      if (workerId) boss.notifyWorker(workerId);
    },
    async runNow(name) {
      const job = byName.get(name);
      if (!job) throw new Error(`Unknown background job ${name}`);
      return run(job);
    },
    async stop() {
      // Within server.ts's 10 s shutdown budget; a job cut short is failed and retried by another instance.
      await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
    },
  };

  await boss.start();
  for (const job of jobs) {
    // Stately: at most one run waiting and one running per job across all instances, so a slow run
    // and the next cron tick never pile up.
    await boss.createQueue(job.name, { name: job.name, policy: 'stately' });
    const workerId = await boss.work(
      job.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
      async () => run(job),
    );
    localWorkers.set(job.name, workerId);
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: config.timeZone });
    else await boss.unschedule(job.name);
  }
  // A job that no longer exists in the code must not keep being sent by the cron.
  for (const schedule of await boss.getSchedules()) {
    if (!byName.has(schedule.name)) await boss.unschedule(schedule.name);
  }
  return queue;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The background job queue, or null when this instance does not run jobs (config.runJobs). */
    jobs: JobQueue | null;
    /** Every job the modules registered (see registerBackgroundJobs), whether or not this instance runs them. */
    backgroundJobs: readonly BackgroundJob[];
    /** Called by a module while it registers; the queue starts with all of them once the routes are in. */
    registerBackgroundJobs(...jobs: BackgroundJob[]): void;
  }
}

/**
 * Registered before the modules: collects their jobs. A module calls
 * `app.registerBackgroundJobs(...)`; the jobs plugin, registered after every module, starts them.
 */
export const jobRegistryPlugin = fp(
  async (app: FastifyInstance) => {
    const registered: BackgroundJob[] = [];
    app.decorate('backgroundJobs', registered);
    app.decorate('registerBackgroundJobs', (...jobs: BackgroundJob[]) => {
      for (const job of jobs) {
        if (registered.some((existing) => existing.name === job.name)) {
          throw new Error(`Background job ${job.name} is registered twice`);
        }
        registered.push(job);
      }
    });
  },
  { name: 'nsp-job-registry' },
);

/** Starts the job queue with the app when config.runJobs is set, and stops it before the database closes. */
export const jobsPlugin = fp(
  async (app: FastifyInstance, options: { config: AppConfig; pollingIntervalSeconds?: number }) => {
    if (!options.config.runJobs) {
      app.decorate('jobs', null);
      return;
    }
    const queue = await startJobQueue({
      jobs: app.backgroundJobs,
      database: app.database,
      config: options.config,
      log: app.log.child({ component: 'jobs' }),
      ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
    });
    app.decorate('jobs', queue);
    app.addHook('onClose', async () => queue.stop());
  },
  { name: 'nsp-jobs', dependencies: ['nsp-database', 'nsp-job-registry'] },
);
