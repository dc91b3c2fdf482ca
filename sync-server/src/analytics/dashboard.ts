import { sql } from 'drizzle-orm';
import { LEAD_SOURCES, VEHICLE_STATUSES } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';
import { growth, num, numOrNull, percent, round } from './figures.ts';
import { resolvePeriod, type PeriodRange } from './period.ts';
import type { PeriodQuery } from './query.ts';
import { leadsIn, salesIn, type AnalyticsScope } from './scope.ts';
import { salesByWeek } from './trend.ts';

export interface SalesFigures {
  units: number;
  revenue: number;
  front_gross: number;
  units_with_cost: number;
}

/** Completed sales (not deleted) with sale_date in [start, end), in scope. Front gross = sale price − the car's cost. */
export async function salesFigures(db: Sql, scope: AnalyticsScope, start: Date, end: Date): Promise<SalesFigures> {
  const [r] = await db.rows<Record<string, unknown>>(sql`
    select count(*)::int as units, coalesce(sum(s.sale_price), 0)::float8 as revenue,
           coalesce(sum(s.sale_price - v.cost) filter (where v.cost is not null), 0)::float8 as front_gross,
           count(v.cost)::int as units_with_cost
    from sales s left join vehicles v on v.id = s.vehicle_id and v.dealership_id = s.dealership_id
    where ${salesIn(scope)} and not s.deleted and s.status = 'completed'
      and s.sale_date >= ${start.toISOString()}::timestamptz and s.sale_date < ${end.toISOString()}::timestamptz`);
  return { units: num(r?.units), revenue: num(r?.revenue), front_gross: num(r?.front_gross), units_with_cost: num(r?.units_with_cost) };
}

async function inventoryFigures(db: Sql, scope: AnalyticsScope, range: PeriodRange) {
  const byStatus = await db.rows<{ status: string; n: number }>(sql`
    select status, count(*)::int as n from vehicles
    where dealership_id = ${scope.dealershipId} and not deleted and status <> 'sold' group by status`);
  const [r] = await db.rows<Record<string, unknown>>(sql`
    select
      (select avg((now() at time zone ${range.timezone})::date - (acquired_at at time zone ${range.timezone})::date)::float8
         from vehicles where dealership_id = ${scope.dealershipId} and not deleted and status <> 'sold') as avg_days,
      (select count(distinct s.vehicle_id)::int from sales s
         where s.dealership_id = ${scope.dealershipId} and not s.deleted and s.status = 'completed'
           and s.sale_date >= ${range.start.toISOString()}::timestamptz and s.sale_date < ${range.end.toISOString()}::timestamptz) as sold_in_period,
      (select count(*)::int from sales s
         where s.dealership_id = ${scope.dealershipId} and not s.deleted and s.status = 'completed'
           and s.sale_date >= now() - interval '30 days' and s.sale_date <= now()) as sold_30d`);
  const vehicles_by_status: Record<string, number> = Object.fromEntries(VEHICLE_STATUSES.map((s) => [s, 0]));
  for (const row of byStatus) vehicles_by_status[row.status] = num(row.n);
  vehicles_by_status.sold = num(r?.sold_in_period);
  const inStock = byStatus.reduce((sum, row) => sum + num(row.n), 0);
  const sold30 = num(r?.sold_30d);
  return {
    total_vehicles: inStock,
    available_count: vehicles_by_status.available ?? 0,
    average_days_in_lot: r?.avg_days === null || r?.avg_days === undefined ? 0 : round(num(r.avg_days), 1),
    vehicles_by_status,
    // DOMAIN.md: units in stock ÷ average daily units sold over the last 30 days.
    days_supply: sold30 === 0 ? null : round(inStock / (sold30 / 30), 1),
  };
}

/** Leads created in [start, end), in scope: counts, conversion, score, by source, speed to lead. */
export async function leadFigures(db: Sql, scope: AnalyticsScope, start: Date, end: Date) {
  const window = sql`${leadsIn(scope)} and not l.deleted and l.created_at >= ${start.toISOString()}::timestamptz and l.created_at < ${end.toISOString()}::timestamptz`;
  const [r] = await db.rows<Record<string, unknown>>(sql`
    select count(*)::int as total, count(*) filter (where l.status = 'closed_won')::int as won,
           avg(l.score)::float8 as avg_score,
           percentile_cont(0.5) within group (order by extract(epoch from l.first_response_at - l.created_at) / 60)
             filter (where l.first_response_at >= l.created_at) as median_min,
           percentile_cont(0.9) within group (order by extract(epoch from l.first_response_at - l.created_at) / 60)
             filter (where l.first_response_at >= l.created_at) as p90_min,
           count(*) filter (where l.first_response_at >= l.created_at)::int as responded
    from leads l where ${window}`);
  const bySource = await db.rows<{ source: string; n: number }>(sql`select l.source, count(*)::int as n from leads l where ${window} group by l.source`);
  const leads_by_source: Record<string, number> = Object.fromEntries(LEAD_SOURCES.map((s) => [s, 0]));
  for (const row of bySource) leads_by_source[row.source] = num(row.n);
  const total = num(r?.total);
  const median = numOrNull(r?.median_min);
  const p90 = numOrNull(r?.p90_min);
  return {
    total_leads: total,
    won: num(r?.won),
    conversion_rate: percent(num(r?.won), total),
    leads_by_source,
    average_lead_score: r?.avg_score === null || r?.avg_score === undefined ? null : round(num(r.avg_score), 1),
    speed_to_lead: {
      median_minutes: median === null ? null : round(median, 1),
      p90_minutes: p90 === null ? null : round(p90, 1),
      responded: num(r?.responded),
      unanswered: total - num(r?.responded),
    },
  };
}

function salesBlock(scope: AnalyticsScope, f: SalesFigures) {
  return {
    total_revenue: round(f.revenue),
    total_units: f.units,
    average_sale_price: f.units === 0 ? null : round(f.revenue / f.units),
    front_gross: scope.seesGross ? round(f.front_gross) : null,
    // DOMAIN.md: total front gross ÷ units retailed (units whose cost is known).
    gross_per_unit: scope.seesGross && f.units_with_cost > 0 ? round(f.front_gross / f.units_with_cost) : null,
  };
}

/** Endpoint 3 of the spec, plus front gross, gross per unit, days' supply and speed to lead. */
export async function dashboard(db: Sql, scope: AnalyticsScope, q: PeriodQuery) {
  const range = await resolvePeriod(db, scope.dealershipId, q.period, q.date);
  const [current, previous, inventory, leads, byWeek] = await Promise.all([
    salesFigures(db, scope, range.start, range.end),
    q.compare_previous ? salesFigures(db, scope, range.previous_start, range.previous_end) : Promise.resolve(null),
    inventoryFigures(db, scope, range),
    leadFigures(db, scope, range.start, range.end),
    salesByWeek(db, scope, 12, q.date),
  ]);
  const { won: _won, ...leadsOut } = leads;
  return {
    period: periodBlock(range),
    scope: scope.repId ? 'own' : 'dealership',
    sales: {
      ...salesBlock(scope, current),
      previous_period: previous
        ? {
            total_revenue: round(previous.revenue),
            total_units: previous.units,
            // Null when the previous period had no sales (no division by zero).
            growth_rate: previous.units === 0 ? null : growth(current.revenue, previous.revenue),
            units_growth_rate: previous.units === 0 ? null : growth(current.units, previous.units),
          }
        : null,
      /** The 12 local weeks up to this one, for the revenue chart. */
      by_week: byWeek,
    },
    inventory,
    leads: leadsOut,
    generated_at: new Date().toISOString(),
  };
}

export function periodBlock(range: PeriodRange) {
  return {
    name: range.period,
    start: range.start.toISOString(),
    end: range.end.toISOString(),
    previous_start: range.previous_start.toISOString(),
    previous_end: range.previous_end.toISOString(),
    compared_to_date: range.to_date,
    timezone: range.timezone,
    currency: range.currency,
  };
}
