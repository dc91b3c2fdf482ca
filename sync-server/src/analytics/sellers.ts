import { sql } from 'drizzle-orm';
import type { Sql } from '../db/client.ts';
import { num, numOrNull, percent, round } from './figures.ts';
import { periodBlock } from './dashboard.ts';
import { resolvePeriod } from './period.ts';
import type { PeriodQuery } from './query.ts';
import type { AnalyticsScope } from './scope.ts';
import { commissionByRep, readPlan, readTargets } from './commission.ts';

export interface SellerRow {
  user_id: string;
  name: string;
  units: number;
  revenue: number;
  front_gross: number | null;
  /** DOMAIN.md: units sold ÷ fresh opportunities (leads created in the period and assigned to the rep), %. */
  closing_ratio: number | null;
  /** DOMAIN.md: of the rep's leads created in the period, the share closed_won, %. */
  conversion_rate: number | null;
  leads: number;
  median_response_minutes: number | null;
  /** Open leads assigned to the rep now (any creation date). */
  active_leads: number;
  /** Under the dealership's plan; null without a plan, and for viewers (it derives from cost). */
  commission: number | null;
  /** Monthly targets (period=month only) and progress to them, %. */
  target_units: number | null;
  target_revenue: number | null;
  progress_units: number | null;
  progress_revenue: number | null;
}

function median(values: number[]): number | null {
  const s = values.filter((v) => v !== null && Number.isFinite(v)).toSorted((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = (s.length - 1) / 2;
  return ((s[Math.floor(mid)] as number) + (s[Math.ceil(mid)] as number)) / 2;
}

/**
 * The leaderboard: every salesperson of the dealership (and anyone else who sold in the period),
 * ordered by revenue. A salesperson gets only their own row plus the team's medians.
 */
export async function sellers(db: Sql, scope: AnalyticsScope, q: PeriodQuery) {
  const range = await resolvePeriod(db, scope.dealershipId, q.period, q.date);
  const start = range.start.toISOString();
  const end = range.end.toISOString();
  const rows = await db.rows<Record<string, unknown>>(sql`
    select u.id as user_id, trim(u.first_name || ' ' || u.last_name) as name, u.role,
           coalesce(s.units, 0)::int as units, coalesce(s.revenue, 0)::float8 as revenue, coalesce(s.gross, 0)::float8 as gross,
           coalesce(l.total, 0)::int as leads, coalesce(l.won, 0)::int as won, l.median_min,
           (select count(*)::int from leads a where a.dealership_id = u.dealership_id and a.assigned_to = u.id and not a.deleted
              and a.status not in ('closed_won', 'closed_lost')) as active_leads
    from users u
    left join lateral (
      select count(*) as units, sum(x.sale_price) as revenue, sum(x.sale_price - v.cost) filter (where v.cost is not null) as gross
      from sales x left join vehicles v on v.id = x.vehicle_id and v.dealership_id = x.dealership_id
      where x.dealership_id = u.dealership_id and x.salesperson_id = u.id and not x.deleted and x.status = 'completed'
        and x.sale_date >= ${start}::timestamptz and x.sale_date < ${end}::timestamptz
    ) s on true
    left join lateral (
      select count(*) as total, count(*) filter (where y.status = 'closed_won') as won,
             percentile_cont(0.5) within group (order by extract(epoch from y.first_response_at - y.created_at) / 60)
               filter (where y.first_response_at >= y.created_at) as median_min
      from leads y
      where y.dealership_id = u.dealership_id and y.assigned_to = u.id and not y.deleted
        and y.created_at >= ${start}::timestamptz and y.created_at < ${end}::timestamptz
    ) l on true
    where u.dealership_id = ${scope.dealershipId} and not u.deleted and (u.role = 'sales' or coalesce(s.units, 0) > 0)
    order by revenue desc, units desc, name`);
  const plan = await readPlan(db, scope.dealershipId);
  const commissions = plan ? await commissionByRep(db, scope.dealershipId, plan, range.start, range.end) : null;
  const targets = q.period === 'month' ? await readTargets(db, scope.dealershipId, range.local_month) : new Map<string, { units: number | null; revenue: number | null }>();
  const all: SellerRow[] = rows.map((r) => {
    const m = numOrNull(r.median_min);
    const target = targets.get(String(r.user_id));
    const tu = target?.units ?? null;
    const tr = target?.revenue ?? null;
    return {
      user_id: String(r.user_id),
      name: String(r.name),
      units: num(r.units),
      revenue: round(num(r.revenue)),
      front_gross: round(num(r.gross)),
      closing_ratio: percent(num(r.units), num(r.leads)),
      conversion_rate: percent(num(r.won), num(r.leads)),
      leads: num(r.leads),
      median_response_minutes: m === null ? null : round(m, 1),
      active_leads: num(r.active_leads),
      commission: commissions ? (commissions.get(String(r.user_id)) ?? 0) : null,
      target_units: tu,
      target_revenue: tr,
      progress_units: tu ? percent(num(r.units), tu) : null,
      progress_revenue: tr ? percent(num(r.revenue), tr) : null,
    };
  });
  const reps = all.filter((_, i) => rows[i]?.role === 'sales');
  const team_median = {
    units: median(reps.map((r) => r.units)),
    revenue: median(reps.map((r) => r.revenue)),
    conversion_rate: median(reps.flatMap((r) => (r.conversion_rate === null ? [] : [r.conversion_rate]))),
    median_response_minutes: median(reps.flatMap((r) => (r.median_response_minutes === null ? [] : [r.median_response_minutes]))),
  };
  const visible = scope.repId ? all.filter((r) => r.user_id === scope.repId) : all;
  return {
    period: periodBlock(range),
    scope: scope.repId ? 'own' : 'dealership',
    sellers: visible.map((r) => (scope.seesGross ? r : { ...r, front_gross: null, commission: null })),
    commission_plan: scope.seesGross ? plan : null,
    team_median,
  };
}
