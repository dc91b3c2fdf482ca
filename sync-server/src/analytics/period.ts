import { sql } from 'drizzle-orm';
import type { Sql } from '../db/client.ts';
import { ApiError } from '../http/errors.ts';
import type { Period } from './query.ts';

/** A calendar period in the dealership's time zone, as UTC instants [start, end). */
export interface PeriodRange {
  period: Period;
  timezone: string;
  currency: string;
  start: Date;
  end: Date;
  previous_start: Date;
  previous_end: Date;
  /** The period containing now: the previous period is cut at the same elapsed time. */
  to_date: boolean;
  /** `YYYY-MM` of the period's first local day (monthly targets). */
  local_month: string;
}

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

const UNIT: Record<Period, { trunc: string; step: string }> = {
  today: { trunc: 'day', step: '1 day' },
  week: { trunc: 'week', step: '1 week' },
  month: { trunc: 'month', step: '1 month' },
  quarter: { trunc: 'quarter', step: '3 months' },
  year: { trunc: 'year', step: '1 year' },
};

/**
 * The whole calendar period (today, ISO week from Monday, month, quarter, year) that contains
 * `date` in the dealership's time zone, and the whole period before it. Without `date` it is the
 * current period, compared to date: the previous period up to the same elapsed time (2 December
 * 10:00 is compared with 1–2 November 10:00, not with all of November). Postgres does
 * the calendar arithmetic, so DST days and month lengths are right: 23:30 local on 31 March is in
 * March even though it is already 1 April in some other zone.
 */
export async function resolvePeriod(db: Sql, dealershipId: string, period: Period, date?: string): Promise<PeriodRange> {
  const u = UNIT[period];
  const rows = await db.rows<{ timezone: string; currency: string; start: Date; end: Date; previous_start: Date; previous_end: Date; to_date: boolean; local_month: string }>(sql`
    with d as (
      select timezone, currency,
             date_trunc(${u.trunc}, coalesce(${date ?? null}::date::timestamp, now() at time zone timezone)) as local_start
      from dealerships where id = ${dealershipId}
    )
    select timezone, currency,
           local_start at time zone timezone as start,
           (local_start + ${u.step}::interval) at time zone timezone as "end",
           (local_start - ${u.step}::interval) at time zone timezone as previous_start,
           -- The current period is compared to date: the previous one up to the same point.
           case when ${date ?? null}::date is null
             then (local_start - ${u.step}::interval + ((now() at time zone timezone) - local_start)) at time zone timezone
             else local_start at time zone timezone end as previous_end,
           ${date ?? null}::date is null as to_date,
           to_char(local_start, 'YYYY-MM') as local_month
    from d`);
  const r = rows[0];
  if (!r) throw new ApiError(404, 'not_found', 'Dealership not found');
  return {
    period,
    timezone: r.timezone,
    currency: r.currency,
    start: asDate(r.start),
    end: asDate(r.end),
    previous_start: asDate(r.previous_start),
    previous_end: asDate(r.previous_end),
    to_date: r.to_date === true,
    local_month: r.local_month,
  };
}
