import { sql, type SQL } from 'drizzle-orm';
import type { AuthUser } from '../context.ts';

/**
 * Who counts in a figure. Managers and admins see the whole dealership; viewers too, read-only,
 * but never dealer cost (front gross, gross per unit and commission are null for them); a
 * salesperson sees only their own sales and the leads assigned to them, and their own front
 * gross as an aggregate (never a car's cost). Inventory figures are dealership-wide for everyone,
 * as the inventory itself is. The dealership filter is always applied.
 */
export interface AnalyticsScope {
  dealershipId: string;
  /** Set for a salesperson: only this rep's sales and leads count. */
  repId: string | null;
  /** Whether front gross (which needs dealer cost) may be returned. */
  seesGross: boolean;
  role: AuthUser['role'];
}

export function analyticsScope(user: AuthUser): AnalyticsScope {
  return {
    dealershipId: user.dealership_id,
    repId: user.role === 'sales' ? user.id : null,
    seesGross: user.role !== 'viewer',
    role: user.role,
  };
}

/** Sales rows (alias s) in scope. */
export function salesIn(scope: AnalyticsScope): SQL {
  return scope.repId ? sql`s.dealership_id = ${scope.dealershipId} and s.salesperson_id = ${scope.repId}` : sql`s.dealership_id = ${scope.dealershipId}`;
}

/** Lead rows (alias l) in scope. */
export function leadsIn(scope: AnalyticsScope): SQL {
  return scope.repId ? sql`l.dealership_id = ${scope.dealershipId} and l.assigned_to = ${scope.repId}` : sql`l.dealership_id = ${scope.dealershipId}`;
}
