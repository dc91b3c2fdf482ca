import { sql } from 'drizzle-orm';
import { scoreLead, type LeadScore, type LeadSource, type LeadStatus, type StockItem } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';

interface LeadRow {
  id: string;
  source: LeadSource;
  status: LeadStatus;
  budget_min: number | null;
  budget_max: number | null;
  preferences: { body_types?: string[]; makes?: string[]; vehicle_id?: string | null };
  created_at: string;
  last_contact_at: string | null;
  score: number;
  score_factors: unknown;
  activities: { activity_type: string; metadata: unknown }[];
}

export async function availableStock(db: Sql, dealershipId: string): Promise<StockItem[]> {
  return db.rows<StockItem>(sql`SELECT price::float8 AS price, body_type, make FROM vehicles WHERE dealership_id = ${dealershipId}::uuid AND status = 'available' AND NOT deleted`);
}

/** The leads with what their score needs (null ids: every open lead of the dealership). */
async function loadLeads(db: Sql, dealershipId: string, ids: string[] | null): Promise<LeadRow[]> {
  const filter = ids === null ? sql`l.status NOT IN ('closed_won', 'closed_lost')` : sql`l.id = ANY(${`{${ids.join(',')}}`}::uuid[])`;
  return db.rows<LeadRow>(sql`
    SELECT l.id::text, l.source, l.status, l.budget_min::float8 AS budget_min, l.budget_max::float8 AS budget_max, l.preferences,
      lotbook_iso(l.created_at) AS created_at, lotbook_iso(l.last_contact_at) AS last_contact_at, l.score, l.score_factors,
      coalesce((SELECT jsonb_agg(jsonb_build_object('activity_type', a.activity_type, 'metadata', a.metadata)) FROM lead_activities a
                WHERE a.lead_id = l.id AND a.dealership_id = l.dealership_id AND NOT a.deleted), '[]'::jsonb) AS activities
    FROM leads l WHERE l.dealership_id = ${dealershipId}::uuid AND NOT l.deleted AND ${filter}`);
}

export function scoreOf(l: LeadRow, stock: StockItem[], now: Date): LeadScore {
  return scoreLead({ ...l, preferences: l.preferences ?? {}, activities: l.activities ?? [] }, stock, now);
}

/**
 * Recomputes and stores the lead score where it changed (a changed score replicates like any
 * edit). Runs after a push touched the leads or their activities, and hourly over open leads.
 * Returns how many scores changed.
 */
export async function recomputeScores(db: Sql, dealershipId: string, ids: string[] | null, now: Date): Promise<number> {
  if (ids !== null && ids.length === 0) return 0;
  const [leads, stock] = await Promise.all([loadLeads(db, dealershipId, ids), availableStock(db, dealershipId)]);
  let changed = 0;
  for (const l of leads) {
    const s = scoreOf(l, stock, now);
    if (s.score === l.score && JSON.stringify(s.factors) === JSON.stringify(l.score_factors)) continue;
    await db.rows(sql`UPDATE leads SET score = ${s.score}, score_factors = ${JSON.stringify(s.factors)}::jsonb WHERE id = ${l.id}::uuid AND dealership_id = ${dealershipId}::uuid`);
    changed += 1;
  }
  return changed;
}

export { loadLeads };
