import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { CollectionName, Role } from '@lotbook/shared';
import * as s from '../db/schema.ts';
import { hiddenFields } from '../security/visibility.ts';

/** Columns that never travel on the wire. */
const HIDDEN = new Set(['deleted', 'scope_seq', 'search_vector', 'password_hash', 'password_changed_at', 'days_off', 'dedup_key', 'link', 'data']);

export interface CollectionTable {
  name: CollectionName;
  table: PgTable;
  sqlName: string;
  /** Wire field names, all of them columns of the same name. */
  fields: string[];
  /** Fields stored as timestamptz: ISO strings on the wire, compared as instants. */
  timestamps: Set<string>;
  /** `jsonb_build_object(...)` producing the wire document of alias `t`. */
  docExpr: string;
  /** `docExpr` with the fields `role` may not see replaced by null (security/visibility.ts). */
  docExprFor(role: Role): string;
  /**
   * `docExprFor` as `json_build_object`, for the pull: the same document, built straight as text.
   * `jsonb_build_object(...)::text` builds a binary value, sorts its keys, then prints it; this
   * skips both (the large seed's 10,050 cars: 250 ms against 330 ms on PGlite). The keys keep the
   * table's column order; clients read the document as JSON, never as text.
   */
  pullExprFor(role: Role): string;
  /** `docExpr` over the table's own name, for `INSERT … RETURNING` / `UPDATE … RETURNING`. */
  returningExpr: string;
}

function describe(name: CollectionName, table: PgTable): CollectionTable {
  const cfg = getTableConfig(table);
  const cols = cfg.columns.filter((c) => !HIDDEN.has(c.name));
  const timestamps = new Set(cols.filter((c) => c.columnType === 'PgTimestamp').map((c) => c.name));
  const build = (hidden: readonly string[], t = 't', fn = 'jsonb_build_object') => {
    const pairs = cols.map((c) => `'${c.name}', ${hidden.includes(c.name) ? 'NULL' : timestamps.has(c.name) ? `lotbook_iso(${t}.${c.name})` : `${t}.${c.name}`}`);
    pairs.push(`'_deleted', ${t}.deleted`);
    return `${fn}(${pairs.join(', ')})`;
  };
  return {
    name,
    table,
    sqlName: cfg.name,
    fields: cols.map((c) => c.name),
    timestamps,
    docExpr: build([]),
    docExprFor: (role) => build(hiddenFields(name, role)),
    pullExprFor: (role) => build(hiddenFields(name, role), 't', 'json_build_object'),
    returningExpr: build([], `"${cfg.name}"`),
  };
}

export const TABLES: Record<CollectionName, CollectionTable> = {
  vehicles: describe('vehicles', s.vehicles),
  customers: describe('customers', s.customers),
  leads: describe('leads', s.leads),
  lead_activities: describe('lead_activities', s.leadActivities),
  sales: describe('sales', s.sales),
  inventory_movements: describe('inventory_movements', s.inventoryMovements),
  notifications: describe('notifications', s.notifications),
  notification_preferences: describe('notification_preferences', s.notificationPreferences),
  team: describe('team', s.users),
};
