import { sql } from 'drizzle-orm';
import { checkLeadTransition, type LeadStatus, type PushableCollection, type Rejection } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';
import type { Doc } from './rules.ts';

/**
 * Why a stale push conflicts, in words a salesperson understands. A reservation or sale that
 * happened meanwhile gets its own reason (the client then lets the server win entirely);
 * anything else is `stale_version`, which the client merges field by field.
 */
export async function staleReason(tx: Sql, collection: PushableCollection, assumed: Doc | null, current: Doc, next: Doc): Promise<Rejection> {
  if (collection === 'vehicles') {
    const wants = next.status;
    const was = assumed?.status;
    if ((wants === 'reserved' || wants === 'sold') && current.status !== was && (current.status === 'reserved' || current.status === 'sold')) {
      const holder = typeof current.reserved_by === 'string' ? current.reserved_by : null;
      if (current.status === 'reserved' && holder === next.reserved_by) return stale();
      const who = holder ? await nameOf(tx, holder) : null;
      const reason = current.status === 'sold' ? 'vehicle_already_sold' : 'vehicle_already_reserved';
      const message =
        current.status === 'sold'
          ? 'The vehicle was sold while you were offline'
          : `Reserved by ${who ?? 'someone else'} at ${String(current.updated_at)} while you were offline`;
      return { reason, message, details: { reserved_by: holder, reserved_by_name: who, at: current.updated_at } };
    }
  }
  if (collection === 'leads' && assumed && next.status !== assumed.status && current.status !== assumed.status) {
    const t = checkLeadTransition(current.status as LeadStatus, next.status as LeadStatus);
    if (!t.ok) return { reason: 'illegal_transition', message: `The lead moved to ${String(current.status)} meanwhile; ${t.message}` };
  }
  return stale();
}

function stale(): Rejection {
  return { reason: 'stale_version', message: 'Someone else changed this while you were offline' };
}

async function nameOf(tx: Sql, userId: string): Promise<string | null> {
  const r = await tx.rows<{ name: string }>(sql`SELECT first_name || ' ' || last_name AS name FROM users WHERE id = ${userId}::uuid`);
  return r[0]?.name ?? null;
}
