/** Ground truth for the golden questions, computed by plain SQL written independently of the tools. */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';

export interface VehicleSpec {
  make?: string; model?: string; body?: string; fuel?: string; gear?: 'automatic' | 'manual'; status?: string;
  priceMin?: number; priceMax?: number; yearMin?: number; yearMax?: number; kmMax?: number;
}

const ASKING = sql`(case when is_promotion and promo_price is not null then promo_price else price end)`;

function where(d: string, s: VehicleSpec): SQL {
  const p: SQL[] = [sql`dealership_id = ${d}::uuid`, sql`not deleted`, sql`status = ${s.status ?? 'available'}`];
  if (s.make) p.push(sql`make = ${s.make}`);
  if (s.model) p.push(sql`model = ${s.model}`);
  if (s.body) p.push(sql`body_type = ${s.body}`);
  if (s.fuel) p.push(sql`fuel_type = ${s.fuel}`);
  if (s.gear === 'automatic') p.push(sql`transmission in ('automatic', 'cvt')`);
  if (s.gear === 'manual') p.push(sql`transmission = 'manual'`);
  if (s.priceMin !== undefined) p.push(sql`${ASKING} >= ${s.priceMin}`);
  if (s.priceMax !== undefined) p.push(sql`${ASKING} <= ${s.priceMax}`);
  if (s.yearMin !== undefined) p.push(sql`year >= ${s.yearMin}`);
  if (s.yearMax !== undefined) p.push(sql`year <= ${s.yearMax}`);
  if (s.kmMax !== undefined) p.push(sql`mileage <= ${s.kmMax}`);
  return sql.join(p, sql` and `);
}

/** The cars matching, cheapest first (ids), and how many. */
export async function vehicles(db: Database, d: string, s: VehicleSpec): Promise<{ ids: string[]; total: number }> {
  const rows = await db.rows<{ id: string }>(sql`select id from vehicles where ${where(d, s)} order by ${ASKING}, id`);
  return { ids: rows.map((r) => r.id), total: rows.length };
}

export async function aged(db: Database, d: string, days: number): Promise<{ ids: string[]; total: number }> {
  const rows = await db.rows<{ id: string }>(sql`select id from vehicles where dealership_id = ${d}::uuid and not deleted and status <> 'sold'
    and acquired_at < now() - make_interval(days => ${days}) order by acquired_at, id`);
  return { ids: rows.map((r) => r.id), total: rows.length };
}

const PERIOD: Record<string, SQL> = {
  today: sql`date_trunc('day', now() at time zone 'Europe/Madrid')`,
  this_week: sql`date_trunc('week', now() at time zone 'Europe/Madrid')`,
  this_month: sql`date_trunc('month', now() at time zone 'Europe/Madrid')`,
  last_month: sql`date_trunc('month', now() at time zone 'Europe/Madrid') - interval '1 month'`,
  this_year: sql`date_trunc('year', now() at time zone 'Europe/Madrid')`,
};
const LENGTH: Record<string, SQL> = {
  today: sql`interval '1 day'`, this_week: sql`interval '7 days'`, this_month: sql`interval '1 month'`, last_month: sql`interval '1 month'`, this_year: sql`interval '1 year'`,
};

export async function sales(db: Database, d: string, period: string, opts: { make?: string; model?: string; rep?: string } = {}): Promise<{ count: number; revenue: number }> {
  const [r] = await db.rows<{ count: number; revenue: number | null }>(sql`
    select count(*)::int as count, sum(s.sale_price) as revenue from sales s join vehicles v on v.id = s.vehicle_id
    where s.dealership_id = ${d}::uuid and not s.deleted and s.status = 'completed'
      and s.sale_date >= (${PERIOD[period]}) at time zone 'Europe/Madrid'
      and s.sale_date < ((${PERIOD[period]}) + ${LENGTH[period]}) at time zone 'Europe/Madrid'
      ${opts.make ? sql`and v.make = ${opts.make}` : sql``} ${opts.model ? sql`and v.model = ${opts.model}` : sql``}
      ${opts.rep ? sql`and s.salesperson_id = ${opts.rep}::uuid` : sql``}`);
  return { count: Number(r?.count ?? 0), revenue: Number(r?.revenue ?? 0) };
}

export async function leadCount(db: Database, d: string, opts: { rep?: string; source?: string; status?: string } = {}): Promise<number> {
  const [r] = await db.rows<{ n: number }>(sql`select count(*)::int as n from leads where dealership_id = ${d}::uuid and not deleted
    ${opts.rep ? sql`and assigned_to = ${opts.rep}::uuid` : sql``} ${opts.source ? sql`and source = ${opts.source}` : sql``}
    ${opts.status ? sql`and status = ${opts.status}` : sql``}`);
  return Number(r?.n ?? 0);
}

export async function attention(db: Database, d: string, rep?: string): Promise<string[]> {
  const rows = await db.rows<{ id: string }>(sql`
    select l.id from leads l where l.dealership_id = ${d}::uuid and not l.deleted ${rep ? sql`and l.assigned_to = ${rep}::uuid` : sql``}
      and l.status in ('new', 'contacted', 'qualified', 'negotiating')
      and (l.score >= 70 or (l.status = 'new' and l.first_response_at is null)
        or exists (select 1 from lead_activities a where a.lead_id = l.id and not a.deleted and not a.done and a.due_at < now()))`);
  return rows.map((r) => r.id);
}
