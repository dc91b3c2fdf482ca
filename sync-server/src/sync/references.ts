import { sql } from 'drizzle-orm';
import type { CollectionName, PushableCollection } from '@lotbook/shared';
import type { AuthUser } from '../context.ts';
import type { Sql } from '../db/client.ts';
import type { Doc, Verdict } from './rules.ts';
import { scopePredicate } from './scope.ts';
import { bindUser } from './sql-params.ts';
import { TABLES } from './tables.ts';

interface Reference {
  /** Wire field, or a path into a JSON field. */
  field: string;
  read(doc: Doc): unknown;
  target: CollectionName;
  /**
   * Whether an id that exists nowhere is accepted: a device pushes each collection with its own
   * replication, so a walk-in's lead can arrive before its new customer (a forward reference
   * from the same device). Users are never created offline, so a user must exist.
   */
  forward: boolean;
}

const field = (name: string, target: CollectionName, forward: boolean): Reference => ({ field: name, read: (d) => d[name], target, forward });

/** Every id a pushed document references, by collection (SECURITY.md, "References"). */
export const REFERENCES: Record<PushableCollection, Reference[]> = {
  vehicles: [field('reserved_by', 'team', false)],
  customers: [],
  leads: [
    field('customer_id', 'customers', true),
    field('assigned_to', 'team', false),
    { field: 'preferences.vehicle_id', read: (d) => (d.preferences as Doc | undefined)?.vehicle_id, target: 'vehicles', forward: true },
  ],
  lead_activities: [field('lead_id', 'leads', true), field('user_id', 'team', false)],
  sales: [field('customer_id', 'customers', true), field('vehicle_id', 'vehicles', true), field('salesperson_id', 'team', false)],
  inventory_movements: [field('vehicle_id', 'vehicles', true), field('user_id', 'team', false)],
  notifications: [field('user_id', 'team', false)],
  notification_preferences: [field('user_id', 'team', false)],
};

/**
 * Checks the ids a write references, before anything about the row is compared or revealed:
 * each one exists in the caller's dealership and in the caller's pull scope (a salesperson can
 * attach a lead only to a customer they can see, log activity only on their own or unassigned
 * leads, sell only to their customers), or exists nowhere yet (a forward reference, see above).
 * A reference left as the server has it is not re-checked: it is not the caller's doing.
 * The refusal says which field, never what the referenced row is or where it lives.
 */
export async function checkReferences(tx: Sql, collection: PushableCollection, user: AuthUser, next: Doc, server: Doc | null): Promise<Verdict> {
  for (const ref of REFERENCES[collection]) {
    const id = ref.read(next);
    if (id === null || id === undefined) continue;
    if (server && ref.read(server) === id) continue;
    const t = TABLES[ref.target];
    const scope = bindUser(scopePredicate(ref.target, user), user.id);
    const rows = await tx.rows<{ same: boolean; ok: boolean }>(sql`
      SELECT t.dealership_id = ${user.dealership_id}::uuid AS same, (${scope}) AS ok
      FROM ${sql.raw(t.sqlName)} t WHERE t.id = ${String(id)}::uuid`);
    const found = rows[0];
    if (!found) {
      if (ref.forward) continue;
      return { ok: false, reason: 'invalid_document', message: `${ref.field} does not name anyone in your dealership` };
    }
    if (!found.same || !found.ok) return { ok: false, reason: 'forbidden', message: `${ref.field} refers to a record you cannot use` };
  }
  return { ok: true };
}
