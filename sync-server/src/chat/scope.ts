/**
 * The caller's reach for the assistant's tools, as SQL: always their dealership; a salesperson
 * counts only their own leads and sales (managers, admins and viewers see the dealership).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AuthUser } from '../context.ts';

export function ownLeads(user: AuthUser, alias: string): SQL {
  return user.role === 'sales' ? sql`and ${sql.raw(alias)}.assigned_to = ${user.id}::uuid` : sql``;
}

export function ownSales(user: AuthUser, alias: string): SQL {
  return user.role === 'sales' ? sql`and ${sql.raw(alias)}.salesperson_id = ${user.id}::uuid` : sql``;
}
