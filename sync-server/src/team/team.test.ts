import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, leads } from '../db/schema.ts';
import { call, PASSWORD, seedAuthFixture, type Fixture, type FixtureUser } from '../auth/test-fixtures.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let fx: Fixture;
const tokens = new Map<string, string>();
beforeAll(async () => {
  // Revocation is read without a cache here, so "within seconds" is "on the next request".
  server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '1000', AUTH_REVOCATION_CACHE_MS: '0' }, seed: async (db) => (fx = await seedAuthFixture(db)) });
  for (const key of ['admin', 'manager', 'sales', 'viewer', 'otherManager'] as const) tokens.set(key, await loginToken(fx[key]));
});
afterAll(() => server?.stop());

async function loginToken(u: { email: string }, password = PASSWORD): Promise<string> {
  const res = await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: u.email, password } });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}
const as = (key: string) => tokens.get(key)!;
const newMember = (role: string, email: string) => ({ first_name: 'Nuevo', last_name: 'Vendedor', email, role, phone: '+34600000000', specializations: ['suv', 'Toyota'], working_hours: { '1': [['09:00', '14:00'], ['16:00', '20:00']] } });
const tokenOf = (link: unknown) => new URL(String(link)).hash.replace('#token=', '');

describe('team API: role rules', () => {
  it('lists the own dealership only; viewers read; salespeople cannot see it', async () => {
    const list = await call(server.url, 'GET', '/api/v1/team', { token: as('admin') });
    expect(list.status).toBe(200);
    const emails = (list.body.items as { email: string; password_hash?: string }[]).map((u) => u.email);
    expect(emails).toContain('manager@alpha.example');
    expect(emails).not.toContain('manager@beta.example');
    expect(JSON.stringify(list.body)).not.toMatch(/password_hash|argon/);
    expect((await call(server.url, 'GET', '/api/v1/team', { token: as('viewer') })).status).toBe(200);
    expect((await call(server.url, 'GET', '/api/v1/team', { token: as('sales') })).status).toBe(403);
    expect((await call(server.url, 'POST', '/api/v1/team', { token: as('viewer'), body: newMember('sales', 'v@alpha.example') })).status).toBe(403);
    expect((await call(server.url, 'POST', '/api/v1/team', { token: as('sales'), body: newMember('sales', 's@alpha.example') })).status).toBe(403);
  });

  it('a manager cannot create or edit admins, nor touch another dealership', async () => {
    expect((await call(server.url, 'POST', '/api/v1/team', { token: as('manager'), body: newMember('admin', 'boss@alpha.example') })).status).toBe(403);
    expect((await call(server.url, 'PATCH', `/api/v1/team/${fx.admin.id}`, { token: as('manager'), body: { phone: '1' } })).status).toBe(403);
    expect((await call(server.url, 'PATCH', `/api/v1/team/${fx.sales.id}`, { token: as('manager'), body: { role: 'admin' } })).status).toBe(403);
    expect((await call(server.url, 'PATCH', `/api/v1/team/${fx.otherSales.id}`, { token: as('manager'), body: { phone: '1' } })).status).toBe(404);
    expect((await call(server.url, 'POST', `/api/v1/team/${fx.otherSales.id}/deactivate`, { token: as('manager') })).status).toBe(404);
    expect((await call(server.url, 'POST', `/api/v1/team/${fx.sales.id}/deactivate`, { token: as('otherManager') })).status).toBe(404);
    expect((await call(server.url, 'PATCH', '/api/v1/team/not-a-uuid', { token: as('manager'), body: { phone: '1' } })).status).toBe(404);
  });

  it('refuses bad input with a 400 and duplicates with a 409', async () => {
    const bad = await call(server.url, 'POST', '/api/v1/team', { token: as('manager'), body: { ...newMember('sales', 'x@alpha.example'), working_hours: { '1': [['18:00', '09:00']] } } });
    expect(bad.status).toBe(400);
    expect((await call(server.url, 'POST', '/api/v1/team', { token: as('manager'), body: newMember('sales', 'SALES@alpha.example') })).body.error).toBe('email_taken');
  });
});

describe('team API: the life of a salesperson', () => {
  it('create → set password from the link → edit → reset → deactivate (leads move, access ends) → reactivate', async () => {
    const created = await call(server.url, 'POST', '/api/v1/team', { token: as('manager'), body: newMember('sales', 'nuevo@alpha.example') });
    expect(created.status).toBe(201);
    const id = (created.body.user as { id: string }).id;
    const link = tokenOf(created.body.link);
    expect((await call(server.url, 'POST', '/api/v1/password-links/use', { body: { token: link, password: 'primera-clave' } })).status).toBe(200);
    const rep = { email: 'nuevo@alpha.example' };
    const first = await loginToken(rep, 'primera-clave');

    const edited = await call(server.url, 'PATCH', `/api/v1/team/${id}`, { token: as('manager'), body: { phone: '+34611111111', specializations: ['van'] } });
    expect(edited.status).toBe(200);
    expect(edited.body.specializations).toEqual(['van']);

    // Reset: the old password and sessions end; the new link works once.
    const reset = await call(server.url, 'POST', `/api/v1/team/${id}/reset-password`, { token: as('manager') });
    expect(reset.status).toBe(200);
    expect((await call(server.url, 'GET', '/api/v1/auth/me', { token: first })).status).toBe(401);
    expect((await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: rep.email, password: 'primera-clave' } })).status).toBe(401);
    expect((await call(server.url, 'POST', '/api/v1/password-links/use', { body: { token: tokenOf(reset.body.link), password: 'segunda-clave' } })).status).toBe(200);
    const session = await loginToken(rep, 'segunda-clave');

    // Open and closed leads assigned to them.
    const customerId = uuidv7();
    await server.ctx.db.orm.insert(customers).values({ id: customerId, dealership_id: fx.alpha, first_name: 'Cliente' } as typeof customers.$inferInsert);
    const open = [uuidv7(), uuidv7()];
    const closed = uuidv7();
    for (const [lid, status] of [[open[0], 'new'], [open[1], 'negotiating'], [closed, 'closed_won']] as const) {
      await server.ctx.db.orm.insert(leads).values({ id: lid!, dealership_id: fx.alpha, customer_id: customerId, assigned_to: id, source: 'walk_in', status });
    }
    const seqBefore = (await server.ctx.db.rows<{ s: number }>(sql`select max(seq)::bigint as s from leads where id in (${open[0]}, ${open[1]})`))[0]?.s;

    expect((await call(server.url, 'POST', `/api/v1/team/${id}/deactivate`, { token: as('manager'), body: { reassign_to: fx.otherSales.id } })).status).toBe(400);
    expect((await call(server.url, 'POST', `/api/v1/team/${fx.manager.id}/deactivate`, { token: as('manager') })).status).toBe(400);
    const off = await call(server.url, 'POST', `/api/v1/team/${id}/deactivate`, { token: as('manager'), body: { reassign_to: fx.sales.id } });
    expect(off.status).toBe(200);
    expect(off.body.leads_moved).toBe(2);
    // Their next request fails; they cannot log in; the leads moved as replicated writes (new seq).
    const me = await call(server.url, 'GET', '/api/v1/auth/me', { token: session });
    expect(me.status).toBe(401);
    expect((await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: rep.email, password: 'segunda-clave' } })).status).toBe(401);
    const rows = await server.ctx.db.rows<{ id: string; assigned_to: string; seq: number }>(sql`select id, assigned_to, seq from leads where customer_id = ${customerId}`);
    for (const r of rows) {
      if (r.id === closed) expect(r.assigned_to).toBe(id);
      else {
        expect(r.assigned_to).toBe(fx.sales.id);
        expect(Number(r.seq)).toBeGreaterThan(Number(seqBefore));
      }
    }
    const audit = await server.ctx.db.rows<{ action: string }>(sql`select action from audit_log where entity_id = ${id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'password_reset', 'deactivate']));

    expect((await call(server.url, 'POST', `/api/v1/team/${id}/reactivate`, { token: as('manager') })).body.is_active).toBe(true);
    await loginToken(rep, 'segunda-clave');
  });

  it('deactivation without a colleague sends open leads back to unassigned', async () => {
    const created = await call(server.url, 'POST', '/api/v1/team', { token: as('admin'), body: newMember('sales', 'temporal@alpha.example') });
    const id = (created.body.user as FixtureUser).id;
    const customerId = uuidv7();
    await server.ctx.db.orm.insert(customers).values({ id: customerId, dealership_id: fx.alpha, first_name: 'Otro' } as typeof customers.$inferInsert);
    const lead = uuidv7();
    await server.ctx.db.orm.insert(leads).values({ id: lead, dealership_id: fx.alpha, customer_id: customerId, assigned_to: id, source: 'web' });
    const off = await call(server.url, 'POST', `/api/v1/team/${id}/deactivate`, { token: as('admin') });
    expect(off.body.leads_moved).toBe(1);
    expect((await server.ctx.db.rows<{ a: string | null }>(sql`select assigned_to as a from leads where id = ${lead}`))[0]?.a).toBeNull();
    // Their unused set-password link died with the account.
    expect((await call(server.url, 'POST', '/api/v1/password-links/check', { body: { token: tokenOf(created.body.link) } })).status).toBe(410);
  });
});

describe('working hours, days off and holidays feed "available now"', () => {
  it('days off are stored and edited through the team API; availableMembers reads them, the dealership’s hours and holidays, across a DST change', async () => {
    // Monday 09:00-14:00 only, Madrid time.
    const created = await call(server.url, 'POST', '/api/v1/team', {
      token: as('admin'),
      body: { ...newMember('sales', 'turnos@alpha.example'), working_hours: { '1': [['09:00', '14:00']] }, days_off: ['2026-04-06', '2026-04-06'] },
    });
    expect(created.status).toBe(201);
    const id = (created.body.user as { id: string; days_off: string[] }).id;
    expect((created.body.user as { days_off: string[] }).days_off).toEqual(['2026-04-06']);
    expect((await call(server.url, 'PATCH', `/api/v1/team/${id}`, { token: as('admin'), body: { days_off: ['06/04/2026'] } })).status).toBe(400);
    await server.ctx.db.rows(sql`update dealerships set timezone = 'Europe/Madrid', settings = settings || '{"business_hours": {}, "holidays": ["2026-04-13"]}'::jsonb where id = ${fx.alpha}::uuid`);
    const { availableMembers } = await import('./availability.ts');
    const ids = async (iso: string) => (await availableMembers(server.ctx.db, fx.alpha, new Date(iso))).map((m) => m.id);

    // 2026-03-23 is a Monday in winter time (UTC+1): 08:30Z is 09:30 in Madrid.
    expect(await ids('2026-03-23T08:30:00Z')).toContain(id);
    // 2026-03-30, the Monday after the change to summer time (UTC+2): 07:30Z is 09:30, 12:30Z is 14:30.
    expect(await ids('2026-03-30T07:30:00Z')).toContain(id);
    expect(await ids('2026-03-30T12:30:00Z')).not.toContain(id);
    // Their own day off, then the dealership's holiday.
    expect(await ids('2026-04-06T08:00:00Z')).not.toContain(id);
    expect(await ids('2026-04-13T08:00:00Z')).not.toContain(id);
    // Days off edited from the team screen's API: the 6th is back, the 20th is off.
    const edited = await call(server.url, 'PATCH', `/api/v1/team/${id}`, { token: as('admin'), body: { days_off: ['2026-04-20'] } });
    expect(edited.status).toBe(200);
    expect(edited.body.days_off).toEqual(['2026-04-20']);
    expect(await ids('2026-04-06T08:00:00Z')).toContain(id);
    expect(await ids('2026-04-20T08:00:00Z')).not.toContain(id);
    // Deactivated people are never available.
    await call(server.url, 'POST', `/api/v1/team/${id}/deactivate`, { token: as('admin') });
    expect(await ids('2026-03-23T08:30:00Z')).not.toContain(id);
  });
});
