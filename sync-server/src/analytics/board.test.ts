import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { get, idOf, startAnalyticsWorld, tokenOf, type AnalyticsWorld } from './testkit.ts';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test

let w: AnalyticsWorld;
beforeAll(async () => {
  w = await startAnalyticsWorld();
});
afterAll(() => w?.server.stop());

const TZ = 'Europe/Madrid';
const inPeriod = (col: string, unit: string) => sql.raw(`date_trunc('${unit}', ${col} at time zone '${TZ}') = date_trunc('${unit}', now() at time zone '${TZ}')`);
const bucket = (d: number) => (d <= 30 ? '0-30' : d <= 60 ? '31-60' : d <= 90 ? '61-90' : '90+');
const close = (a: number | null, b: number | null) => (b === null ? expect(a).toBeNull() : expect(a).toBeCloseTo(b, 1));

describe('GET /api/v1/analytics/sellers', () => {
  it.each(['month', 'quarter', 'year'])('every rep figure equals SQL, period=%s', async (period) => {
    const { status, body } = await get<Body>(w, `/api/v1/analytics/sellers?period=${period}`, tokenOf(w, 'gerente@demo.example'));
    expect(status).toBe(200);
    const unit = period;
    const db = w.server.ctx.db;
    const reps = await db.rows<{ id: string }>(sql`select id from users where dealership_id = ${w.demo.dealership_id} and role = 'sales'`);
    expect(body.sellers.length).toBeGreaterThanOrEqual(reps.length);
    for (const rep of reps) {
      const row = body.sellers.find((s: Body) => s.user_id === rep.id);
      expect(row, rep.id).toBeDefined();
      const [s] = await db.rows<Record<string, unknown>>(sql`
        select count(*)::int as units, coalesce(sum(s.sale_price),0)::float8 as revenue, coalesce(sum(s.sale_price - v.cost),0)::float8 as gross
        from sales s join vehicles v on v.id = s.vehicle_id
        where s.salesperson_id = ${rep.id} and s.status = 'completed' and s.deleted = false and ${inPeriod('s.sale_date', unit)}`);
      const [l] = await db.rows<Record<string, unknown>>(sql`
        select count(*)::int as total, count(*) filter (where status = 'closed_won')::int as won from leads
        where assigned_to = ${rep.id} and deleted = false and ${inPeriod('created_at', unit)}`);
      const [a] = await db.rows<Record<string, unknown>>(sql`
        select count(*)::int as n from leads where assigned_to = ${rep.id} and deleted = false and status not in ('closed_won','closed_lost')`);
      const mins = (await db.rows<{ m: number }>(sql`select extract(epoch from first_response_at - created_at) / 60 as m from leads
        where assigned_to = ${rep.id} and deleted = false and first_response_at >= created_at and ${inPeriod('created_at', unit)} order by 1`)).map((r) => Number(r.m));
      expect(row.units).toBe(Number(s?.units));
      close(row.revenue, Number(s?.revenue));
      close(row.front_gross, Number(s?.gross));
      expect(row.leads).toBe(Number(l?.total));
      close(row.conversion_rate, Number(l?.total) ? (Number(l?.won) / Number(l?.total)) * 100 : null);
      close(row.closing_ratio, Number(l?.total) ? (Number(s?.units) / Number(l?.total)) * 100 : null);
      expect(row.active_leads).toBe(Number(a?.n));
      const mid = (mins.length - 1) / 2;
      close(row.median_response_minutes, mins.length ? ((mins[Math.floor(mid)] as number) + (mins[Math.ceil(mid)] as number)) / 2 : null);
    }
    const revenues = body.sellers.map((s: Body) => s.revenue as number);
    expect(revenues).toEqual(revenues.toSorted((x: number, y: number) => y - x));
  });

  it('a salesperson gets only their own row and the team medians; a viewer no gross', async () => {
    const ana = await get<Body>(w, '/api/v1/analytics/sellers?period=year', tokenOf(w, 'ana@demo.example'));
    expect(ana.body.sellers.map((s: Body) => s.user_id)).toEqual([idOf(w, 'ana@demo.example')]);
    expect(ana.body.team_median.units).toBeGreaterThan(0);
    const team = await get<Body>(w, '/api/v1/analytics/sellers?period=year', tokenOf(w, 'gerente@demo.example'));
    const units = team.body.sellers.filter((s: Body) => s.user_id !== idOf(w, 'gerente@demo.example')).map((s: Body) => s.units as number).toSorted((a: number, b: number) => a - b);
    expect(ana.body.team_median.units).toBe(units.length % 2 ? units[(units.length - 1) / 2] : (units[units.length / 2 - 1] + units[units.length / 2]) / 2);
    const viewer = await get<Body>(w, '/api/v1/analytics/sellers?period=year', tokenOf(w, 'visor@demo.example'));
    expect(viewer.body.sellers.length).toBe(team.body.sellers.length);
    for (const s of viewer.body.sellers) expect(s.front_gross).toBeNull();
    const other = await get<Body>(w, '/api/v1/analytics/sellers?period=year', tokenOf(w, 'gerente@otro.example'));
    const demoIds = new Set(team.body.sellers.map((s: Body) => s.user_id));
    for (const s of other.body.sellers) expect(demoIds.has(s.user_id)).toBe(false);
  });
});

describe('GET /api/v1/analytics/inventory-aging', () => {
  it('buckets, by body type and by make, equal SQL', async () => {
    const { status, body } = await get<Body>(w, '/api/v1/analytics/inventory-aging', tokenOf(w, 'gerente@demo.example'));
    expect(status).toBe(200);
    const rows = await w.server.ctx.db.rows<Record<string, unknown>>(sql`
      select body_type, make, date_part('day', date_trunc('day', now() at time zone ${TZ}) - date_trunc('day', acquired_at at time zone ${TZ}))::int as days
      from vehicles where dealership_id = ${w.demo.dealership_id} and deleted = false and status in ('available','reserved','maintenance')`);
    expect(body.total_vehicles).toBe(rows.length);
    for (const b of ['0-30', '31-60', '61-90', '90+']) expect(body.buckets[b], b).toBe(rows.filter((r) => bucket(Number(r.days)) === b).length);
    expect(body.buckets['90+']).toBeGreaterThan(0);
    close(body.average_days_in_stock, rows.reduce((s, r) => s + Number(r.days), 0) / rows.length);
    for (const g of body.by_body_type) {
      const mine = rows.filter((r) => r.body_type === g.body_type);
      expect(g.count).toBe(mine.length);
      close(g.average_days, mine.reduce((s, r) => s + Number(r.days), 0) / mine.length);
      for (const b of ['0-30', '31-60', '61-90', '90+']) expect(g.buckets[b]).toBe(mine.filter((r) => bucket(Number(r.days)) === b).length);
    }
    for (const g of body.by_make) expect(g.count).toBe(rows.filter((r) => r.make === g.make).length);
    expect(body.by_make.reduce((s: number, g: Body) => s + g.count, 0)).toBe(rows.length);
  });

  it('refuses unknown parameters', async () => {
    const res = await get<Body>(w, '/api/v1/analytics/inventory-aging?x=1', tokenOf(w, 'ana@demo.example'));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_error');
  });
});

describe('GET /api/v1/analytics/leads-funnel', () => {
  it.each([['gerente@demo.example', false], ['marta@demo.example', true]] as const)('by source and by status equal SQL for %s', async (email, own) => {
    const { status, body } = await get<Body>(w, '/api/v1/analytics/leads-funnel?period=year', tokenOf(w, email));
    expect(status).toBe(200);
    const rep = own ? sql`and assigned_to = ${idOf(w, email)}` : sql``;
    const rows = await w.server.ctx.db.rows<Record<string, unknown>>(sql`
      select source, status, first_response_at, created_at, extract(epoch from first_response_at - created_at) / 60 as m from leads
      where dealership_id = ${w.demo.dealership_id} and deleted = false ${rep} and ${inPeriod('created_at', 'year')}`);
    expect(body.total_leads).toBe(rows.length);
    expect(body.scope).toBe(own ? 'own' : 'dealership');
    for (const [s, n] of Object.entries(body.by_status)) expect(n, s).toBe(rows.filter((r) => r.status === s).length);
    for (const src of body.by_source) {
      const mine = rows.filter((r) => r.source === src.source);
      expect(src.total).toBe(mine.length);
      const won = mine.filter((r) => r.status === 'closed_won').length;
      expect(src.won).toBe(won);
      close(src.conversion_rate, mine.length ? (won / mine.length) * 100 : null);
      const mins = mine.filter((r) => r.first_response_at !== null && r.m !== null && Number(r.m) >= 0).map((r) => Number(r.m)).toSorted((a, b) => a - b);
      const mid = (mins.length - 1) / 2;
      close(src.median_response_minutes, mins.length ? ((mins[Math.floor(mid)] as number) + (mins[Math.ceil(mid)] as number)) / 2 : null);
    }
    expect(body.by_source.reduce((s: number, x: Body) => s + x.total, 0)).toBe(rows.length);
  });

  it('refuses a bad period', async () => {
    const res = await get<Body>(w, '/api/v1/analytics/leads-funnel?period=week&date=2024-13-01', tokenOf(w, 'gerente@demo.example'));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_error', details: { issues: [{ path: 'date' }] } });
  });
});
