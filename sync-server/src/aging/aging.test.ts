import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FALLBACK_RULE, makeVin } from '@lotbook/shared';
import { FakeClock } from '../jobs/clock.ts';
import { jobContext } from '../routing/testkit.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { startTestServer, testEnv, type TestServer } from '../test/harness.ts';
import { agingJobs } from './jobs.ts';
import { agingReport } from './service.ts';

let server: TestServer;
let fx: Fixture;
let empty: Fixture;
const db = () => server.database.db;
const NOW = new Date('2026-12-03T10:00:00Z');
type Row = Record<string, unknown>;

/** Six sold Toyota SUVs listed at 25,000: the longer in stock, the lower the sale (1 % per 10 days). */
async function seedHistory(f: Fixture) {
  for (const [i, days] of [10, 30, 50, 70, 90, 110].entries()) {
    const vid = randomUUID();
    const acquired = new Date(Date.UTC(2026, 0, 1 + i * 7));
    const sold = new Date(acquired.getTime() + days * 86_400_000);
    await db().rows(sql`INSERT INTO vehicles (id, dealership_id, vin, stock_number, make, model, year, body_type, price, mileage, fuel_type, transmission, acquired_at, status)
      VALUES (${vid}::uuid, ${f.dealershipId}::uuid, ${makeVin('JTDBR32E', 'R', 'J', String(700000 + i))}, ${`H-${i}`}, 'Toyota', 'RAV4', 2023, 'suv', 25000, 1000, 'hybrid', 'automatic', ${acquired.toISOString()}::timestamptz, 'sold')`);
    await db().rows(sql`INSERT INTO sales (id, dealership_id, customer_id, vehicle_id, salesperson_id, sale_price, down_payment, financing_type, status, sale_date)
      VALUES (${randomUUID()}::uuid, ${f.dealershipId}::uuid, ${f.customerIds[0]!}::uuid, ${vid}::uuid, ${f.users.ana.id}::uuid, ${25000 * (1 - days / 1000)}, 0, 'cash', 'completed', ${sold.toISOString()}::timestamptz)`);
  }
}

beforeAll(async () => {
  server = await startTestServer({
    seed: async (d) => {
      fx = await createFixture(d);
      empty = await createFixture(d, 'No History Motors');
    },
  });
  await db().rows(sql`SELECT set_config('lotbook.bulk', 'off', false)`);
  await seedHistory(fx);
  // Fixture cars arrived 2026-09-01 (93 days before NOW); make one of them recent.
  await db().rows(sql`UPDATE vehicles SET acquired_at = '2026-11-20T10:00:00Z' WHERE id = ${fx.vehicleIds[4]!}::uuid`);
});
afterAll(() => server?.stop());

async function get(who: keyof Fixture['users'], q = '') {
  return fetch(`${server.url}/api/v1/aging${q}`, { headers: { authorization: `Bearer ${await tokenFor(fx.users[who], testEnv().JWT_SECRET!)}` } });
}

describe('aged inventory', () => {
  it('lists stock oldest first by bucket, with a suggestion from the segment history for aged cars', async () => {
    const r = await agingReport(db(), fx.dealershipId, NOW);
    expect(r.buckets).toEqual({ '0-30': 1, '31-60': 0, '61-90': 0, '90+': 4 });
    expect(r.aged).toBe(4);
    expect(r.cars.map((c) => c.days_in_stock)).toEqual([93, 93, 93, 93, 13]);
    const rav4 = r.cars.find((c) => c.id === fx.vehicleIds[0])!;
    // Toyota SUVs at ~93 days sold at about 90.7 % of list: 25,000 → 22,600.
    expect(rav4.suggestion).toMatchObject({ basis: 'history', segment: 'body_make_band', sales_count: 6, suggested_price: 22_600 });
    expect(r.cars.find((c) => c.id === fx.vehicleIds[4])!.suggestion).toBeNull();
  });

  it('falls back to the stated rule when the dealership has too little history, and says so', async () => {
    const r = await agingReport(db(), empty.dealershipId, NOW);
    expect(r.cars.find((c) => c.id === empty.vehicleIds[0])!.suggestion).toEqual({ suggested_price: 23_000, discount: 0.08, basis: 'fallback', segment: null, segment_label: FALLBACK_RULE, sales_count: 0, expected_ratio: null });
  });

  it('the 08:00 digest tells each manager once a day, listing the aged cars with suggested prices', async () => {
    const clock = new FakeClock('2026-12-03T06:30:00Z'); // 07:30 in Madrid: not yet
    const [digest] = agingJobs(testEnv());
    expect(digest).toMatchObject({ schedule: '0 8 * * *', perDealershipTimezone: true });
    expect((await digest!.run(jobContext(db(), clock))).items).toBe(0);
    clock.set('2026-12-03T07:00:00Z');
    expect((await digest!.run(jobContext(db(), clock))).items).toBe(2); // one manager in each dealership
    expect((await digest!.run(jobContext(db(), clock))).items).toBe(0);
    const [n] = await db().rows<Row>(sql`SELECT type, title, body FROM notifications WHERE user_id = ${fx.users.manager.id}::uuid AND type = 'aged_inventory'`);
    expect(n!.title).toBe('4 coches con más de 60 días en stock');
    expect(n!.body).toContain('Toyota RAV4');
    expect(n!.body).toContain('(historial de todas las ventas, 6 ventas)');
    expect(n!.body).toMatch(/93 días, 25\.000\s€ → 22\.600\s€ \(historial suv · Toyota · 15-30k, 6 ventas\)/);
  });

  it('GET /api/v1/aging is for managers; bad input is a 400', async () => {
    const ok = await get('manager', '?min_days=61');
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { cars: { days_in_stock: number; suggestion: unknown }[] };
    expect(body.cars.every((c) => c.days_in_stock > 60 && c.suggestion)).toBe(true);
    expect((await get('ana')).status).toBe(403);
    expect((await get('manager', '?min_days=-1')).status).toBe(400);
    expect((await get('manager', '?bogus=1')).status).toBe(400);
  });
});
