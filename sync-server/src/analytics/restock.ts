import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Sql } from '../db/client.ts';
import { num, round } from './figures.ts';
import type { AnalyticsScope } from './scope.ts';

const days = (fallback: number) => z.string().regex(/^\d{1,4}$/, 'must be a whole number of days').transform(Number).pipe(z.number().min(1).max(3650)).default(fallback);
export const restockQuery = z.strictObject({ low_days: days(30), high_days: days(120) });

/** Price bands of the listed price, in the dealership's currency. */
export const PRICE_BANDS = [[0, 15_000], [15_000, 25_000], [25_000, 40_000], [40_000, null]] as const;
const bandSql = sql.raw(`case ${PRICE_BANDS.map(([lo, hi]) => (hi === null ? `else '${lo}+'` : `when v.price < ${hi} then '${lo}-${hi}'`)).join(' ')} end`);

/**
 * Restock suggestions for cars: per segment (body type, make, price band), units in stock and sold
 * in the last 30 days, and days' supply (DOMAIN.md). "restock" when days' supply is below
 * `low_days` while the segment sold at least 2 cars in 30 days; "overstocked" when days' supply is
 * above `high_days`, or 3+ cars are in stock and none sold in 30 days. Dealership-wide for every role.
 */
export async function restock(db: Sql, scope: AnalyticsScope, q: z.infer<typeof restockQuery>) {
  const rows = await db.rows<Record<string, unknown>>(sql`
    with cars as (
      select v.body_type, v.make, ${bandSql} as band, (v.status <> 'sold') as in_stock,
             exists (select 1 from sales s where s.vehicle_id = v.id and s.dealership_id = v.dealership_id and not s.deleted
                       and s.status = 'completed' and s.sale_date >= now() - interval '30 days' and s.sale_date <= now()) as sold_30d
      from vehicles v where v.dealership_id = ${scope.dealershipId} and not v.deleted
    )
    select 'body_type' as dimension, body_type as segment, count(*) filter (where in_stock)::int as in_stock, count(*) filter (where sold_30d)::int as sold_30d from cars group by body_type
    union all
    select 'make', make, count(*) filter (where in_stock)::int, count(*) filter (where sold_30d)::int from cars group by make
    union all
    select 'price_band', band, count(*) filter (where in_stock)::int, count(*) filter (where sold_30d)::int from cars group by band`);
  const segments = rows.map((r) => {
    const inStock = num(r.in_stock);
    const sold = num(r.sold_30d);
    const supply = sold === 0 ? null : round(inStock / (sold / 30), 1);
    const suggestion = supply !== null && supply < q.low_days && sold >= 2 ? 'restock'
      : (supply !== null && supply > q.high_days) || (supply === null && inStock >= 3) ? 'overstocked' : null;
    return { dimension: String(r.dimension), segment: String(r.segment), in_stock: inStock, sold_30d: sold, days_supply: supply, suggestion };
  });
  const pick = (s: string) => segments.filter((x) => x.suggestion === s).toSorted((a, b) => (a.days_supply ?? Infinity) - (b.days_supply ?? Infinity));
  return {
    thresholds: { low_days: q.low_days, high_days: q.high_days },
    restock: pick('restock'),
    overstocked: pick('overstocked').toReversed(),
    segments,
  };
}
