import { sql } from 'drizzle-orm';
import { claimedMessage, type Rejection } from '@lotbook/shared';
import type { AuthUser } from '../context.ts';
import type { Sql } from '../db/client.ts';
import { recordRouting } from './assign.ts';

type Doc = Record<string, unknown>;

/**
 * A rep's claim of a pooled lead that a colleague claimed first (both offline): the push of the
 * second claim meets a lead no longer in their scope. Instead of a bare `forbidden`, the reason
 * `lead_already_claimed` names who has it, but only when the current owner got it by a recorded
 * claim (the lead was in the pool, so every rep saw it); anything else stays `forbidden`.
 */
export async function lostClaim(tx: Sql, user: AuthUser, row: { assumedMasterState: Doc | null; newDocumentState: Doc }, server: Doc): Promise<Rejection | null> {
  const assumed = row.assumedMasterState;
  if (!assumed || assumed.assigned_to !== null || row.newDocumentState.assigned_to !== user.id) return null;
  if (server.dealership_id !== user.dealership_id || typeof server.assigned_to !== 'string' || server.assigned_to === user.id) return null;
  const [r] = await tx.rows<{ name: string; at: string }>(sql`
    SELECT trim(u.first_name || ' ' || u.last_name) AS name, lotbook_iso(r.created_at) AS at
    FROM lead_routing r JOIN users u ON u.id = r.to_user
    WHERE r.lead_id = ${String(server.id)}::uuid AND r.dealership_id = ${user.dealership_id}::uuid AND r.kind = 'claimed' AND r.to_user = ${server.assigned_to}::uuid
    ORDER BY r.created_at DESC LIMIT 1`);
  if (!r) return null;
  return { reason: 'lead_already_claimed', message: claimedMessage(r.name), details: { claimed_by: server.assigned_to, claimed_by_name: r.name, at: r.at } };
}

/** Records a rep's claim from the pool (assigned_to null → themselves), after their push committed. */
export async function recordClaims(tx: Sql, user: AuthUser, written: { id: string; before: Doc | null }[], after: Map<string, string | null>, now: Date): Promise<number> {
  let n = 0;
  for (const w of written) {
    if (!w.before || w.before.assigned_to !== null || after.get(w.id) !== user.id) continue;
    await recordRouting(tx, { dealershipId: user.dealership_id, leadId: w.id, kind: 'claimed', from: null, to: user.id, explanation: { claimed_by: user.id }, at: now });
    n += 1;
  }
  return n;
}
