import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../jobs/clock.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { startTestServer, testEnv, type TestServer } from '../test/harness.ts';
import { edit, RawSyncClient } from '../test/sync-client.ts';
import { routeNewLeads } from './assign.ts';
import { routingJobs } from './jobs.ts';
import { ALL_WEEK, jobContext, setHours, webLead, WEEKDAYS_9_TO_8 } from './testkit.ts';

let server: TestServer;
let fx: Fixture;
const client = async (who: keyof Fixture['users']) => new RawSyncClient(server.url, await tokenFor(fx.users[who], testEnv().JWT_SECRET!));
const db = () => server.database.db;
type Row = Record<string, unknown>;

async function api(who: keyof Fixture['users'], path: string, init: RequestInit = {}) {
  const token = await tokenFor(fx.users[who], testEnv().JWT_SECRET!);
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  return { status: res.status, body: (await res.json()) as Row };
}

beforeAll(async () => {
  server = await startTestServer({ seed: async (d) => { fx = await createFixture(d); } });
});
afterAll(() => server?.stop());

describe('routing a new lead after the push', () => {
  beforeAll(async () => {
    // Both reps always available (the push routes at wall-clock time); Ana sells SUVs.
    await setHours(db(), fx.dealershipId, {}, { [fx.users.ana.id]: { working_hours: ALL_WEEK, specializations: ['suv'] }, [fx.users.luis.id]: { working_hours: ALL_WEEK } });
  });

  it('assigns a web lead pushed without an owner, stores why, and notifies the new owner', async () => {
    const luis = await client('luis');
    const lead = webLead(fx.dealershipId, fx.customerIds[2]!);
    expect(await luis.push('leads', [{ assumedMasterState: null, newDocumentState: lead }])).toEqual([]);
    const [row] = await db().rows<Row>(sql`SELECT assigned_to::text, score, score_factors FROM leads WHERE id = ${lead.id}::uuid`);
    expect(row).toMatchObject({ assigned_to: fx.users.ana.id });
    expect(row!.score).toBeGreaterThan(0);
    const expl = await api('manager', `/api/v1/routing/leads/${lead.id}`);
    expect(expl.status).toBe(200);
    const move = (expl.body.moves as Row[])[0]!;
    expect(move).toMatchObject({ kind: 'assigned', to_user: fx.users.ana.id, to_name: 'Ana Test' });
    const e = move.explanation as { candidates: { user_id: string; factors: Row[]; total: number }[]; why: string; runner_up: Row };
    expect(e.why).toBe('highest_score');
    expect(e.candidates.find((c) => c.user_id === fx.users.ana.id)!.factors).toContainEqual({ factor: 'specialization', points: 30, value: 'suv' });
    expect(e.runner_up).toMatchObject({ user_id: fx.users.luis.id });
    // Ana's phone pulls the lead and the lead_assigned notification; Luis no longer sees it.
    const ana = await client('ana');
    expect((await ana.get('leads', lead.id))?.assigned_to).toBe(fx.users.ana.id);
    expect([...(await ana.pullAll('notifications')).docs.values()].some((n) => n.entity_id === lead.id && n.type === 'lead_assigned')).toBe(true);
    expect((await api('luis', `/api/v1/routing/leads/${lead.id}`)).status).toBe(404);
    expect((await api('ana', `/api/v1/routing/leads/${lead.id}`)).status).toBe(200);
  });

  it('leaves a walk-in with the rep who captured it', async () => {
    const luis = await client('luis');
    const lead = webLead(fx.dealershipId, fx.customerIds[1]!, { source: 'walk_in', assigned_to: fx.users.luis.id });
    expect(await luis.push('leads', [{ assumedMasterState: null, newDocumentState: lead }])).toEqual([]);
    const [row] = await db().rows<Row>(sql`SELECT assigned_to::text, (SELECT count(*)::int FROM lead_routing WHERE lead_id = ${lead.id}::uuid) AS moves FROM leads WHERE id = ${lead.id}::uuid`);
    expect(row).toEqual({ assigned_to: fx.users.luis.id, moves: 0 });
  });

  it('sets first_response_at from the first human activity, never from a note', async () => {
    const ana = await client('ana');
    const lead = webLead(fx.dealershipId, fx.customerIds[0]!, { assigned_to: fx.users.ana.id });
    await ana.push('leads', [{ assumedMasterState: null, newDocumentState: lead }]);
    const activity = (type: string, at: string) => ({
      id: randomUUID(), dealership_id: fx.dealershipId, lead_id: lead.id, user_id: fx.users.ana.id, activity_type: type, description: 'x', activity_date: at,
      due_at: null, done: false, metadata: {}, seq: 0, version: 0, created_at: at, updated_at: at, _deleted: false,
    });
    await ana.push('lead_activities', [{ assumedMasterState: null, newDocumentState: activity('note', '2026-12-03T09:00:00.000Z') }]);
    const first = async () => (await db().rows<{ f: string | null }>(sql`SELECT lotbook_iso(first_response_at) AS f FROM leads WHERE id = ${lead.id}::uuid`))[0]!.f;
    expect(await first()).toBeNull();
    await ana.push('lead_activities', [{ assumedMasterState: null, newDocumentState: activity('whatsapp', '2026-12-03T09:05:00.000Z') }]);
    expect(await first()).toBe('2026-12-03T09:05:00.000Z');
    await ana.push('lead_activities', [{ assumedMasterState: null, newDocumentState: activity('call', '2026-12-03T09:10:00.000Z') }]);
    expect(await first()).toBe('2026-12-03T09:05:00.000Z');
  });
});

describe('escalation in business hours', () => {
  it('a lead routed at 19:55 on Friday escalates on Monday morning, to someone else, with three notices', async () => {
    await setHours(db(), fx.dealershipId, WEEKDAYS_9_TO_8, {
      [fx.users.ana.id]: { working_hours: WEEKDAYS_9_TO_8, specializations: ['suv'] },
      [fx.users.luis.id]: { working_hours: WEEKDAYS_9_TO_8 },
    });
    // Earlier leads were answered; only this one is left untouched.
    await db().rows(sql`UPDATE leads SET first_response_at = now() WHERE first_response_at IS NULL`);
    const lead = webLead(fx.dealershipId, fx.customerIds[2]!);
    // Written by a manager's device with an owner-less lead, routed at the fake clock's time.
    await db().rows(sql`INSERT INTO leads (id, dealership_id, customer_id, source, status, preferences) VALUES (${lead.id}::uuid, ${fx.dealershipId}::uuid, ${fx.customerIds[2]!}::uuid, 'website', 'new', '{"body_types":["suv"]}'::jsonb)`);
    const clock = new FakeClock('2026-12-04T18:55:00Z'); // Friday 19:55 in Madrid
    const routed = await routeNewLeads(db(), fx.dealershipId, [lead.id], clock.now());
    expect(routed.get(lead.id)?.assigned_to).toBe(fx.users.ana.id);
    const anaBefore = await (await client('ana')).pullAll('leads');
    expect(anaBefore.docs.get(lead.id)?.assigned_to).toBe(fx.users.ana.id);

    const [escalation] = routingJobs(testEnv());
    const ctx = jobContext(db(), clock);
    for (const at of ['2026-12-04T20:55:00Z', '2026-12-05T12:00:00Z', '2026-12-07T09:54:00Z']) {
      clock.set(at); // Friday night, Saturday, Monday 10:54: not yet
      expect((await escalation!.run(ctx)).items).toBe(0);
    }
    clock.set('2026-12-07T09:55:00Z'); // Monday 10:55 in Madrid: two business hours
    expect((await escalation!.run(ctx)).items).toBe(1);
    expect((await escalation!.run(ctx)).items).toBe(0);

    const [row] = await db().rows<Row>(sql`SELECT assigned_to::text FROM leads WHERE id = ${lead.id}::uuid`);
    expect(row!.assigned_to).toBe(fx.users.luis.id);
    const notes = await db().rows<Row>(sql`SELECT user_id::text, type FROM notifications WHERE entity_id = ${lead.id}::uuid ORDER BY created_at`);
    expect(notes).toEqual(
      expect.arrayContaining([
        { user_id: fx.users.ana.id, type: 'lead_unanswered' },
        { user_id: fx.users.manager.id, type: 'lead_unanswered' },
        { user_id: fx.users.luis.id, type: 'lead_assigned' },
      ]),
    );
    // Ana's next pull drops it (a tombstone); Luis's brings it.
    const anaAfter = await (await client('ana')).pullAll('leads', anaBefore.seq);
    expect(anaAfter.docs.get(lead.id)?._deleted).toBe(true);
    expect((await (await client('luis')).get('leads', lead.id))?.assigned_to).toBe(fx.users.luis.id);
    const moves = (await api('manager', `/api/v1/routing/leads/${lead.id}`)).body.moves as Row[];
    expect(moves.map((m) => [m.kind, m.from_user, m.to_user])).toEqual([
      ['assigned', null, fx.users.ana.id],
      ['escalated', fx.users.ana.id, fx.users.luis.id],
    ]);
  });

  it('a first human contact before the delay stops the escalation', async () => {
    await db().rows(sql`UPDATE leads SET first_response_at = now() WHERE first_response_at IS NULL`);
    const lead = webLead(fx.dealershipId, fx.customerIds[2]!);
    await db().rows(sql`INSERT INTO leads (id, dealership_id, customer_id, source, status, preferences) VALUES (${lead.id}::uuid, ${fx.dealershipId}::uuid, ${fx.customerIds[2]!}::uuid, 'website', 'new', '{"body_types":["suv"]}'::jsonb)`);
    const clock = new FakeClock('2026-12-08T10:00:00Z'); // Tuesday 11:00
    const owner = (await routeNewLeads(db(), fx.dealershipId, [lead.id], clock.now())).get(lead.id)!.assigned_to!;
    await db().rows(sql`UPDATE leads SET first_response_at = ${'2026-12-08T10:30:00Z'}::timestamptz WHERE id = ${lead.id}::uuid`);
    clock.set('2026-12-09T10:00:00Z');
    expect((await routingJobs(testEnv())[0]!.run(jobContext(db(), clock))).items).toBe(0);
    expect((await db().rows<Row>(sql`SELECT assigned_to::text FROM leads WHERE id = ${lead.id}::uuid`))[0]!.assigned_to).toBe(owner);
  });

  it('nobody available: the lead waits in the pool, and a second offline claim gets lead_already_claimed', async () => {
    const lead = webLead(fx.dealershipId, fx.customerIds[2]!);
    await db().rows(sql`INSERT INTO leads (id, dealership_id, customer_id, source, status, preferences) VALUES (${lead.id}::uuid, ${fx.dealershipId}::uuid, ${fx.customerIds[2]!}::uuid, 'website', 'new', '{"body_types":["suv"]}'::jsonb)`);
    const sunday = new Date('2026-12-06T11:00:00Z');
    expect((await routeNewLeads(db(), fx.dealershipId, [lead.id], sunday)).get(lead.id)).toMatchObject({ pool: true, assigned_to: null });
    const ana = await client('ana');
    const luis = await client('luis');
    const seen = (await luis.get('leads', lead.id))!;
    expect(seen.assigned_to).toBeNull();
    expect(await ana.push('leads', [edit(seen, { assigned_to: fx.users.ana.id })])).toEqual([]);
    const [conflict] = await luis.push('leads', [edit(seen, { assigned_to: fx.users.luis.id })]);
    expect(conflict).toMatchObject({ id: lead.id, _deleted: true, _rejection: { reason: 'lead_already_claimed', message: 'Claimed by Ana Test while you were offline' } });
    // A rep probing a lead that was never in the pool learns nothing.
    const other = (await ana.get('leads', fx.leadIds.ana))!;
    const [probe] = await luis.push('leads', [{ assumedMasterState: { ...other, assigned_to: null }, newDocumentState: { ...other, assigned_to: fx.users.luis.id } }]);
    expect(probe).toMatchObject({ _rejection: { reason: 'forbidden' } });
  });
});

describe('routing settings and summary', () => {
  it('a manager edits the weights, threshold and delay; bad input is a 400 and changes nothing', async () => {
    const body = { weights: { specialization: 40, conversion: 10, per_active_lead: 3, available: 5 }, hot_threshold: 75, escalation_minutes: 90 };
    expect(await api('manager', '/api/v1/routing/settings', { method: 'PUT', body: JSON.stringify(body) })).toEqual({ status: 200, body });
    expect((await api('manager', '/api/v1/routing/settings', { method: 'PUT', body: JSON.stringify({ ...body, hot_threshold: 500 }) })).status).toBe(400);
    expect((await api('ana', '/api/v1/routing/settings', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(403);
    expect((await api('manager', '/api/v1/routing/settings')).body).toEqual(body);
  });

  it('summarises leads per rep, speed to lead and escalations for a period', async () => {
    const r = await api('manager', '/api/v1/routing/summary?from=2026-01-01&to=2026-12-31');
    expect(r.status).toBe(200);
    const totals = r.body.totals as Row;
    expect(totals.escalations).toBe(1);
    const reps = r.body.reps as Row[];
    expect(reps.find((x) => x.user_id === fx.users.ana.id)).toMatchObject({ escalated_away: 1, escalated_to: 0 });
    expect(reps.find((x) => x.user_id === fx.users.luis.id)).toMatchObject({ escalated_to: 1 });
    expect(reps.find((x) => x.user_id === fx.users.ana.id)!.median_minutes).not.toBeNull();
    expect((await api('manager', '/api/v1/routing/summary?from=2026-02-01&to=2026-01-01')).status).toBe(400);
    expect((await api('ana', '/api/v1/routing/summary')).status).toBe(403);
  });
});
