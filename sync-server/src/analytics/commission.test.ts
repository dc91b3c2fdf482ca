import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { get, idOf, startAnalyticsWorld, tokenOf, type AnalyticsWorld } from './testkit.ts';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test

let w: AnalyticsWorld;
beforeAll(async () => {
  w = await startAnalyticsWorld();
});
afterAll(() => w?.server.stop());

async function put(path: string, token: string, body: unknown) {
  const res = await fetch(`${w.server.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Body };
}

const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

describe('commissions and targets', () => {
  it('only a manager sets the plan, and bad plans are refused', async () => {
    expect((await put('/api/v1/analytics/commission', tokenOf(w, 'ana@demo.example'), { type: 'flat_per_unit', value: 300 })).status).toBe(403);
    expect((await put('/api/v1/analytics/commission', tokenOf(w, 'visor@demo.example'), { type: 'flat_per_unit', value: 300 })).status).toBe(403);
    for (const bad of [{ type: 'percent_of_gross', value: 150 }, { type: 'bonus', value: 1 }, { type: 'flat_per_unit', value: -1 }, { type: 'flat_per_unit' }]) {
      const res = await put('/api/v1/analytics/commission', tokenOf(w, 'gerente@demo.example'), bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation_error', details: { issues: expect.any(Array) } });
    }
    const { body: before } = await get<Body>(w, '/api/v1/analytics/sellers?period=year', tokenOf(w, 'gerente@demo.example'));
    for (const s of before.sellers) expect(s.commission).toBeNull();
  });

  it('a percentage of front gross with a minimum per unit equals SQL per rep', async () => {
    expect((await put('/api/v1/analytics/commission', tokenOf(w, 'gerente@demo.example'), { type: 'percent_of_gross', value: 10, minimum_per_unit: 200 })).status).toBe(200);
    const { body } = await get<Body>(w, '/api/v1/analytics/sellers?period=year', tokenOf(w, 'gerente@demo.example'));
    for (const s of body.sellers) {
      const [r] = await w.server.ctx.db.rows<{ c: number }>(sql`
        select coalesce(sum(greatest(0.10 * greatest(coalesce(s.sale_price - v.cost, 0), 0), 200)), 0)::float8 as c
        from sales s left join vehicles v on v.id = s.vehicle_id
        where s.salesperson_id = ${s.user_id} and s.status = 'completed' and not s.deleted
          and date_trunc('year', s.sale_date at time zone 'Europe/Madrid') = date_trunc('year', now() at time zone 'Europe/Madrid')`);
      expect(s.commission).toBeCloseTo(Number(r?.c), 0);
    }
    expect(body.commission_plan).toMatchObject({ type: 'percent_of_gross', value: 10, minimum_per_unit: 200 });
    const viewer = await get<Body>(w, '/api/v1/analytics/sellers?period=year', tokenOf(w, 'visor@demo.example'));
    for (const s of viewer.body.sellers) expect(s.commission).toBeNull();
    expect(viewer.body.commission_plan).toBeNull();
  });

  it('a flat amount per unit', async () => {
    await put('/api/v1/analytics/commission', tokenOf(w, 'gerente@demo.example'), { type: 'flat_per_unit', value: 250 });
    const { body } = await get<Body>(w, '/api/v1/analytics/sellers?period=year', tokenOf(w, 'ana@demo.example'));
    expect(body.sellers).toHaveLength(1);
    expect(body.sellers[0].commission).toBe(body.sellers[0].units * 250);
  });

  it('monthly targets: a manager sets them, the leaderboard shows progress, a rep reads only their own', async () => {
    const month = thisMonth();
    const ana = idOf(w, 'ana@demo.example');
    const luis = idOf(w, 'luis@demo.example');
    const set = await put('/api/v1/analytics/targets', tokenOf(w, 'gerente@demo.example'), { month, targets: [{ user_id: ana, units: 4, revenue: 100_000 }, { user_id: luis, units: 0, revenue: null }] });
    expect(set.status).toBe(200);
    const { body } = await get<Body>(w, '/api/v1/analytics/sellers?period=month', tokenOf(w, 'gerente@demo.example'));
    const row = body.sellers.find((s: Body) => s.user_id === ana);
    expect(row).toMatchObject({ target_units: 4, target_revenue: 100_000 });
    expect(row.progress_units).toBeCloseTo((row.units / 4) * 100, 1);
    expect(row.progress_revenue).toBeCloseTo((row.revenue / 100_000) * 100, 1);
    expect(body.sellers.find((s: Body) => s.user_id === luis)).toMatchObject({ target_units: 0, progress_units: null });
    const year = await get<Body>(w, '/api/v1/analytics/sellers?period=year', tokenOf(w, 'gerente@demo.example'));
    expect(year.body.sellers.find((s: Body) => s.user_id === ana).target_units).toBeNull();
    const own = await get<Body>(w, `/api/v1/analytics/targets?month=${month}`, tokenOf(w, 'ana@demo.example'));
    expect(own.body.targets).toEqual([{ user_id: ana, units: 4, revenue: 100_000 }]);
  });

  it('refuses targets for someone else\'s salesperson, by a rep, or with a bad month', async () => {
    const foreign = idOf(w, 'ana@otro.example');
    const res = await put('/api/v1/analytics/targets', tokenOf(w, 'gerente@demo.example'), { month: thisMonth(), targets: [{ user_id: foreign, units: 1, revenue: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('unknown_salesperson');
    expect((await put('/api/v1/analytics/targets', tokenOf(w, 'ana@demo.example'), { month: thisMonth(), targets: [] })).status).toBe(403);
    expect((await put('/api/v1/analytics/targets', tokenOf(w, 'gerente@demo.example'), { month: '2026-13', targets: [] })).status).toBe(400);
    expect((await get(w, '/api/v1/analytics/targets?month=march', tokenOf(w, 'gerente@demo.example'))).status).toBe(400);
  });

  it('bad target rows, unknown keys and malformed JSON are 400s in the error shape, naming the field, and change nothing', async () => {
    const month = thisMonth();
    const ana = idOf(w, 'ana@demo.example');
    const mgr = tokenOf(w, 'gerente@demo.example');
    const before = await get<Body>(w, `/api/v1/analytics/targets?month=${month}`, mgr);
    const bad: [unknown, string][] = [
      [{ month, targets: [{ user_id: ana, units: 1.5, revenue: null }] }, 'targets.0.units'],
      [{ month, targets: [{ user_id: ana, units: 1, revenue: -5 }] }, 'targets.0.revenue'],
      [{ month, targets: [{ user_id: 'ana', units: 1, revenue: 1 }] }, 'targets.0.user_id'],
      [{ month, targets: [{ user_id: ana, units: 1, revenue: 1, bonus: 3 }] }, 'targets.0'],
      [{ targets: [] }, 'month'],
      [{ month, targets: [{ user_id: ana, units: '4', revenue: 1 }] }, 'targets.0.units'],
    ];
    for (const [body, path] of bad) {
      const res = await put('/api/v1/analytics/targets', mgr, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation_error', message: expect.any(String) });
      expect(res.body.details.issues.map((i: Body) => i.path), JSON.stringify(body)).toContain(path);
    }
    const planRes = await put('/api/v1/analytics/commission', mgr, { type: 'flat_per_unit', value: 10, minimum_per_unit: -1 });
    expect(planRes.status).toBe(400);
    expect(planRes.body.details.issues.map((i: Body) => i.path)).toContain('minimum_per_unit');
    for (const path of ['/api/v1/analytics/targets', '/api/v1/analytics/commission']) {
      const res = await fetch(`${w.server.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${mgr}`, 'content-type': 'application/json' }, body: '{"month": ' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_json', message: expect.any(String) });
    }
    expect((await get(w, '/api/v1/analytics/targets', mgr)).status).toBe(400);
    expect((await get<Body>(w, `/api/v1/analytics/targets?month=${month}`, mgr)).body).toEqual(before.body);
  });
});
