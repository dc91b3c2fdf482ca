import { sql } from 'drizzle-orm';
import { isAvailableNow, type RoutingCandidate, type WeeklyHours } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';
import type { RoutingContext } from './settings.ts';

/** How far back conversion history reaches. */
const HISTORY_DAYS = 180;

/**
 * The dealership's salespeople as routing candidates at `at`: specializations, conversion rate
 * (leads won ÷ leads they received in the last 180 days), open leads, and whether they are
 * available now (shared isAvailableNow: working hours, days off, business hours, holidays).
 */
export async function loadCandidates(db: Sql, rc: RoutingContext, at: Date): Promise<RoutingCandidate[]> {
  const rows = await db.rows<{ id: string; name: string; specializations: string[]; working_hours: WeeklyHours; days_off: string[]; active: number; received: number; won: number }>(sql`
    SELECT u.id::text, trim(u.first_name || ' ' || u.last_name) AS name, u.specializations, u.working_hours, u.days_off,
      count(l.id) FILTER (WHERE l.status NOT IN ('closed_won', 'closed_lost'))::int AS active,
      count(l.id) FILTER (WHERE l.created_at > ${at.toISOString()}::timestamptz - make_interval(days => ${HISTORY_DAYS}))::int AS received,
      count(l.id) FILTER (WHERE l.status = 'closed_won' AND l.created_at > ${at.toISOString()}::timestamptz - make_interval(days => ${HISTORY_DAYS}))::int AS won
    FROM users u
    LEFT JOIN leads l ON l.assigned_to = u.id AND l.dealership_id = u.dealership_id AND NOT l.deleted
    WHERE u.dealership_id = ${rc.dealershipId}::uuid AND u.role = 'sales' AND u.is_active AND NOT u.deleted
    GROUP BY u.id ORDER BY u.id`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    specializations: r.specializations ?? [],
    conversion_rate: r.received > 0 ? r.won / r.received : 0,
    active_leads: r.active,
    available: isAvailableNow({ is_active: true, working_hours: r.working_hours ?? {}, days_off: r.days_off ?? [] }, rc.dealership, at),
  }));
}
