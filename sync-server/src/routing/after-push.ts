import { sql } from 'drizzle-orm';
import type { CollectionName } from '@lotbook/shared';
import type { AppContext, AuthUser } from '../context.ts';
import type { PushOutcome } from '../sync/push.ts';
import { routeNewLeads } from './assign.ts';
import { recordClaims } from './claim.ts';
import { recomputeScores } from './score.ts';

/**
 * Work that follows a committed push of leads or activities: new unowned leads are routed, claims
 * from the pool are recorded, and after new activities the scores of their leads are recomputed.
 * A pushed lead itself is not rescored here: changing it right after its own push would make an
 * RxDB retry of that push a false conflict (ARCHITECTURE.md invariant 3); the hourly `lead-score`
 * job rescores it. Each step is its own write (replicated like any other); a failure here is
 * logged and never fails the push, which has already committed.
 */
export async function afterPush(ctx: AppContext, user: AuthUser, collection: CollectionName, outcome: PushOutcome, now = new Date()): Promise<void> {
  if (outcome.written.length === 0 || (collection !== 'leads' && collection !== 'lead_activities')) return;
  try {
    const ids = outcome.written.map((w) => w.id);
    const idArray = `{${ids.join(',')}}`;
    if (collection === 'leads') {
      const rows = await ctx.db.rows<{ id: string; assigned_to: string | null }>(sql`
        SELECT id::text, assigned_to::text FROM leads WHERE id = ANY(${idArray}::uuid[]) AND dealership_id = ${user.dealership_id}::uuid`);
      const owner = new Map(rows.map((r) => [r.id, r.assigned_to]));
      if (user.role === 'sales') await recordClaims(ctx.db, user, outcome.written, owner, now);
      await routeNewLeads(ctx.db, user.dealership_id, outcome.written.filter((w) => w.created && owner.get(w.id) === null).map((w) => w.id), now);
      return;
    }
    const rows = await ctx.db.rows<{ lead_id: string }>(sql`
      SELECT DISTINCT lead_id::text FROM lead_activities WHERE id = ANY(${idArray}::uuid[]) AND dealership_id = ${user.dealership_id}::uuid`);
    const leadIds = rows.map((r) => r.lead_id);
    await ctx.db.tx(async (tx) => {
      await tx.rows(sql`SELECT lotbook_lock_dealership(${user.dealership_id}::uuid)`);
      await recomputeScores(tx, user.dealership_id, leadIds, now);
    });
  } catch (err) {
    ctx.log.warn({ err, collection }, 'lead routing after push failed');
  }
}

/** Routes the leads an ADF import created (after its transaction committed); failures are logged. */
export async function routeImported(ctx: AppContext, user: AuthUser, leadIds: string[], now = new Date()): Promise<void> {
  try {
    await routeNewLeads(ctx.db, user.dealership_id, leadIds, now);
  } catch (err) {
    ctx.log.warn({ err }, 'routing imported leads failed');
  }
}
