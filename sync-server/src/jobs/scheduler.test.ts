import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { loadEnv } from '../env.ts';
import { createLogger } from '../log.ts';
import { createTestDatabase, testEnv, type TestDatabase } from '../test/harness.ts';
import { FakeClock } from './clock.ts';
import { Scheduler } from './scheduler.ts';
import type { JobDefinition } from './types.ts';

// Two scheduler instances on one database, one fake clock: each slot runs exactly once, and a
// crashed instance's run is taken over once its lease expires.
let database: TestDatabase;
const env = testEnv({ JOB_LEASE_SECONDS: '120' });
const log = createLogger('silent');

beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(database.db);
});
afterAll(() => database?.drop());

function counting(name: string, schedule: string, opts: { fail?: boolean } = {}) {
  const runs: string[] = [];
  const job: JobDefinition = {
    name,
    description: 'test job',
    schedule,
    async run(ctx) {
      runs.push(ctx.instanceId);
      // Let the other instance's tick interleave with this run.
      await new Promise((r) => setTimeout(r, 20));
      if (opts.fail) throw new Error('boom');
      return { items: 3 };
    },
  };
  return { job, runs };
}

const rowsOf = async (job: string) =>
  database.db.rows<{ slot: string; instance_id: string; status: string; items: number; attempts: number; error: string | null }>(
    sql`SELECT slot, instance_id, status, items, attempts, error FROM job_runs WHERE job = ${job} ORDER BY started_at`,
  );

describe('Scheduler across instances', () => {
  it('runs each slot once when two instances tick at the same moment', async () => {
    const clock = new FakeClock('2026-12-07T09:58:00Z');
    const { job, runs } = counting('every-five', '*/5 * * * *');
    const a = new Scheduler({ db: database.db, env, log, clock, jobs: [job], instanceId: 'a' });
    const b = new Scheduler({ db: database.db, env, log, clock, jobs: [job], instanceId: 'b' });
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(0); // 09:55 is before both instances started
    clock.set('2026-12-07T10:00:00Z');
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(1);
    clock.set('2026-12-07T10:04:59Z');
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(1);
    clock.set('2026-12-07T10:05:00Z');
    await Promise.all([b.tick(), a.tick()]);
    expect(runs).toHaveLength(2);
    const rows = await rowsOf('every-five');
    expect(rows.map((r) => [r.slot, r.status, r.items])).toEqual([
      ['2026-12-07T10:00:00.000Z', 'success', 3],
      ['2026-12-07T10:05:00.000Z', 'success', 3],
    ]);
    const [status] = await a.status();
    expect(status).toMatchObject({ name: 'every-five', run_count: 2, failure_count: 0, last_error: null, next_run: '2026-12-07T10:10:00.000Z' });
    expect(status!.last_run).toMatchObject({ status: 'success', items: 3, trigger: 'schedule' });
  });

  it("takes over a crashed instance's run once its lease expires", async () => {
    const clock = new FakeClock('2026-12-07T07:59:00Z');
    const { job, runs } = counting('hourly', '0 * * * *');
    const a = new Scheduler({ db: database.db, env, log, clock, jobs: [job], instanceId: 'crashy' });
    const b = new Scheduler({ db: database.db, env, log, clock, jobs: [job], instanceId: 'steady' });
    clock.set('2026-12-07T08:00:00Z');
    // Instance a claims the 08:00 slot and dies before finishing (no run, no release).
    expect(await a.claim('hourly', '2026-12-07T08:00:00.000Z', 'schedule')).toMatchObject({ ran: true });
    expect(await b.tick()).toEqual([]);
    clock.advance(119_000); // the lease (120 s) has not expired yet
    expect(await b.tick()).toEqual([]);
    expect(runs).toHaveLength(0);
    clock.advance(1_000);
    const taken = await b.tick();
    expect(taken).toHaveLength(1);
    expect(runs).toEqual(['steady']);
    expect(await rowsOf('hourly')).toEqual([{ slot: '2026-12-07T08:00:00.000Z', instance_id: 'steady', status: 'success', items: 3, attempts: 2, error: null }]);
    // Finished: neither instance runs the slot again.
    expect(await Promise.all([a.tick(), b.tick()])).toEqual([[], []]);
  });

  it('records a failure with its error, counts it, and does not retry the slot', async () => {
    const clock = new FakeClock('2026-12-07T11:59:00Z');
    const { job, runs } = counting('flaky', '0 12 * * *', { fail: true });
    const a = new Scheduler({ db: database.db, env, log, clock, jobs: [job], instanceId: 'a' });
    clock.set('2026-12-07T12:00:00Z');
    await a.tick();
    await a.tick();
    expect(runs).toHaveLength(1);
    const [s] = await a.status();
    expect(s).toMatchObject({ failure_count: 1, run_count: 1, last_error: { message: 'boom' } });
    expect(s!.last_run?.status).toBe('failed');
  });

  it('a manual run goes through the same lease: refused while another instance holds it', async () => {
    const clock = new FakeClock('2026-12-07T13:00:30Z');
    const { job, runs } = counting('manual-one', '0 0 1 1 *');
    const a = new Scheduler({ db: database.db, env, log, clock, jobs: [job], instanceId: 'a' });
    const b = new Scheduler({ db: database.db, env, log, clock, jobs: [job], instanceId: 'b' });
    await a.claim('manual-one', 'held', 'manual');
    expect(await b.runNow('manual-one')).toEqual({ ran: false, reason: 'lease_held' });
    clock.advance(121_000);
    expect(await b.runNow('manual-one')).toMatchObject({ ran: true, run: { status: 'success', trigger: 'manual', instance_id: 'b' } });
    expect(runs).toEqual(['b']);
  });

  it('refuses a job name outside [a-z0-9-] and a bad pattern at start-up', () => {
    const clock = new FakeClock(0);
    expect(() => new Scheduler({ db: database.db, env, log, clock, jobs: [counting('Bad Name', '* * * * *').job] })).toThrow(/must match/);
    expect(() => new Scheduler({ db: database.db, env, log, clock, jobs: [counting('bad-pattern', 'not a cron').job] })).toThrow();
  });
});

describe('job settings', () => {
  it('reads ENABLE_SCHEDULED_TASKS and the intervals, and refuses bad values', () => {
    expect(testEnv({ ENABLE_SCHEDULED_TASKS: 'true' }).ENABLE_SCHEDULED_TASKS).toBe(true);
    expect(testEnv().ENABLE_SCHEDULED_TASKS).toBe(false); // the test harness turns it off
    expect(loadEnv({}).ENABLE_SCHEDULED_TASKS).toBe(true); // on by default
    const e = testEnv({ NOTIFICATION_CHECK_INTERVAL_MINUTES: '10', CLEANUP_INTERVAL_HOURS: '6', DAILY_REPORT_TIME: '07:30' });
    expect([e.NOTIFICATION_CHECK_INTERVAL_MINUTES, e.CLEANUP_INTERVAL_HOURS, e.DAILY_REPORT_TIME]).toEqual([10, 6, '07:30']);
    expect(() => testEnv({ DAILY_REPORT_TIME: '25:00' })).toThrow(/DAILY_REPORT_TIME/);
    expect(() => testEnv({ NOTIFICATION_CHECK_INTERVAL_MINUTES: '0' })).toThrow(/NOTIFICATION_CHECK_INTERVAL_MINUTES/);
    expect(() => testEnv({ VAPID_PUBLIC_KEY: 'abc' })).toThrow(/VAPID/);
  });
});
