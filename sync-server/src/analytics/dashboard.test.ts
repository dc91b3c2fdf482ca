import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { PERIODS, type Period } from './query.ts';
import { addSale, get, idOf, startAnalyticsWorld, tokenOf, type AnalyticsWorld } from './testkit.ts';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test

let w: AnalyticsWorld;
beforeAll(async () => {
  w = await startAnalyticsWorld();
  // A sale at 23:30 Madrid time on 31 March 2024 (the night clocks go forward): 21:30 UTC.
  await addSale(w, 'ana@demo.example', '2024-03-31T23:30:00+02:00', 20_000, 17_500);
});
afterAll(() => w?.server.stop());

const TZ = 'Europe/Madrid';
const TRUNC: Record<Period, string> = { today: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year' };
const STEP: Record<Period, string> = { today: '1 day', week: '1 week', month: '1 month', quarter: '3 months', year: '1 year' };

/**
 * The dashboard figures written by hand: a row is in the period when its local (Madrid) time
 * truncates to the same calendar period as the reference local time.
 */
async function expected(dealershipId: string, repId: string | null, period: Period, date?: string) {
  const db = w.server.ctx.db;
  const ref = date ? sql`${date}::timestamp` : sql`(now() at time zone ${TZ})`;
  const prevRef = sql`(${ref} - ${STEP[period]}::interval)`;
  const u = TRUNC[period];
  const rep = repId ? sql`and s.salesperson_id = ${repId}` : sql``;
  const salesFor = async (r: typeof ref, extra = sql``) => {
    const [row] = await db.rows<Record<string, unknown>>(sql`
      select count(*)::int as units, coalesce(sum(s.sale_price),0)::float8 as revenue,
             coalesce(sum(s.sale_price - v.cost),0)::float8 as gross, count(v.cost)::int as with_cost
      from sales s left join vehicles v on v.id = s.vehicle_id
      where s.dealership_id = ${dealershipId} and s.deleted = false and s.status = 'completed' ${rep}
        and date_trunc(${u}, s.sale_date at time zone ${TZ}) = date_trunc(${u}, ${r}) ${extra}`);
    return { units: Number(row?.units), revenue: Number(row?.revenue), gross: Number(row?.gross), withCost: Number(row?.with_cost) };
  };
  const cur = await salesFor(ref);
  // The current period (no date) is compared to date: the previous one only up to the same elapsed time.
  const prev = await salesFor(prevRef, date ? sql`` : sql`and (s.sale_date at time zone ${TZ}) - date_trunc(${u}, ${prevRef}) < (now() at time zone ${TZ}) - date_trunc(${u}, now() at time zone ${TZ})`);
  const status = await db.rows<{ status: string; n: number }>(sql`
    select status, count(*)::int as n from vehicles where dealership_id = ${dealershipId} and deleted = false group by status`);
  const [invRow] = await db.rows<Record<string, unknown>>(sql`
    select avg(date_part('day', date_trunc('day', now() at time zone ${TZ}) - date_trunc('day', acquired_at at time zone ${TZ})))::float8 as avg_days,
           count(*)::int as in_stock,
           (select count(*)::int from sales where dealership_id = ${dealershipId} and status = 'completed' and deleted = false
              and sale_date > now() - interval '30 days') as sold30
    from vehicles where dealership_id = ${dealershipId} and deleted = false and status in ('available','reserved','maintenance')`);
  const leadRep = repId ? sql`and assigned_to = ${repId}` : sql``;
  const leadWhere = sql`dealership_id = ${dealershipId} and deleted = false ${leadRep} and date_trunc(${u}, created_at at time zone ${TZ}) = date_trunc(${u}, ${ref})`;
  const [ld] = await db.rows<Record<string, unknown>>(sql`
    select count(*)::int as total, sum(case when status = 'closed_won' then 1 else 0 end)::int as won, avg(score)::float8 as score
    from leads where ${leadWhere}`);
  const mins = (await db.rows<{ m: number }>(sql`
    select (extract(epoch from first_response_at) - extract(epoch from created_at)) / 60.0 as m from leads
    where ${leadWhere} and first_response_at is not null and first_response_at >= created_at order by 1`)).map((r) => Number(r.m));
  const bySource = await db.rows<{ source: string; n: number }>(sql`select source, count(*)::int as n from leads where ${leadWhere} group by source`);
  const soldCars = await db.rows<{ n: number }>(sql`
    select count(*)::int as n from vehicles v where v.dealership_id = ${dealershipId} and exists (select 1 from sales s where s.vehicle_id = v.id
      and s.status = 'completed' and not s.deleted and date_trunc(${u}, s.sale_date at time zone ${TZ}) = date_trunc(${u}, ${ref}))`);
  return { cur, prev, status, inv: invRow ?? {}, ld, mins, bySource, soldCars: Number(soldCars[0]?.n) };
}

/** Linear-interpolated percentile, as percentile_cont. */
function pct(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (i - lo);
}

function expectClose(actual: number | null, want: number | null, digits = 1) {
  if (want === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(want, digits);
}

async function check(body: Body, e: Awaited<ReturnType<typeof expected>>, seesGross = true) {
  expect(body.sales.total_units).toBe(e.cur.units);
  expectClose(body.sales.total_revenue, e.cur.revenue, 2);
  expectClose(body.sales.average_sale_price, e.cur.units ? e.cur.revenue / e.cur.units : null);
  expectClose(body.sales.front_gross, seesGross ? e.cur.gross : null);
  expectClose(body.sales.gross_per_unit, seesGross && e.cur.withCost ? e.cur.gross / e.cur.withCost : null);
  expectClose(body.sales.previous_period.total_revenue, e.prev.revenue, 2);
  expect(body.sales.previous_period.total_units).toBe(e.prev.units);
  expectClose(body.sales.previous_period.growth_rate, e.prev.units ? ((e.cur.revenue - e.prev.revenue) / e.prev.revenue) * 100 : null);
  const byStatus = Object.fromEntries(e.status.map((r) => [r.status, Number(r.n)]));
  for (const s of ['available', 'reserved', 'maintenance']) expect(body.inventory.vehicles_by_status[s], s).toBe(byStatus[s] ?? 0);
  expect(body.inventory.vehicles_by_status.sold).toBe(e.soldCars);
  expect(body.inventory.total_vehicles).toBe(Number(e.inv.in_stock));
  expect(body.inventory.available_count).toBe(byStatus.available ?? 0);
  expectClose(body.inventory.average_days_in_lot, Number(e.inv.avg_days ?? 0));
  const sold30 = Number(e.inv.sold30);
  expectClose(body.inventory.days_supply, sold30 ? Number(e.inv.in_stock) / (sold30 / 30) : null);
  const total = Number(e.ld?.total);
  expect(body.leads.total_leads).toBe(total);
  expectClose(body.leads.conversion_rate, total ? (Number(e.ld?.won) / total) * 100 : null);
  expectClose(body.leads.average_lead_score, total ? Number(e.ld?.score) : null);
  for (const r of e.bySource) expect(body.leads.leads_by_source[r.source], r.source).toBe(Number(r.n));
  const sourceSum = Object.values(body.leads.leads_by_source as Record<string, number>).reduce((a, b) => a + b, 0);
  expect(sourceSum).toBe(total);
  expectClose(body.leads.speed_to_lead.median_minutes, pct(e.mins, 0.5));
  expectClose(body.leads.speed_to_lead.p90_minutes, pct(e.mins, 0.9));
  expect(body.leads.speed_to_lead.responded).toBe(e.mins.length);
}

describe('GET /api/v1/analytics/dashboard', () => {
  it('has the spec Endpoint 3 shape', async () => {
    const { status, body } = await get<Body>(w, '/api/v1/analytics/dashboard?period=month&compare_previous=true', tokenOf(w, 'gerente@demo.example'));
    expect(status).toBe(200);
    expect(Object.keys(body.sales)).toEqual(expect.arrayContaining(['total_revenue', 'total_units', 'average_sale_price', 'previous_period']));
    expect(Object.keys(body.sales.previous_period)).toEqual(expect.arrayContaining(['total_revenue', 'growth_rate']));
    expect(Object.keys(body.inventory)).toEqual(expect.arrayContaining(['total_vehicles', 'available_count', 'average_days_in_lot', 'vehicles_by_status']));
    expect(Object.keys(body.leads)).toEqual(expect.arrayContaining(['total_leads', 'conversion_rate', 'leads_by_source', 'average_lead_score']));
    expect(body.period).toMatchObject({ name: 'month', timezone: 'Europe/Madrid', currency: 'EUR' });
    // The trailing-slash form the spec writes.
    expect((await get(w, '/api/v1/analytics/dashboard/?period=month', tokenOf(w, 'gerente@demo.example'))).status).toBe(200);
  });

  it.each(PERIODS)('every figure equals SQL for the manager, period=%s', async (period) => {
    const { body } = await get<Body>(w, `/api/v1/analytics/dashboard?period=${period}`, tokenOf(w, 'gerente@demo.example'));
    await check(body, await expected(w.demo.dealership_id, null, period));
    expect(body.scope).toBe('dealership');
  });

  it('the demo year has sales this year and last month', async () => {
    const { body } = await get<Body>(w, '/api/v1/analytics/dashboard?period=year', tokenOf(w, 'gerente@demo.example'));
    expect(body.sales.total_units).toBeGreaterThan(10);
    expect(body.leads.total_leads).toBeGreaterThan(10);
    expect(body.leads.speed_to_lead.median_minutes).not.toBeNull();
  });

  it('a sale at 23:30 local on the last day of the month falls in that month', async () => {
    const t = tokenOf(w, 'gerente@demo.example');
    const march = await get<Body>(w, '/api/v1/analytics/dashboard?period=month&date=2024-03-10', t);
    expect(march.body.sales.total_units).toBe(1);
    expect(march.body.sales.total_revenue).toBe(20_000);
    expect(march.body.sales.front_gross).toBe(2_500);
    expect(march.body.period.start).toBe('2024-02-29T23:00:00.000Z');
    expect(march.body.period.end).toBe('2024-03-31T22:00:00.000Z');
    await check(march.body, await expected(w.demo.dealership_id, null, 'month', '2024-03-10'));
    const april = await get<Body>(w, '/api/v1/analytics/dashboard?period=month&date=2024-04-01', t);
    expect(april.body.sales.total_units).toBe(0);
    expect(april.body.sales.previous_period).toMatchObject({ total_revenue: 20_000, total_units: 1, growth_rate: -100 });
    const day = await get<Body>(w, '/api/v1/analytics/dashboard?period=today&date=2024-03-31', t);
    expect(day.body.sales.total_units).toBe(1);
  });

  it('a period with no sales after one with none: growth is null, not a division by zero', async () => {
    const { status, body } = await get<Body>(w, '/api/v1/analytics/dashboard?period=month&date=2024-06-15', tokenOf(w, 'gerente@demo.example'));
    expect(status).toBe(200);
    expect(body.sales).toMatchObject({ total_revenue: 0, total_units: 0, average_sale_price: null, gross_per_unit: null });
    expect(body.sales.previous_period).toMatchObject({ total_revenue: 0, total_units: 0, growth_rate: null });
    expect(body.leads).toMatchObject({ total_leads: 0, conversion_rate: null, average_lead_score: null });
    await check(body, await expected(w.demo.dealership_id, null, 'month', '2024-06-15'));
  });

  it('compare_previous=false leaves the previous period out', async () => {
    const { body } = await get<Body>(w, '/api/v1/analytics/dashboard?period=month&compare_previous=false', tokenOf(w, 'gerente@demo.example'));
    expect(body.sales.previous_period).toBeNull();
  });

  it('a salesperson sees only their own sales and leads; inventory stays dealership-wide', async () => {
    for (const period of ['month', 'year'] as const) {
      const { body } = await get<Body>(w, `/api/v1/analytics/dashboard?period=${period}`, tokenOf(w, 'ana@demo.example'));
      expect(body.scope).toBe('own');
      await check(body, await expected(w.demo.dealership_id, idOf(w, 'ana@demo.example'), period));
      const team = await get<Body>(w, `/api/v1/analytics/dashboard?period=${period}`, tokenOf(w, 'gerente@demo.example'));
      expect(body.sales.total_units).toBeLessThan(team.body.sales.total_units);
    }
  });

  it('a viewer reads the whole dealership but never dealer cost', async () => {
    const { body } = await get<Body>(w, '/api/v1/analytics/dashboard?period=year', tokenOf(w, 'visor@demo.example'));
    expect(body.sales.front_gross).toBeNull();
    expect(body.sales.gross_per_unit).toBeNull();
    await check(body, await expected(w.demo.dealership_id, null, 'year'), false);
  });

  it("another dealership's rows never count", async () => {
    const { body } = await get<Body>(w, '/api/v1/analytics/dashboard?period=year', tokenOf(w, 'gerente@otro.example'));
    await check(body, await expected(w.other.dealership_id, null, 'year'));
    const demo = await get<Body>(w, '/api/v1/analytics/dashboard?period=year', tokenOf(w, 'gerente@demo.example'));
    expect(body.inventory.total_vehicles).not.toBe(demo.body.inventory.total_vehicles);
  });

  it('refuses bad input with the error shape, and no token', async () => {
    const t = tokenOf(w, 'gerente@demo.example');
    for (const q of ['period=decade', 'compare_previous=maybe', 'date=2024-02-30', 'date=tomorrow', 'foo=1']) {
      const res = await get<Body>(w, `/api/v1/analytics/dashboard?${q}`, t);
      expect(res.status, q).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation_error', message: expect.any(String), details: { issues: expect.any(Array) } });
    }
    const res = await fetch(`${w.server.url}/api/v1/analytics/dashboard`);
    expect(res.status).toBe(401);
  });
});

describe('sales.by_week', () => {
  it('holds 12 local weeks whose figures equal SQL', async () => {
    const { body } = await get<Body>(w, '/api/v1/analytics/dashboard?period=month&date=2024-04-03', tokenOf(w, 'gerente@demo.example'));
    const weeks = body.sales.by_week as { week: string; units: number; revenue: number }[];
    expect(weeks.map((x) => x.week).slice(-2)).toEqual(['2024-03-25', '2024-04-01']);
    expect(weeks).toHaveLength(12);
    expect(weeks.find((x) => x.week === '2024-03-25')).toMatchObject({ units: 1, revenue: 20_000 });
    const { body: now } = await get<Body>(w, '/api/v1/analytics/dashboard?period=year', tokenOf(w, 'gerente@demo.example'));
    for (const x of now.sales.by_week as { week: string; units: number; revenue: number }[]) {
      const [r] = await w.server.ctx.db.rows<Record<string, unknown>>(sql`
        select count(*)::int as n, coalesce(sum(sale_price), 0)::float8 as rev from sales where dealership_id = ${w.demo.dealership_id}
          and status = 'completed' and deleted = false and (sale_date at time zone ${TZ})::date >= ${x.week}::date
          and (sale_date at time zone ${TZ})::date < ${x.week}::date + 7`);
      expect(x.units, x.week).toBe(Number(r?.n));
      expect(x.revenue).toBeCloseTo(Number(r?.rev), 1);
    }
  });
});
