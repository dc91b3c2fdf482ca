import { inArray, sql } from 'drizzle-orm';
import { users } from '../db/schema.ts';
import { z } from 'zod';
import type { Database, Sql } from '../db/client.ts';
import { ApiError } from '../http/errors.ts';
import { num, round } from './figures.ts';

/**
 * The dealership's commission plan, kept in `dealerships.settings.commission`: a percentage of each
 * sale's front gross, or a flat amount per unit; either with an optional minimum per unit.
 */
export const commissionPlan = z.strictObject({
  type: z.enum(['percent_of_gross', 'flat_per_unit'], { message: 'must be percent_of_gross or flat_per_unit' }),
  value: z.number().min(0, 'must be 0 or more').max(1_000_000, 'is too large'),
  minimum_per_unit: z.number().min(0, 'must be 0 or more').max(1_000_000, 'is too large').nullable().default(null),
}).refine((p) => p.type !== 'percent_of_gross' || p.value <= 100, { message: 'a percentage must be at most 100', path: ['value'] });
export type CommissionPlan = z.infer<typeof commissionPlan>;

/** Targets for one month: `{month: 'YYYY-MM', targets: [{user_id, units, revenue}]}`. */
export const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2026-03');
export const targetsBody = z.strictObject({
  month: monthParam,
  targets: z.array(z.strictObject({
    user_id: z.uuid('must be a UUID'),
    units: z.number().int('must be a whole number').min(0).max(100_000).nullable(),
    revenue: z.number().min(0).max(1e11).nullable(),
  })).max(500),
});

export async function readPlan(db: Sql, dealershipId: string): Promise<CommissionPlan | null> {
  const [r] = await db.rows<{ plan: unknown }>(sql`select settings->'commission' as plan from dealerships where id = ${dealershipId}`);
  const parsed = commissionPlan.safeParse(r?.plan);
  return parsed.success ? parsed.data : null;
}

export async function writePlan(db: Sql, dealershipId: string, plan: CommissionPlan): Promise<void> {
  await db.rows(sql`update dealerships set settings = jsonb_set(settings, '{commission}', ${JSON.stringify(plan)}::jsonb) where id = ${dealershipId}`);
}

/** Commission for one sale: plan applied to its front gross (null gross counts as 0), never below the minimum. */
export function commissionFor(plan: CommissionPlan, frontGross: number | null): number {
  const base = plan.type === 'flat_per_unit' ? plan.value : Math.max(0, frontGross ?? 0) * (plan.value / 100);
  return round(Math.max(base, plan.minimum_per_unit ?? 0));
}

/** Commission per rep over completed sales in [start, end). */
export async function commissionByRep(db: Sql, dealershipId: string, plan: CommissionPlan, start: Date, end: Date): Promise<Map<string, number>> {
  const rows = await db.rows<{ rep: string; gross: number | null }>(sql`
    select s.salesperson_id as rep, (s.sale_price - v.cost)::float8 as gross
    from sales s left join vehicles v on v.id = s.vehicle_id and v.dealership_id = s.dealership_id
    where s.dealership_id = ${dealershipId} and not s.deleted and s.status = 'completed'
      and s.sale_date >= ${start.toISOString()}::timestamptz and s.sale_date < ${end.toISOString()}::timestamptz`);
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.rep, round((out.get(r.rep) ?? 0) + commissionFor(plan, r.gross === null ? null : num(r.gross))));
  return out;
}

export async function readTargets(db: Sql, dealershipId: string, month: string) {
  const rows = await db.rows<{ user_id: string; units: number | null; revenue: number | null }>(sql`
    select user_id, units, revenue::float8 as revenue from sales_targets where dealership_id = ${dealershipId} and month = ${`${month}-01`}::date`);
  return new Map(rows.map((r) => [r.user_id, { units: r.units === null ? null : num(r.units), revenue: r.revenue === null ? null : num(r.revenue) }]));
}

/** Upserts the month's targets; every user must be a salesperson of this dealership. */
export async function writeTargets(db: Database, dealershipId: string, by: string, body: z.infer<typeof targetsBody>): Promise<void> {
  const ids = body.targets.map((t) => t.user_id);
  if (ids.length === 0) return;
  const known = await db.rows<{ id: string }>(sql`select id from users where dealership_id = ${dealershipId} and role = 'sales' and ${inArray(users.id, ids)}`);
  const ok = new Set(known.map((k) => k.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw new ApiError(422, 'unknown_salesperson', 'Targets can only be set for salespeople of this dealership', { user_ids: bad });
  await db.tx(async (tx) => {
    for (const t of body.targets) {
      await tx.rows(sql`insert into sales_targets (dealership_id, user_id, month, units, revenue, updated_by, updated_at)
        values (${dealershipId}, ${t.user_id}, ${`${body.month}-01`}::date, ${t.units}, ${t.revenue}, ${by}, now())
        on conflict (dealership_id, user_id, month) do update set units = excluded.units, revenue = excluded.revenue, updated_by = excluded.updated_by, updated_at = now()`);
    }
  });
}
