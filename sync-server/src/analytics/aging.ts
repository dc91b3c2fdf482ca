import { sql } from 'drizzle-orm';
import type { Sql } from '../db/client.ts';
import { num, round } from './figures.ts';
import type { AnalyticsScope } from './scope.ts';

export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;

interface Group {
  key: string;
  count: number;
  average_days: number;
  buckets: Record<string, number>;
  value: number;
}

/**
 * Cars in stock now (not sold, not deleted) by DOMAIN.md's aging buckets, overall, by body type
 * and by make. Days in stock = today − acquired_at, both as calendar dates in the dealership's
 * time zone. `value` is the listed price (never cost), so every role may read it.
 */
export async function inventoryAging(db: Sql, scope: AnalyticsScope) {
  const rows = await db.rows<Record<string, unknown>>(sql`
    with stock as (
      select v.body_type, v.make, v.price,
             (now() at time zone d.timezone)::date - (v.acquired_at at time zone d.timezone)::date as days
      from vehicles v join dealerships d on d.id = v.dealership_id
      where v.dealership_id = ${scope.dealershipId} and not v.deleted and v.status <> 'sold'
    )
    select body_type, make,
           case when days <= 30 then '0-30' when days <= 60 then '31-60' when days <= 90 then '61-90' else '90+' end as bucket,
           count(*)::int as n, sum(greatest(days, 0))::float8 as days_sum, sum(price)::float8 as value
    from stock group by 1, 2, 3`);
  const groups = (keyOf: (r: Record<string, unknown>) => string): Group[] => {
    const map = new Map<string, { count: number; days: number; value: number; buckets: Record<string, number> }>();
    for (const r of rows) {
      const key = keyOf(r);
      const g = map.get(key) ?? { count: 0, days: 0, value: 0, buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) };
      g.count += num(r.n);
      g.days += num(r.days_sum);
      g.value += num(r.value);
      g.buckets[String(r.bucket)] = (g.buckets[String(r.bucket)] ?? 0) + num(r.n);
      map.set(key, g);
    }
    return [...map.entries()]
      .map(([key, g]) => ({ key, count: g.count, average_days: g.count ? round(g.days / g.count, 1) : 0, buckets: g.buckets, value: round(g.value) }))
      .toSorted((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  };
  const [total] = groups(() => 'all');
  return {
    total_vehicles: total?.count ?? 0,
    average_days_in_stock: total?.average_days ?? 0,
    buckets: total?.buckets ?? Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])),
    aged_count: (total?.buckets['61-90'] ?? 0) + (total?.buckets['90+'] ?? 0),
    by_body_type: groups((r) => String(r.body_type)).map(({ key, ...g }) => ({ body_type: key, ...g })),
    by_make: groups((r) => String(r.make)).map(({ key, ...g }) => ({ make: key, ...g })),
    generated_at: new Date().toISOString(),
  };
}
