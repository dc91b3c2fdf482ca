import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { signAccessToken } from '../auth/tokens.ts';
import { get, startAnalyticsWorld, tokenOf, type AnalyticsWorld } from './testkit.ts';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test

let w: AnalyticsWorld;
let youngToken: string;
beforeAll(async () => {
  w = await startAnalyticsWorld();
  // A dealership that opened three weeks ago, with a sale every other day since.
  const db = w.server.ctx.db;
  const dealershipId = randomUUID();
  const userId = randomUUID();
  await db.rows(sql`insert into dealerships (id, name) values (${dealershipId}, 'Recién Abierto')`);
  await db.rows(sql`insert into users (id, dealership_id, email, password_hash, first_name, last_name, role)
    values (${userId}, ${dealershipId}, 'jefe@nuevo.example', 'x', 'Jefe', 'Nuevo', 'manager')`);
  for (let d = 1; d <= 21; d += 2) {
    await db.rows(sql`insert into sales (id, dealership_id, customer_id, vehicle_id, salesperson_id, sale_price, financing_type, status, sale_date)
      values (${randomUUID()}, ${dealershipId}, ${randomUUID()}, ${randomUUID()}, ${userId}, 15000, 'cash', 'completed', now() - ${`${d} days`}::interval)`);
  }
  youngToken = await signAccessToken({ id: userId, dealership_id: dealershipId, role: 'manager', email: 'jefe@nuevo.example' }, w.server.ctx.jwtSecret, 900);
});
afterAll(() => w?.server.stop());

describe('GET /api/v1/analytics/forecast', () => {
  it('forecasts 12 weeks with an 80% interval and beats the seasonal-naive baseline on the demo history', async () => {
    const { status, body } = await get<Body>(w, '/api/v1/analytics/forecast?horizon_weeks=12', tokenOf(w, 'gerente@demo.example'));
    expect(status).toBe(200);
    expect(body.enough_history).toBe(true);
    expect(body.total.forecast).toHaveLength(12);
    for (const p of body.total.forecast) {
      expect(p.units_low).toBeLessThanOrEqual(p.units);
      expect(p.units_high).toBeGreaterThanOrEqual(p.units);
      expect(p.units_low).toBeGreaterThanOrEqual(0);
    }
    const bt = body.total.backtest;
    expect(bt.units.model_mape).toEqual(expect.any(Number));
    expect(bt.units.baseline_mape).toEqual(expect.any(Number));
    expect(bt.units.model_mape).toBeLessThan(bt.units.baseline_mape);
    expect(bt.beats_baseline).toBe(true);
    // The history it learned from is the completed sales per local week, as SQL counts them.
    const weeks = await w.server.ctx.db.rows<{ week: string; n: number }>(sql`
      select to_char(date_trunc('week', sale_date at time zone 'Europe/Madrid'), 'YYYY-MM-DD') as week, count(*)::int as n from sales
      where dealership_id = ${w.demo.dealership_id} and status = 'completed' and deleted = false
        and date_trunc('week', sale_date at time zone 'Europe/Madrid') < date_trunc('week', now() at time zone 'Europe/Madrid') group by 1`);
    const history = new Map((body.total.history as { week: string; units: number }[]).map((h) => [h.week, h.units]));
    for (const x of weeks) expect(history.get(x.week), x.week).toBe(Number(x.n));
    expect([...history.values()].reduce((a, b) => a + b, 0)).toBe(weeks.reduce((a, x) => a + Number(x.n), 0));
  });

  it('forecasts per make', async () => {
    const { body } = await get<Body>(w, '/api/v1/analytics/forecast?horizon_weeks=4&by=make', tokenOf(w, 'gerente@demo.example'));
    expect(body.by).toBe('make');
    expect(body.segments.length).toBeGreaterThan(1);
    for (const s of body.segments) expect(s.forecast).toHaveLength(4);
  });

  it('says "not enough history" for a dealership with three weeks of sales', async () => {
    const { status, body } = await get<Body>(w, '/api/v1/analytics/forecast', youngToken);
    expect(status).toBe(200);
    expect(body).toMatchObject({ enough_history: false, total: null, segments: [] });
    expect(body.history_weeks).toBeLessThan(5);
    expect(body.message).toMatch(/not enough history/i);
  });

  it('refuses bad parameters', async () => {
    for (const q of ['horizon_weeks=0', 'horizon_weeks=99', 'horizon_weeks=abc', 'by=color']) {
      const res = await get<Body>(w, `/api/v1/analytics/forecast?${q}`, tokenOf(w, 'gerente@demo.example'));
      expect(res.status, q).toBe(400);
      expect(res.body.error).toBe('validation_error');
    }
  });
});
