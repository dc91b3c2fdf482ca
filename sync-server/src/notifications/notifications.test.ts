import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../jobs/clock.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { createTestDatabase, startTestServer, testEnv, type TestDatabase, type TestServer } from '../test/harness.ts';
import { RawSyncClient } from '../test/sync-client.ts';
import { notify } from './notify.ts';

// Two real server instances on one database with one fake clock: each job runs once per slot,
// each notification type is produced by its condition only, and never twice.
let database: TestDatabase;
let a: TestServer;
let b: TestServer;
let fx: Fixture;
const secret = testEnv().JWT_SECRET!;
// 08:00 in Madrid (the fixture dealership's zone) after now: the daily report's slot.
const eightAm = new Cron('0 8 * * *', { timezone: 'Europe/Madrid', paused: true }).nextRun(new Date())!;
const clock = new FakeClock(eightAm.getTime() - 10 * 60_000);

const db = () => database.db;
const notes = async (userId: string, type?: string) =>
  db().rows<{ type: string; priority: string; title: string; entity_id: string | null; dedup_key: string; link: string | null; data: Record<string, unknown> }>(sql`
    SELECT type, priority, title, entity_id, dedup_key, link, data FROM notifications
    WHERE user_id = ${userId}::uuid AND dedup_key IS NOT NULL ${type ? sql`AND type = ${type}` : sql``} ORDER BY created_at`);
const api = async (path: string, who: keyof Fixture['users'], init: RequestInit = {}) =>
  fetch(`${a.url}${path}`, { ...init, headers: { authorization: `Bearer ${await tokenFor(fx.users[who], secret)}`, 'content-type': 'application/json', ...init.headers } });

async function addLead(owner: string | null, over: { created_at?: Date; score?: number; status?: string; first_response_at?: Date } = {}): Promise<string> {
  const id = randomUUID();
  await db().rows(sql`
    INSERT INTO leads (id, dealership_id, customer_id, assigned_to, source, status, score, created_at, first_response_at)
    VALUES (${id}::uuid, ${fx.dealershipId}::uuid, ${fx.customerIds[0]}::uuid, ${owner}::uuid, 'website', ${over.status ?? 'new'}, ${over.score ?? 0},
      ${(over.created_at ?? clock.now()).toISOString()}::timestamptz, ${over.first_response_at?.toISOString() ?? null}::timestamptz)`);
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startTestServer({ database, clock, instanceId: 'a', seed: async (d) => { fx = await createFixture(d); } });
  b = await startTestServer({ database, clock, instanceId: 'b' });
  // The fixture's leads are not under test here: answered.
  await db().rows(sql`UPDATE leads SET status = 'contacted', first_response_at = now() WHERE dealership_id = ${fx.dealershipId}::uuid`);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await database?.drop();
});

describe('scheduled notifications on two instances', () => {
  it('produces the daily report once, at 08:00 dealership time, on every manager’s bell', async () => {
    await Promise.all([a.ctx.scheduler.tick(), b.ctx.scheduler.tick()]);
    expect(await notes(fx.users.manager.id, 'daily_report')).toHaveLength(0);
    clock.set(eightAm);
    const [ra, rb] = await Promise.all([a.ctx.scheduler.tick(), b.ctx.scheduler.tick()]);
    expect([...ra, ...rb].filter((r) => r.job === 'daily-report')).toHaveLength(1);
    await Promise.all([a.ctx.scheduler.tick(), b.ctx.scheduler.tick()]);
    const reports = await notes(fx.users.manager.id, 'daily_report');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ priority: 'normal', link: '/notifications/daily-report', data: { type: 'daily_report', figures: { in_stock: 5 } } });
    expect(reports[0]!.title).toMatch(/^Informe diario del \d{4}-\d{2}-\d{2}$/);
    for (const who of ['ana', 'luis', 'viewer'] as const) expect(await notes(fx.users[who].id, 'daily_report')).toHaveLength(0);
    // It reaches the manager's device through the pull, without the server-only columns.
    const pulled = [...(await new RawSyncClient(a.url, await tokenFor(fx.users.manager, secret)).pullAll('notifications')).docs.values()];
    const doc = pulled.find((d) => d.type === 'daily_report');
    expect(doc).toBeDefined();
    expect(doc).not.toHaveProperty('dedup_key');
    expect(doc).not.toHaveProperty('data');
    // A manual rerun the same day adds nothing.
    const res = await api('/api/v1/jobs/daily-report/run', 'manager', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { run: { status: string; items: number } }).run).toMatchObject({ status: 'success', items: 0 });
    expect(await notes(fx.users.manager.id, 'daily_report')).toHaveLength(1);
  });

  it('notifies an unanswered lead to its owner after LEAD_UNANSWERED_MINUTES, once', async () => {
    const old = await addLead(fx.users.ana.id, { created_at: new Date(clock.now().getTime() - 45 * 60_000) });
    await addLead(fx.users.ana.id, { created_at: new Date(clock.now().getTime() - 10 * 60_000) }); // too recent
    await addLead(fx.users.ana.id, { created_at: new Date(clock.now().getTime() - 45 * 60_000), first_response_at: clock.now() }); // answered
    await addLead(null, { created_at: new Date(clock.now().getTime() - 45 * 60_000) }); // nobody to tell
    await Promise.all([a.ctx.scheduler.runNow('notification-checks'), b.ctx.scheduler.runNow('notification-checks')]);
    await a.ctx.scheduler.runNow('notification-checks');
    const mine = await notes(fx.users.ana.id, 'lead_unanswered');
    expect(mine.map((n) => n.entity_id)).toEqual([old]);
    expect(mine[0]).toMatchObject({ priority: 'high', link: `/leads/${old}`, title: 'Lead sin respuesta' });
    expect(await notes(fx.users.luis.id, 'lead_unanswered')).toHaveLength(0);
  });

  it('notifies a hot lead (score at or above HOT_LEAD_SCORE, open) to its owner, once', async () => {
    const hot = await addLead(fx.users.luis.id, { score: 85, status: 'qualified' });
    await addLead(fx.users.luis.id, { score: 50, status: 'qualified' });
    await addLead(fx.users.luis.id, { score: 95, status: 'closed_won' });
    await a.ctx.scheduler.runNow('notification-checks');
    await b.ctx.scheduler.runNow('notification-checks');
    const mine = await notes(fx.users.luis.id, 'hot_lead');
    expect(mine.map((n) => n.entity_id)).toEqual([hot]);
    expect(mine[0]!.data).toMatchObject({ score: 85, priority: 'high' });
  });

  it('notifies a follow-up that is due and not done, once', async () => {
    const lead = await addLead(fx.users.ana.id, { status: 'contacted', first_response_at: clock.now() });
    const act = async (due: Date, done = false) => {
      const id = randomUUID();
      await db().rows(sql`
        INSERT INTO lead_activities (id, dealership_id, lead_id, user_id, activity_type, description, activity_date, due_at, done)
        VALUES (${id}::uuid, ${fx.dealershipId}::uuid, ${lead}::uuid, ${fx.users.ana.id}::uuid, 'task', 'Llamar para la prueba',
          ${clock.now().toISOString()}::timestamptz, ${due.toISOString()}::timestamptz, ${done})`);
      return id;
    };
    const due = await act(new Date(clock.now().getTime() - 60_000));
    await act(new Date(clock.now().getTime() - 60_000), true);
    await act(new Date(clock.now().getTime() + 3600_000));
    await Promise.all([a.ctx.scheduler.runNow('notification-checks'), b.ctx.scheduler.runNow('notification-checks')]);
    await a.ctx.scheduler.runNow('notification-checks');
    const mine = await notes(fx.users.ana.id, 'follow_up_due');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ entity_id: lead, data: { activity_id: due } });
    expect(mine[0]!.title).toBe('Seguimiento pendiente');
  });

  it('notify() dedups by key per user, and keeps the wire enums', async () => {
    const input = {
      dealershipId: fx.dealershipId, userId: fx.users.ana.id, type: 'lead_reassigned' as const, priority: 'urgent' as const, dedupKey: `t:${randomUUID()}`,
      title: { es: 'Lead reasignado', en: 'Lead reassigned' }, body: { es: 'x', en: 'x' }, entityType: 'lead' as const, entityId: fx.leadIds.ana,
    };
    const results = await Promise.all([notify(db(), input), notify(db(), input), notify(db(), input)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const [row] = await db().rows<{ type: string; priority: string; data: Record<string, unknown> }>(sql`SELECT type, priority, data FROM notifications WHERE dedup_key = ${input.dedupKey}`);
    expect(row).toEqual({ type: 'lead_assigned', priority: 'high', data: { type: 'lead_reassigned', priority: 'urgent' } });
    // Another dealership's user is never notified.
    expect(await notify(db(), { ...input, dedupKey: 'other', dealershipId: randomUUID() })).toBe(false);
  });

  it('cleans up expired refresh tokens and old read notifications', async () => {
    const now = clock.now().getTime();
    await db().rows(sql`
      INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at)
      VALUES (gen_random_uuid(), ${fx.users.ana.id}::uuid, gen_random_uuid(), ${`old-${randomUUID()}`}, ${new Date(now - 1000).toISOString()}::timestamptz),
             (gen_random_uuid(), ${fx.users.ana.id}::uuid, gen_random_uuid(), ${`live-${randomUUID()}`}, ${new Date(now + 86_400_000).toISOString()}::timestamptz)`);
    const oldRead = randomUUID();
    const unread = randomUUID();
    await db().rows(sql`
      INSERT INTO notifications (id, dealership_id, user_id, type, title, priority, read_at, created_at) VALUES
        (${oldRead}::uuid, ${fx.dealershipId}::uuid, ${fx.users.ana.id}::uuid, 'hot_lead', 'old', 'normal', ${new Date(now - 40 * 86_400_000).toISOString()}::timestamptz, ${new Date(now - 41 * 86_400_000).toISOString()}::timestamptz),
        (${unread}::uuid, ${fx.dealershipId}::uuid, ${fx.users.ana.id}::uuid, 'hot_lead', 'old unread', 'normal', NULL, ${new Date(now - 41 * 86_400_000).toISOString()}::timestamptz)`);
    const out = await a.ctx.scheduler.runNow('cleanup');
    expect(out).toMatchObject({ ran: true, run: { status: 'success' } });
    const tokens = await db().rows<{ h: string }>(sql`SELECT token_hash AS h FROM refresh_tokens WHERE user_id = ${fx.users.ana.id}::uuid`);
    expect(tokens.map((t) => t.h.split('-')[0])).toEqual(['live']);
    const left = await db().rows<{ id: string; deleted: boolean }>(sql`SELECT id, deleted FROM notifications WHERE id IN (${oldRead}::uuid, ${unread}::uuid) ORDER BY title`);
    expect(left).toEqual([{ id: oldRead, deleted: true }, { id: unread, deleted: false }]);
  });
});

describe('job routes and health', () => {
  it('lists every job on /health (for managers) and /health/tasks with last run, next run, last error and failures', async () => {
    // Public /health stays a bare status.
    expect(await (await fetch(`${a.url}/health`)).json()).toEqual({ status: 'ok' });
    expect((await api('/health/tasks', 'ana')).status).toBe(403);
    expect((await fetch(`${a.url}/health/tasks`)).status).toBe(401);
    const health = (await (await api('/health', 'manager')).json()) as { jobs: { enabled: boolean; tasks: { name: string; next_run: string; failure_count: number; last_run: unknown; last_error: unknown }[] }; email: { enabled: boolean } };
    expect(health.email).toEqual({ enabled: false });
    expect(health.jobs.enabled).toBe(false);
    expect(health.jobs.tasks.map((t) => t.name).toSorted()).toEqual(['aged-inventory-digest', 'cleanup', 'daily-report', 'lead-escalation', 'lead-score', 'notification-checks']);
    for (const t of health.jobs.tasks) expect(t).toEqual(expect.objectContaining({ next_run: expect.any(String), failure_count: 0, last_error: null, last_run: expect.any(Object) }));
    const tasks = (await (await api('/health/tasks', 'manager')).json()) as typeof health.jobs;
    expect(tasks.tasks.map((t) => t.name)).toEqual(health.jobs.tasks.map((t) => t.name));
    // Anyone else gets the bare status, never an error.
    expect(await (await api('/health', 'ana')).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${a.url}/health`, { headers: { authorization: 'Bearer garbage' } })).json()).toEqual({ status: 'ok' });
  });

  it('lets managers run a job and list them; others get 403; an unknown job is a 404 with the error shape', async () => {
    expect((await api('/api/v1/jobs', 'manager')).status).toBe(200);
    expect((await api('/api/v1/jobs/cleanup/run', 'ana', { method: 'POST' })).status).toBe(403);
    expect((await api('/api/v1/jobs', 'viewer')).status).toBe(403);
    const unknown = await api('/api/v1/jobs/no-such-job/run', 'manager', { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'not_found', message: expect.any(String) });
    const before = (await db().rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM job_runs WHERE job = 'no-such-job'`))[0]!.n;
    expect(before).toBe(0);
    expect((await fetch(`${a.url}/api/v1/jobs/cleanup/run`, { method: 'POST' })).status).toBe(401);
  });
});
