import type { Database } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../log.ts';
import type { Clock } from './clock.ts';

/** What a job run gets: the database, the one clock, and who is running it. */
export interface JobContext {
  db: Database;
  clock: Clock;
  env: Env;
  log: Logger;
  /** This server instance (several may share one database; each run happens on one of them). */
  instanceId: string;
  /**
   * Set for `perDealershipTimezone` jobs run by the schedule: this run covers the dealerships in
   * this time zone (the slot was evaluated there).
   */
  timezone?: string;
  /** Set for a run a manager triggered by hand: it covers this dealership only. */
  dealershipId?: string;
}

export interface JobResult {
  /** How many items the run processed (leads checked, rows deleted, notifications sent …). */
  items: number;
}

/**
 * A scheduled job. The scheduler (jobs/scheduler.ts) claims each run in the database, so with N
 * instances every run happens once. Feature folders export factories `(env) => JobDefinition`
 * and jobs/registry.ts lists them.
 */
export interface JobDefinition {
  /** Stable name: `[a-z0-9-]+`, used in `/health/tasks` and `POST /api/v1/jobs/{name}/run`. */
  name: string;
  description: string;
  /**
   * When it runs: a croner pattern ("*\/5 * * * *", "0 8 * * *"), evaluated in each
   * dealership's time zone when `perDealershipTimezone` is set, otherwise in UTC.
   */
  schedule: string;
  perDealershipTimezone?: boolean;
  run(ctx: JobContext): Promise<JobResult>;
}
