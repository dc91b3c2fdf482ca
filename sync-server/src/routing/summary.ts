import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Sql } from '../db/client.ts';

const DAY = 86_400_000;
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** `from` and `to` (dates or instants; `to` exclusive; a date `to` includes that day). Default: the last 30 days. */
export const summaryQuery = z
  .strictObject({ from: instant.optional(), to: instant.optional() })
  .transform((q, c) => {
    const to = q.to ? new Date(q.to.length === 10 ? Date.parse(`${q.to}T00:00:00Z`) + DAY : Date.parse(q.to)) : new Date();
    const from = q.from ? new Date(q.from.length === 10 ? `${q.from}T00:00:00Z` : q.from) : new Date(to.getTime() - 30 * DAY);
    if (!(from < to)) c.addIssue({ code: 'custom', message: '`from` must be before `to`', path: ['from'] });
    else if (to.getTime() - from.getTime() > 366 * DAY) c.addIssue({ code: 'custom', message: 'at most 366 days at once', path: ['to'] });
    return { from, to };
  });

const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/**
 * The manager's view of routing for leads created in [from, to): leads per rep, speed to lead
 * (minutes from arrival to the first human contact: median and p90), how many of each rep's
 * leads were escalated away or to them, and the pool.
 */
export async function routingSummary(db: Sql, dealershipId: string, from: Date, to: Date) {
  const f = from.toISOString();
  const t = to.toISOString();
  const reps = await db.rows<Record<string, unknown>>(sql`
    WITH l AS (
      SELECT id, assigned_to, extract(epoch FROM first_response_at - created_at) / 60 AS minutes
      FROM leads WHERE dealership_id = ${dealershipId}::uuid AND NOT deleted AND created_at >= ${f}::timestamptz AND created_at < ${t}::timestamptz),
    e AS (SELECT from_user, to_user FROM lead_routing WHERE dealership_id = ${dealershipId}::uuid AND kind = 'escalated' AND created_at >= ${f}::timestamptz AND created_at < ${t}::timestamptz)
    SELECT u.id::text AS user_id, trim(u.first_name || ' ' || u.last_name) AS name, u.role,
      count(l.id)::int AS leads, count(l.minutes)::int AS responded,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY l.minutes) AS median_minutes,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY l.minutes) AS p90_minutes,
      (SELECT count(*)::int FROM e WHERE e.from_user = u.id) AS escalated_away,
      (SELECT count(*)::int FROM e WHERE e.to_user = u.id) AS escalated_to
    FROM users u LEFT JOIN l ON l.assigned_to = u.id
    WHERE u.dealership_id = ${dealershipId}::uuid AND NOT u.deleted AND u.role IN ('sales', 'manager', 'admin')
    GROUP BY u.id ORDER BY count(l.id) DESC, u.first_name, u.id`);
  const [all] = await db.rows<Record<string, unknown>>(sql`
    SELECT count(*)::int AS leads, count(*) FILTER (WHERE assigned_to IS NULL)::int AS pool,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at) / 60) AS median_minutes,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at) / 60) AS p90_minutes,
      (SELECT count(*)::int FROM lead_routing r WHERE r.dealership_id = ${dealershipId}::uuid AND r.kind = 'escalated' AND r.created_at >= ${f}::timestamptz AND r.created_at < ${t}::timestamptz) AS escalations,
      (SELECT count(*)::int FROM lead_routing r WHERE r.dealership_id = ${dealershipId}::uuid AND r.kind = 'assigned' AND r.created_at >= ${f}::timestamptz AND r.created_at < ${t}::timestamptz) AS routed
    FROM leads WHERE dealership_id = ${dealershipId}::uuid AND NOT deleted AND created_at >= ${f}::timestamptz AND created_at < ${t}::timestamptz`);
  return {
    from: f,
    to: t,
    totals: { leads: Number(all?.leads ?? 0), pool: Number(all?.pool ?? 0), routed: Number(all?.routed ?? 0), escalations: Number(all?.escalations ?? 0), median_minutes: num(all?.median_minutes), p90_minutes: num(all?.p90_minutes) },
    reps: reps
      .filter((r) => r.role === 'sales' || Number(r.leads) > 0)
      .map((r) => ({ user_id: r.user_id, name: r.name, leads: Number(r.leads), responded: Number(r.responded), median_minutes: num(r.median_minutes), p90_minutes: num(r.p90_minutes), escalated_away: Number(r.escalated_away), escalated_to: Number(r.escalated_to) })),
  };
}

/** Every routing move of one lead, oldest first, with names: what the lead screen explains. */
export async function leadRoutingHistory(db: Sql, dealershipId: string, leadId: string) {
  return db.rows<Record<string, unknown>>(sql`
    SELECT r.kind, r.from_user::text, r.to_user::text, trim(f.first_name || ' ' || f.last_name) AS from_name, trim(t.first_name || ' ' || t.last_name) AS to_name,
      r.explanation, lotbook_iso(r.created_at) AS at
    FROM lead_routing r LEFT JOIN users f ON f.id = r.from_user LEFT JOIN users t ON t.id = r.to_user
    WHERE r.dealership_id = ${dealershipId}::uuid AND r.lead_id = ${leadId}::uuid ORDER BY r.created_at, r.id`);
}
