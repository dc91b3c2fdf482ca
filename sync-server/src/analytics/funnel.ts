import { sql } from 'drizzle-orm';
import { LEAD_STATUSES } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';
import { periodBlock } from './dashboard.ts';
import { num, numOrNull, percent, round } from './figures.ts';
import { resolvePeriod } from './period.ts';
import type { PeriodQuery } from './query.ts';
import { leadsIn, type AnalyticsScope } from './scope.ts';

const minutes = (v: unknown) => {
  const n = numOrNull(v);
  return n === null ? null : round(n, 1);
};

/** Leads created in the period, in scope: by status, and by source with conversion and speed to lead. */
export async function leadsFunnel(db: Sql, scope: AnalyticsScope, q: PeriodQuery) {
  const range = await resolvePeriod(db, scope.dealershipId, q.period, q.date);
  const rows = await db.rows<Record<string, unknown>>(sql`
    select l.source, l.status, count(*)::int as n,
           percentile_cont(0.5) within group (order by extract(epoch from l.first_response_at - l.created_at) / 60)
             filter (where l.first_response_at >= l.created_at) as median_min
    from leads l
    where ${leadsIn(scope)} and not l.deleted
      and l.created_at >= ${range.start.toISOString()}::timestamptz and l.created_at < ${range.end.toISOString()}::timestamptz
    group by grouping sets ((l.source, l.status), (l.source), ())`);
  const by_status: Record<string, number> = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0]));
  const sources = new Map<string, { total: number; by_status: Record<string, number>; median: number | null }>();
  let total = 0;
  let median: number | null = null;
  for (const r of rows) {
    if (r.source === null) {
      total = num(r.n);
      median = minutes(r.median_min);
      continue;
    }
    const s = sources.get(String(r.source)) ?? { total: 0, by_status: Object.fromEntries(LEAD_STATUSES.map((x) => [x, 0])), median: null };
    if (r.status === null) {
      s.total = num(r.n);
      s.median = minutes(r.median_min);
    } else {
      s.by_status[String(r.status)] = num(r.n);
      by_status[String(r.status)] = (by_status[String(r.status)] ?? 0) + num(r.n);
    }
    sources.set(String(r.source), s);
  }
  return {
    period: periodBlock(range),
    scope: scope.repId ? 'own' : 'dealership',
    total_leads: total,
    conversion_rate: percent(by_status.closed_won ?? 0, total),
    median_response_minutes: median,
    by_status,
    by_source: [...sources.entries()]
      .map(([source, s]) => ({
        source,
        total: s.total,
        won: s.by_status.closed_won ?? 0,
        conversion_rate: percent(s.by_status.closed_won ?? 0, s.total),
        median_response_minutes: s.median,
        by_status: s.by_status,
      }))
      .toSorted((a, b) => b.total - a.total || a.source.localeCompare(b.source)),
  };
}
