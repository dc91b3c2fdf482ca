import type { Sql } from '../db/client.ts';
import { inventoryAging, AGING_BUCKETS } from './aging.ts';
import { dashboard } from './dashboard.ts';
import { leadsFunnel } from './funnel.ts';
import type { PeriodQuery } from './query.ts';
import type { AnalyticsScope } from './scope.ts';
import { sellers } from './sellers.ts';

export type CellKind = 'text' | 'int' | 'money' | 'percent' | 'decimal';
export interface Column {
  header: string;
  kind: CellKind;
}
export interface Table {
  name: 'summary' | 'leaderboard' | 'aging' | 'funnel';
  title: string;
  columns: Column[];
  rows: (string | number | null)[][];
}
export const TABLE_NAMES = ['summary', 'leaderboard', 'aging', 'funnel'] as const;

const agingRows = (kind: string, groups: { count: number; average_days: number; buckets: Record<string, number>; value: number }[], key: (g: never) => string) =>
  groups.map((g) => [kind, key(g as never), g.count, g.average_days, ...AGING_BUCKETS.map((b) => g.buckets[b] ?? 0), g.value]);

/**
 * The report's four tables, built from the same services as the JSON endpoints (so the numbers
 * are the same by construction; report.test.ts checks it through exceljs).
 */
export async function reportTables(db: Sql, scope: AnalyticsScope, q: PeriodQuery): Promise<{ currency: string; period: string; tables: Table[] }> {
  const [d, s, a, f] = await Promise.all([dashboard(db, scope, q), sellers(db, scope, q), inventoryAging(db, scope), leadsFunnel(db, scope, q)]);
  const summary: Table = {
    name: 'summary',
    title: 'Summary',
    columns: [{ header: 'Figure', kind: 'text' }, { header: 'Value', kind: 'decimal' }],
    rows: [
      ['total_revenue', d.sales.total_revenue],
      ['total_units', d.sales.total_units],
      ['average_sale_price', d.sales.average_sale_price],
      ['front_gross', d.sales.front_gross],
      ['gross_per_unit', d.sales.gross_per_unit],
      ['previous_total_revenue', d.sales.previous_period?.total_revenue ?? null],
      ['growth_rate_pct', d.sales.previous_period?.growth_rate ?? null],
      ['total_vehicles', d.inventory.total_vehicles],
      ['available_count', d.inventory.available_count],
      ['average_days_in_lot', d.inventory.average_days_in_lot],
      ['days_supply', d.inventory.days_supply],
      ['total_leads', d.leads.total_leads],
      ['conversion_rate_pct', d.leads.conversion_rate],
      ['average_lead_score', d.leads.average_lead_score],
      ['speed_to_lead_median_minutes', d.leads.speed_to_lead.median_minutes],
      ['speed_to_lead_p90_minutes', d.leads.speed_to_lead.p90_minutes],
    ],
  };
  const leaderboard: Table = {
    name: 'leaderboard',
    title: 'Leaderboard',
    columns: [
      { header: 'Salesperson', kind: 'text' }, { header: 'Units', kind: 'int' }, { header: 'Revenue', kind: 'money' }, { header: 'Front gross', kind: 'money' },
      { header: 'Closing ratio %', kind: 'percent' }, { header: 'Conversion %', kind: 'percent' }, { header: 'Leads', kind: 'int' },
      { header: 'Median first response (min)', kind: 'decimal' }, { header: 'Active leads', kind: 'int' },
    ],
    rows: s.sellers.map((r) => [r.name, r.units, r.revenue, r.front_gross, r.closing_ratio, r.conversion_rate, r.leads, r.median_response_minutes, r.active_leads]),
  };
  const aging: Table = {
    name: 'aging',
    title: 'Aging',
    columns: [
      { header: 'Group', kind: 'text' }, { header: 'Name', kind: 'text' }, { header: 'Vehicles', kind: 'int' }, { header: 'Average days', kind: 'decimal' },
      ...AGING_BUCKETS.map((b) => ({ header: `${b} days`, kind: 'int' as const })), { header: 'List value', kind: 'money' },
    ],
    rows: [
      ['all', 'all', a.total_vehicles, a.average_days_in_stock, ...AGING_BUCKETS.map((b) => a.buckets[b] ?? 0), a.by_make.reduce((x, g) => x + g.value, 0)],
      ...agingRows('body_type', a.by_body_type, (g: { body_type: string }) => g.body_type),
      ...agingRows('make', a.by_make, (g: { make: string }) => g.make),
    ],
  };
  const funnel: Table = {
    name: 'funnel',
    title: 'Funnel',
    columns: [
      { header: 'Source', kind: 'text' }, { header: 'Leads', kind: 'int' }, { header: 'Won', kind: 'int' }, { header: 'Conversion %', kind: 'percent' },
      { header: 'Median first response (min)', kind: 'decimal' },
    ],
    rows: f.by_source.map((x) => [x.source, x.total, x.won, x.conversion_rate, x.median_response_minutes]),
  };
  return { currency: d.period.currency, period: `${d.period.name} ${d.period.start} – ${d.period.end}`, tables: [summary, leaderboard, aging, funnel] };
}
