import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../log.ts';
import type { Clock } from './clock.ts';
import type { JobContext, JobDefinition } from './types.ts';
import { isTimeZoneName } from '@lotbook/shared';

export type RunStatus = 'running' | 'success' | 'failed';

export interface JobRun {
  id: string;
  job: string;
  slot: string;
  instance_id: string;
  trigger: 'schedule' | 'manual';
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  error: string | null;
  items: number;
  attempts: number;
}

export interface JobStatus {
  name: string;
  description: string;
  schedule: string;
  per_dealership_timezone: boolean;
  last_run: Pick<JobRun, 'started_at' | 'finished_at' | 'status' | 'items' | 'instance_id' | 'trigger'> | null;
  next_run: string | null;
  last_error: { at: string; message: string } | null;
  failure_count: number;
  run_count: number;
}

/** The outcome of trying to run a slot: ran here, or someone else has it (or had it). */
export type ClaimOutcome = { ran: true; run: JobRun } | { ran: false; reason: 'lease_held' | 'already_ran' };

export interface SchedulerOptions {
  db: Database;
  env: Env;
  log: Logger;
  clock: Clock;
  jobs: JobDefinition[];
  instanceId?: string;
}

const iso = (d: Date) => d.toISOString();
/** Errors kept in job_runs and shown on /health: the message only, bounded. */
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Runs every job on its croner schedule, once per slot across all instances sharing the database.
 *
 * A slot is one scheduled time of one job (per time zone for `perDealershipTimezone` jobs). To run
 * it an instance must (1) hold the job's lease (`job_leases`, an expiring row: a crashed holder's
 * lease runs out) and (2) insert the slot's `job_runs` row (unique per job and slot), or take over
 * that row when it is still `running` from a holder whose lease expired. Every tick looks at the
 * latest slot of each job, so a slot whose run crashed is retried until the next slot comes.
 * Time comes only from the injected clock: `tick()` is what the timer calls and what tests call.
 */
export class Scheduler {
  readonly instanceId: string;
  private readonly jobs: Map<string, JobDefinition>;
  private readonly crons = new Map<string, Cron>();
  /** Slots this instance knows are finished (by anyone): no database round trip for them. */
  private readonly finished = new Set<string>();
  private readonly startedAt: Date;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly opts: SchedulerOptions) {
    this.instanceId = opts.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.jobs = new Map(opts.jobs.map((j) => [j.name, j]));
    this.startedAt = opts.clock.now();
    for (const j of opts.jobs) {
      if (!/^[a-z0-9-]+$/.test(j.name)) throw new Error(`job name "${j.name}" must match [a-z0-9-]+`);
      this.cronFor(j, 'UTC'); // a bad pattern fails at start-up, not at the first tick
    }
  }

  get definitions(): JobDefinition[] {
    return [...this.jobs.values()];
  }

  has(name: string): boolean {
    return this.jobs.has(name);
  }

  /** Starts the timer: wakes at the next slot (at most every 30 s) and ticks. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      await this.tick().catch((err) => this.opts.log.error({ err }, 'scheduler tick failed'));
      if (this.stopped) return;
      const wait = Math.min(30_000, Math.max(250, (await this.msToNextSlot()) + 50));
      this.timer = setTimeout(() => void loop(), wait);
      this.timer.unref?.();
    };
    this.timer = setTimeout(() => void loop(), 1_000);
    this.timer.unref?.();
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => undefined);
  }

  /** Runs every due slot of every job that this instance can claim. Returns what ran here. */
  async tick(): Promise<JobRun[]> {
    const p = this.doTick();
    this.ticking = p.then(() => undefined, () => undefined);
    return p;
  }

  private async doTick(): Promise<JobRun[]> {
    const now = this.opts.clock.now();
    const zones = await this.timezones();
    const ran: JobRun[] = [];
    for (const job of this.jobs.values()) {
      for (const tz of job.perDealershipTimezone ? zones : ['UTC']) {
        const slotTime = this.latestSlot(job, tz, now);
        // Only slots from this instance's start (a minute of grace for a restart) onwards.
        if (!slotTime || slotTime.getTime() < this.startedAt.getTime() - 60_000) continue;
        const slot = job.perDealershipTimezone ? `${iso(slotTime)}@${tz}` : iso(slotTime);
        const key = `${job.name}|${slot}`;
        if (this.finished.has(key)) continue;
        const out = await this.claimAndRun(job, slot, 'schedule', job.perDealershipTimezone ? { timezone: tz } : {});
        if (out.ran) {
          ran.push(out.run);
          this.finished.add(key);
        } else if (out.reason === 'already_ran') this.finished.add(key);
      }
    }
    if (this.finished.size > 10_000) this.finished.clear();
    return ran;
  }

  /** A run triggered by hand (a manager): through the same lease, in one dealership. */
  async runNow(name: string, scope: { dealershipId?: string } = {}): Promise<ClaimOutcome> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    return this.claimAndRun(job, `manual:${iso(this.opts.clock.now())}:${randomUUID().slice(0, 8)}`, 'manual', scope);
  }

  /**
   * Claims (job, slot) and runs it. Exported for tests that simulate a crash: `claim` alone takes
   * the lease and the run row without running or releasing them.
   */
  async claimAndRun(job: JobDefinition, slot: string, trigger: 'schedule' | 'manual', scope: { timezone?: string; dealershipId?: string }): Promise<ClaimOutcome> {
    const claim = await this.claim(job.name, slot, trigger);
    if (!claim.ran) return claim;
    const ctx: JobContext = { db: this.opts.db, clock: this.opts.clock, env: this.opts.env, log: this.opts.log.child({ job: job.name, slot }), instanceId: this.instanceId, ...scope };
    let status: RunStatus = 'success';
    let error: string | null = null;
    let items = 0;
    try {
      items = (await job.run(ctx)).items;
    } catch (err) {
      status = 'failed';
      error = errorText(err);
      ctx.log.error({ err }, 'job run failed');
    }
    const rows = await this.opts.db.rows<JobRun>(sql`
      UPDATE job_runs SET finished_at = ${iso(this.opts.clock.now())}::timestamptz, status = ${status}, error = ${error}, items = ${items}
      WHERE id = ${claim.run.id}::uuid AND instance_id = ${this.instanceId}
      RETURNING ${RUN_COLUMNS}`);
    await this.opts.db.rows(sql`DELETE FROM job_leases WHERE job = ${job.name} AND instance_id = ${this.instanceId}`);
    return { ran: true, run: rows[0] ?? { ...claim.run, status, error, items } };
  }

  /** Takes the job's lease and the slot's run row, or says why not. Does not run anything. */
  async claim(name: string, slot: string, trigger: 'schedule' | 'manual'): Promise<ClaimOutcome> {
    const now = this.opts.clock.now();
    const expires = new Date(now.getTime() + this.opts.env.JOB_LEASE_SECONDS * 1000);
    const lease = await this.opts.db.rows<{ job: string }>(sql`
      INSERT INTO job_leases (job, instance_id, slot, expires_at)
      VALUES (${name}, ${this.instanceId}, ${slot}, ${iso(expires)}::timestamptz)
      ON CONFLICT (job) DO UPDATE SET instance_id = EXCLUDED.instance_id, slot = EXCLUDED.slot, expires_at = EXCLUDED.expires_at
      WHERE job_leases.expires_at <= ${iso(now)}::timestamptz OR job_leases.instance_id = ${this.instanceId}
      RETURNING job`);
    if (lease.length === 0) return { ran: false, reason: 'lease_held' };
    // Holding the lease: the slot is ours unless it already finished. A row still `running` is a
    // crashed holder's (its lease expired, or we would not hold it): take it over.
    const run = await this.opts.db.rows<JobRun>(sql`
      INSERT INTO job_runs (id, job, slot, instance_id, trigger, started_at, status)
      VALUES (${randomUUID()}::uuid, ${name}, ${slot}, ${this.instanceId}, ${trigger}, ${iso(now)}::timestamptz, 'running')
      ON CONFLICT (job, slot) DO UPDATE SET instance_id = EXCLUDED.instance_id, started_at = EXCLUDED.started_at, attempts = job_runs.attempts + 1
      WHERE job_runs.status = 'running'
      RETURNING ${RUN_COLUMNS}`);
    if (run.length === 0) {
      await this.opts.db.rows(sql`DELETE FROM job_leases WHERE job = ${name} AND instance_id = ${this.instanceId}`);
      return { ran: false, reason: 'already_ran' };
    }
    return { ran: true, run: run[0]! };
  }

  /** Each job's last run, next run, last error and failure count (for /health and /health/tasks). */
  async status(): Promise<JobStatus[]> {
    const now = this.opts.clock.now();
    const zones = await this.timezones().catch(() => ['UTC']);
    const stats = await this.opts.db.rows<{
      job: string; run_count: number; failure_count: number;
      last_started: string | null; last_finished: string | null; last_status: RunStatus | null; last_items: number | null; last_instance: string | null; last_trigger: JobRun['trigger'] | null;
      error_at: string | null; error: string | null;
    }>(sql`
      SELECT j.job,
        (SELECT count(*)::int FROM job_runs r WHERE r.job = j.job) AS run_count,
        (SELECT count(*)::int FROM job_runs r WHERE r.job = j.job AND r.status = 'failed') AS failure_count,
        l.started_at AS last_started, l.finished_at AS last_finished, l.status AS last_status, l.items AS last_items, l.instance_id AS last_instance, l.trigger AS last_trigger,
        e.finished_at AS error_at, e.error
      FROM unnest(${`{${[...this.jobs.keys()].join(',')}}`}::text[]) AS j(job)
      LEFT JOIN LATERAL (SELECT lotbook_iso(started_at) AS started_at, lotbook_iso(finished_at) AS finished_at, status, items, instance_id, trigger
                         FROM job_runs r WHERE r.job = j.job ORDER BY r.started_at DESC LIMIT 1) l ON true
      LEFT JOIN LATERAL (SELECT lotbook_iso(coalesce(finished_at, started_at)) AS finished_at, error
                         FROM job_runs r WHERE r.job = j.job AND r.status = 'failed' ORDER BY r.started_at DESC LIMIT 1) e ON true`);
    const byJob = new Map(stats.map((s) => [s.job, s]));
    return [...this.jobs.values()].map((job) => {
      const s = byJob.get(job.name);
      const next = (job.perDealershipTimezone ? zones : ['UTC'])
        .map((tz) => this.cronFor(job, tz).nextRun(now))
        .filter((d): d is Date => d !== null)
        .toSorted((a, b) => a.getTime() - b.getTime())[0];
      return {
        name: job.name,
        description: job.description,
        schedule: job.schedule,
        per_dealership_timezone: Boolean(job.perDealershipTimezone),
        last_run: s?.last_started
          ? { started_at: s.last_started, finished_at: s.last_finished, status: s.last_status!, items: s.last_items ?? 0, instance_id: s.last_instance!, trigger: s.last_trigger! }
          : null,
        next_run: next ? iso(next) : null,
        last_error: s?.error_at ? { at: s.error_at, message: s.error ?? '' } : null,
        failure_count: s?.failure_count ?? 0,
        run_count: s?.run_count ?? 0,
      };
    });
  }

  private cronFor(job: JobDefinition, tz: string): Cron {
    const key = `${job.name}|${tz}`;
    let c = this.crons.get(key);
    if (!c) {
      c = new Cron(job.schedule, { timezone: tz, paused: true });
      this.crons.set(key, c);
    }
    return c;
  }

  /** The latest scheduled time at or before now. */
  private latestSlot(job: JobDefinition, tz: string, now: Date): Date | null {
    const prev = this.cronFor(job, tz).previousRuns(1, new Date(now.getTime() + 1))[0];
    return prev && prev.getTime() <= now.getTime() ? prev : null;
  }

  private async msToNextSlot(): Promise<number> {
    const now = this.opts.clock.now();
    const zones = await this.timezones().catch(() => ['UTC']);
    let min = Number.POSITIVE_INFINITY;
    for (const job of this.jobs.values()) {
      for (const tz of job.perDealershipTimezone ? zones : ['UTC']) {
        const n = this.cronFor(job, tz).nextRun(now);
        if (n) min = Math.min(min, n.getTime() - now.getTime());
      }
    }
    return min;
  }

  private async timezones(): Promise<string[]> {
    if (![...this.jobs.values()].some((j) => j.perDealershipTimezone)) return ['UTC'];
    const rows = await this.opts.db.rows<{ timezone: string }>(sql`SELECT DISTINCT timezone FROM dealerships ORDER BY timezone`);
    return rows.map((r) => r.timezone).filter(isTimeZoneName);
  }
}

const RUN_COLUMNS = sql.raw(
  `id, job, slot, instance_id, trigger, lotbook_iso(started_at) AS started_at, lotbook_iso(finished_at) AS finished_at, status, error, items, attempts`,
);

export { isTimeZoneName as isTimeZone } from '@lotbook/shared';
