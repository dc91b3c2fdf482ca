import { sql } from 'drizzle-orm';
import type { Sql } from '../db/client.ts';
import { num, round } from './figures.ts';
import { fitHoltWinters, mape, seasonalNaive, Z80 } from './holt-winters.ts';
import type { ForecastQuery } from './query.ts';
import { salesIn, type AnalyticsScope } from './scope.ts';

/** Weeks held out for the backtest. */
export const HOLDOUT_WEEKS = 12;
/** A 4-week season: a year of weekly history cannot hold out 12 weeks against a 52-week season. */
export const SEASON_WEEKS = 4;
/** Less complete history than this and the forecast says so instead of inventing a curve. */
export const MIN_HISTORY_WEEKS = 26;
const MAX_SEGMENTS = 8;
const DAY_MS = 86_400_000;

const addWeeks = (isoDate: string, k: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + k * 7 * DAY_MS).toISOString().slice(0, 10);

function backtest(y: number[]) {
  const train = y.slice(0, -HOLDOUT_WEEKS);
  const actual = y.slice(-HOLDOUT_WEEKS);
  const model = mape(actual, fitHoltWinters(train, SEASON_WEEKS).forecast(HOLDOUT_WEEKS));
  const baseline = mape(actual, seasonalNaive(train, SEASON_WEEKS, HOLDOUT_WEEKS));
  return { model_mape: model === null ? null : round(model, 1), baseline_mape: baseline === null ? null : round(baseline, 1) };
}

function series(key: string, weeks: string[], units: number[], revenue: number[], horizon: number, nextWeek: string) {
  const fu = fitHoltWinters(units, SEASON_WEEKS);
  const fr = fitHoltWinters(revenue, SEASON_WEEKS);
  const pu = fu.forecast(horizon);
  const pr = fr.forecast(horizon);
  const bu = backtest(units);
  const br = backtest(revenue);
  return {
    key,
    history: weeks.map((week, i) => ({ week, units: units[i] ?? 0, revenue: round(revenue[i] ?? 0) })),
    forecast: pu.map((u, k) => {
      // The one-step error grows roughly with the square root of the horizon.
      const wu = Z80 * fu.sigma * Math.sqrt(k + 1);
      const wr = Z80 * fr.sigma * Math.sqrt(k + 1);
      const r = pr[k] ?? 0;
      return { week: addWeeks(nextWeek, k), units: round(u, 1), units_low: round(Math.max(0, u - wu), 1), units_high: round(u + wu, 1), revenue: round(r), revenue_low: round(Math.max(0, r - wr)), revenue_high: round(r + wr) };
    }),
    backtest: {
      holdout_weeks: HOLDOUT_WEEKS,
      units: bu,
      revenue: br,
      beats_baseline: bu.model_mape !== null && bu.baseline_mape !== null && bu.model_mape < bu.baseline_mape,
    },
  };
}

/**
 * Weekly units and revenue for the coming weeks, with an 80% interval, from the completed sales
 * in scope (additive Holt-Winters, see holt-winters.ts), for the total and optionally per make or
 * body type (the top segments). History is the complete local weeks since the first sale; the
 * current, unfinished week is not history. Too short a history gives `enough_history: false`.
 */
export async function forecast(db: Sql, scope: AnalyticsScope, q: ForecastQuery) {
  const [head] = await db.rows<{ this_week: string }>(sql`
    select to_char(date_trunc('week', now() at time zone timezone), 'YYYY-MM-DD') as this_week from dealerships where id = ${scope.dealershipId}`);
  const thisWeek = head?.this_week ?? new Date().toISOString().slice(0, 10);
  const key = q.by === 'make' ? sql`v.make` : q.by === 'body_type' ? sql`v.body_type` : sql`'total'`;
  const rows = await db.rows<{ week: string; key: string | null; units: number; revenue: number }>(sql`
    select to_char(date_trunc('week', s.sale_date at time zone d.timezone), 'YYYY-MM-DD') as week, ${key} as key,
           count(*)::int as units, sum(s.sale_price)::float8 as revenue
    from sales s join dealerships d on d.id = s.dealership_id
    left join vehicles v on v.id = s.vehicle_id and v.dealership_id = s.dealership_id
    where ${salesIn(scope)} and not s.deleted and s.status = 'completed'
      and s.sale_date < (${thisWeek}::date::timestamp at time zone d.timezone)
    group by 1, 2`);
  const first = rows.map((r) => r.week).toSorted()[0];
  const weeks: string[] = [];
  for (let w = first; w && w < thisWeek; w = addWeeks(w, 1)) weeks.push(w);
  const base = { horizon_weeks: q.horizon_weeks, by: q.by ?? null, history_weeks: weeks.length, min_history_weeks: MIN_HISTORY_WEEKS, model: `additive Holt-Winters, damped trend, ${SEASON_WEEKS}-week season`, baseline: `seasonal naive, ${SEASON_WEEKS}-week season` };
  if (weeks.length < MIN_HISTORY_WEEKS) {
    return { ...base, enough_history: false, message: `Not enough history: ${weeks.length} complete weeks of sales, ${MIN_HISTORY_WEEKS} needed`, total: null, segments: [] };
  }
  const index = new Map(weeks.map((w, i) => [w, i]));
  const byKey = new Map<string, { units: number[]; revenue: number[] }>();
  const total = { units: weeks.map(() => 0), revenue: weeks.map(() => 0) };
  for (const r of rows) {
    const i = index.get(r.week);
    if (i === undefined) continue;
    const k = r.key ?? 'unknown';
    const s = byKey.get(k) ?? { units: weeks.map(() => 0), revenue: weeks.map(() => 0) };
    s.units[i] = (s.units[i] ?? 0) + num(r.units);
    s.revenue[i] = (s.revenue[i] ?? 0) + num(r.revenue);
    total.units[i] = (total.units[i] ?? 0) + num(r.units);
    total.revenue[i] = (total.revenue[i] ?? 0) + num(r.revenue);
    byKey.set(k, s);
  }
  const segments = q.by
    ? [...byKey.entries()]
      .toSorted((a, b) => b[1].units.reduce((x, y) => x + y, 0) - a[1].units.reduce((x, y) => x + y, 0) || a[0].localeCompare(b[0]))
      .slice(0, MAX_SEGMENTS)
      .map(([k, s]) => series(k, weeks, s.units, s.revenue, q.horizon_weeks, thisWeek))
    : [];
  return { ...base, enough_history: true, total: series('total', weeks, total.units, total.revenue, q.horizon_weeks, thisWeek), segments };
}
