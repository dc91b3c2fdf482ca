import { sql } from 'drizzle-orm';
import { addBusinessMinutes, routeLead } from '@lotbook/shared';
import type { Database } from '../db/client.ts';
import { notify } from '../notifications/notify.ts';
import type { NotificationType } from '../notifications/types.ts';
import { moveActive, recordRouting, routingLead, type RoutingExplanation } from './assign.ts';
import { loadCandidates } from './candidates.ts';
import { routingContext } from './settings.ts';

/**
 * The type the old owner and the managers get. `lead_unanswered` is what devices already accept
 * (shared NOTIFICATION_TYPES); `lead_reassigned` is the better name once issue 10 adds it there.
 */
export const ESCALATION_NOTICE: NotificationType = 'lead_unanswered';

interface Due {
  id: string;
  owner: string;
  owner_name: string;
  customer: string;
  routed_at: string;
  score: number;
  preferences: { body_types?: string[]; makes?: string[] } | null;
}

/**
 * Reassigns every routed lead whose owner made no first human contact within the dealership's
 * escalation delay, counted in business time from when the owner got it (routing, escalation or
 * claim): the same router picks someone else (never the current owner), or the pool when nobody
 * else is available. The old owner and the managers are notified; the new owner by the
 * `lead_assigned` trigger. The move replicates: a tombstone for the old owner's devices, the lead
 * with its activities and customer for the new owner's. Returns how many leads moved.
 */
export async function escalateDueLeads(db: Database, dealershipId: string, now: Date): Promise<number> {
  const rc = await routingContext(db, dealershipId);
  if (!rc) return 0;
  const moved: { lead: Due; to: string | null; toName: string | null }[] = [];
  await db.tx(async (tx) => {
    await tx.rows(sql`SELECT lotbook_lock_dealership(${dealershipId}::uuid)`);
    const open = await tx.rows<Due>(sql`
      SELECT l.id::text, l.assigned_to::text AS owner, trim(u.first_name || ' ' || u.last_name) AS owner_name,
        trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) AS customer,
        lotbook_iso(r.created_at) AS routed_at, l.score, l.preferences
      FROM leads l
      JOIN LATERAL (SELECT * FROM lead_routing r WHERE r.lead_id = l.id ORDER BY r.created_at DESC, r.id DESC LIMIT 1) r ON true
      JOIN users u ON u.id = l.assigned_to
      LEFT JOIN customers c ON c.id = l.customer_id
      WHERE l.dealership_id = ${dealershipId}::uuid AND NOT l.deleted AND l.status = 'new' AND l.first_response_at IS NULL
        AND l.assigned_to IS NOT NULL AND r.to_user = l.assigned_to
      ORDER BY r.created_at, l.id FOR UPDATE OF l`);
    const due = open.filter((l) => {
      const at = addBusinessMinutes(new Date(l.routed_at), rc.settings.escalation_minutes, rc.dealership);
      return at !== null && at <= now;
    });
    if (due.length === 0) return;
    const candidates = await loadCandidates(tx, rc, now);
    for (const lead of due) {
      const decision = routeLead(routingLead(lead.preferences, lead.score), candidates, rc.settings, [lead.owner]);
      await tx.rows(sql`UPDATE leads SET assigned_to = ${decision.assigned_to}::uuid WHERE id = ${lead.id}::uuid AND dealership_id = ${dealershipId}::uuid`);
      const dueAt = addBusinessMinutes(new Date(lead.routed_at), rc.settings.escalation_minutes, rc.dealership);
      const explanation: RoutingExplanation = { ...decision, lead_score: lead.score, lead_factors: [], escalated_from: lead.owner, due_at: dueAt?.toISOString() ?? null };
      await recordRouting(tx, { dealershipId, leadId: lead.id, kind: 'escalated', from: lead.owner, to: decision.assigned_to, explanation, at: now });
      moveActive(candidates, lead.owner, decision.assigned_to);
      moved.push({ lead, to: decision.assigned_to, toName: decision.candidates.find((c) => c.user_id === decision.assigned_to)?.name ?? null });
    }
  });
  if (moved.length > 0) await notifyEscalations(db, dealershipId, rc.settings.escalation_minutes, moved);
  return moved.length;
}

async function notifyEscalations(db: Database, dealershipId: string, minutes: number, moved: { lead: Due; to: string | null; toName: string | null }[]) {
  const managers = await db.rows<{ id: string }>(sql`
    SELECT id::text FROM users WHERE dealership_id = ${dealershipId}::uuid AND role IN ('admin', 'manager') AND is_active AND NOT deleted`);
  const hours = Math.round((minutes / 60) * 10) / 10;
  for (const { lead, to, toName } of moved) {
    const who = lead.customer || 'Cliente';
    const target = { es: toName ? `pasa a ${toName}` : 'pasa a la bolsa de leads libres', en: toName ? `moved to ${toName}` : 'moved to the up-for-grabs pool' };
    const base = { dealershipId, type: ESCALATION_NOTICE, priority: 'high' as const, entityType: 'lead' as const, entityId: lead.id, link: `/leads/${lead.id}` };
    await notify(db, {
      ...base,
      userId: lead.owner,
      dedupKey: `escalated:${lead.id}:${lead.owner}:${lead.routed_at}`,
      title: { es: 'Lead reasignado por falta de contacto', en: 'Lead reassigned: no contact' },
      body: { es: `${who}: sin contacto en ${hours} h hábiles, ${target.es}.`, en: `${who}: no contact within ${hours} business hours, ${target.en}.` },
    });
    for (const m of managers) {
      if (m.id === lead.owner || m.id === to) continue;
      await notify(db, {
        ...base,
        userId: m.id,
        dedupKey: `escalated:${lead.id}:${m.id}:${lead.routed_at}`,
        title: { es: 'Lead escalado', en: 'Lead escalated' },
        body: { es: `${who}: ${lead.owner_name} no contactó en ${hours} h hábiles; ${target.es}.`, en: `${who}: ${lead.owner_name} made no contact within ${hours} business hours; ${target.en}.` },
      });
    }
  }
}
