import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { get, startAnalyticsWorld, tokenOf, type AnalyticsWorld } from './testkit.ts';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test

let w: AnalyticsWorld;
beforeAll(async () => {
  w = await startAnalyticsWorld();
});
afterAll(() => w?.server.stop());

describe('GET /api/v1/analytics/restock', () => {
  it('segments equal SQL and the suggestions follow the thresholds', async () => {
    const { status, body } = await get<Body>(w, '/api/v1/analytics/restock?low_days=60&high_days=90', tokenOf(w, 'gerente@demo.example'));
    expect(status).toBe(200);
    const db = w.server.ctx.db;
    for (const s of body.segments.filter((x: Body) => x.dimension !== 'price_band')) {
      const col = sql.raw(s.dimension === 'make' ? 'make' : 'body_type');
      const [r] = await db.rows<Record<string, unknown>>(sql`
        select count(*) filter (where status in ('available','reserved','maintenance'))::int as in_stock,
               (select count(*)::int from sales x join vehicles y on y.id = x.vehicle_id where y.${col} = ${s.segment} and x.dealership_id = ${w.demo.dealership_id}
                  and x.status = 'completed' and not x.deleted and x.sale_date >= now() - interval '30 days') as sold
        from vehicles where dealership_id = ${w.demo.dealership_id} and not deleted and ${col} = ${s.segment}`);
      expect(s.in_stock, s.segment).toBe(Number(r?.in_stock));
      expect(s.sold_30d, s.segment).toBe(Number(r?.sold));
    }
    const bands = body.segments.filter((x: Body) => x.dimension === 'price_band');
    const [total] = await db.rows<{ n: number }>(sql`select count(*)::int as n from vehicles where dealership_id = ${w.demo.dealership_id} and not deleted and status <> 'sold'`);
    expect(bands.reduce((a: number, b: Body) => a + b.in_stock, 0)).toBe(Number(total?.n));
    for (const s of body.restock) expect(s.days_supply < 60 && s.sold_30d >= 2).toBe(true);
    for (const s of body.overstocked) expect((s.days_supply ?? Infinity) > 90 || (s.days_supply === null && s.in_stock >= 3)).toBe(true);
    expect(body.restock.length + body.overstocked.length).toBeGreaterThan(0);
  });

  it('refuses bad thresholds', async () => {
    const res = await get<Body>(w, '/api/v1/analytics/restock?low_days=-3', tokenOf(w, 'gerente@demo.example'));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_error');
  });
});
