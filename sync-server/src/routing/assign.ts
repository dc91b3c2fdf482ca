import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { routeLead, type RoutingCandidate, type RoutingDecision } from '@lotbook/shared';
import type { Database, Sql } from '../db/client.ts';
import { leadRouting } from '../db/schema.ts';
import { loadCandidates } from './candidates.ts';
import { availableStock, loadLeads, scoreOf } from './score.ts';
import { routingContext } from './settings.ts';

/** What is stored with every routing move and served to the lead screen. */
export interface RoutingExplanation extends RoutingDecision {
  lead_score: number;
  lead_factors: { factor: string; points: number }[];
  /** Escalations only: the owner who did not answer, and when the delay ran out. */
  escalated_from?: string | null;
  due_at?: string | null;
}

export function routingLead(preferences: { body_types?: string[]; makes?: string[] } | null, score: number) {
  return { score, body_types: preferences?.body_types ?? [], makes: preferences?.makes ?? [] };
}

/** One candidate fewer open leads, another one more, after a move (so a batch spreads). */
export function moveActive(candidates: RoutingCandidate[], from: string | null, to: string | null): void {
  for (const c of candidates) {
    if (c.id === from) c.active_leads = Math.max(0, c.active_leads - 1);
    if (c.id === to) c.active_leads += 1;
  }
}

export async function recordRouting(tx: Sql, row: { dealershipId: string; leadId: string; kind: 'assigned' | 'pool' | 'escalated' | 'claimed'; from: string | null; to: string | null; explanation: unknown; at: Date }) {
  await tx.orm.insert(leadRouting).values({ id: randomUUID(), dealership_id: row.dealershipId, lead_id: row.leadId, kind: row.kind, from_user: row.from, to_user: row.to, explanation: row.explanation, created_at: row.at });
}

/**
 * Routes new leads that arrived without an owner by web, phone, ADF, email or import (a walk-in
 * stays with the rep who captured it; a lead routed once is never routed again here). Runs after
 * the push or import that created them has committed, in its own transaction under the
 * dealership lock, so the assignment replicates like any write and the `lead_assigned` trigger
 * (0006) notifies the new owner. Returns the decisions by lead id.
 */
export async function routeNewLeads(db: Database, dealershipId: string, leadIds: string[], now: Date): Promise<Map<string, RoutingDecision>> {
  const out = new Map<string, RoutingDecision>();
  if (leadIds.length === 0) return out;
  const rc = await routingContext(db, dealershipId);
  if (!rc) return out;
  await db.tx(async (tx) => {
    await tx.rows(sql`SELECT lotbook_lock_dealership(${dealershipId}::uuid)`);
    const pending = await tx.rows<{ id: string }>(sql`
      SELECT l.id::text FROM leads l
      WHERE l.dealership_id = ${dealershipId}::uuid AND l.id = ANY(${`{${leadIds.join(',')}}`}::uuid[]) AND NOT l.deleted
        AND l.assigned_to IS NULL AND l.status = 'new' AND l.source <> 'walk_in'
        AND NOT EXISTS (SELECT 1 FROM lead_routing r WHERE r.lead_id = l.id)
      ORDER BY l.created_at, l.id FOR UPDATE OF l`);
    if (pending.length === 0) return;
    const [leads, stock, candidates] = await Promise.all([loadLeads(tx, dealershipId, pending.map((p) => p.id)), availableStock(tx, dealershipId), loadCandidates(tx, rc, now)]);
    const byId = new Map(leads.map((l) => [l.id, l]));
    for (const { id } of pending) {
      const lead = byId.get(id);
      if (!lead) continue;
      const score = scoreOf(lead, stock, now);
      const decision = routeLead(routingLead(lead.preferences, score.score), candidates, rc.settings);
      await tx.rows(sql`UPDATE leads SET assigned_to = ${decision.assigned_to}::uuid, score = ${score.score}, score_factors = ${JSON.stringify(score.factors)}::jsonb
        WHERE id = ${id}::uuid AND dealership_id = ${dealershipId}::uuid`);
      const explanation: RoutingExplanation = { ...decision, lead_score: score.score, lead_factors: score.factors };
      await recordRouting(tx, { dealershipId, leadId: id, kind: decision.pool ? 'pool' : 'assigned', from: null, to: decision.assigned_to, explanation, at: now });
      moveActive(candidates, null, decision.assigned_to);
      out.set(id, decision);
    }
  });
  return out;
}
