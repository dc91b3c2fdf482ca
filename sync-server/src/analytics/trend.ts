import { sql } from 'drizzle-orm';
import type { Sql } from '../db/client.ts';
import { num, round } from './figures.ts';
import { salesIn, type AnalyticsScope } from './scope.ts';

export interface WeekPoint {
  /** Monday of the week, a local date in the dealership's time zone. */
  week: string;
  units: number;
  revenue: number;
}

/**
 * Completed sales in scope per local ISO week, for the `weeks` weeks ending with the week that
 * contains `date` (default today), oldest first; weeks without sales are zeros.
 */
export async function salesByWeek(db: Sql, scope: AnalyticsScope, weeks: number, date?: string): Promise<WeekPoint[]> {
  const rows = await db.rows<Record<string, unknown>>(sql`
    with d as (select timezone as tz from dealerships where id = ${scope.dealershipId}),
    w as (
      select generate_series(
        date_trunc('week', coalesce(${date ?? null}::date::timestamp, now() at time zone d.tz)) - ((${weeks}::int - 1) * interval '1 week'),
        date_trunc('week', coalesce(${date ?? null}::date::timestamp, now() at time zone d.tz)),
        interval '1 week') as local_start, d.tz
      from d
    )
    select to_char(w.local_start, 'YYYY-MM-DD') as week, count(s.id)::int as units, coalesce(sum(s.sale_price), 0)::float8 as revenue
    from w left join sales s on ${salesIn(scope)} and not s.deleted and s.status = 'completed'
      and s.sale_date >= (w.local_start at time zone w.tz) and s.sale_date < ((w.local_start + interval '1 week') at time zone w.tz)
    group by w.local_start order by w.local_start`);
  return rows.map((r) => ({ week: String(r.week), units: num(r.units), revenue: round(num(r.revenue)) }));
}
