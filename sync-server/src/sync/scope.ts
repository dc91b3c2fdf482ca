import type { CollectionName } from '@lotbook/shared';
import type { AuthUser } from '../context.ts';

/**
 * Who pulls what (ARCHITECTURE.md invariant 7), as a SQL predicate over alias `t` with the
 * caller's id as parameter `$u`. Managers, admins and viewers see the whole dealership; a
 * salesperson sees all inventory, their own and unassigned leads, those leads' activities and
 * customers, customers they created or sold to, and their own sales. Notifications and notification
 * preferences are personal for everyone. The dealership filter is applied separately and always.
 *
 * When a row stops matching (a lead reassigned away), the `lotbook_stamp` trigger records the
 * change in `scope_seq`, and the pull turns the row into a tombstone for whoever lost it.
 */
export function scopePredicate(collection: CollectionName, user: AuthUser): string {
  const mine = `(l.assigned_to = $u OR l.assigned_to IS NULL)`;
  if (collection === 'notifications' || collection === 'notification_preferences') return `t.user_id = $u`;
  if (user.role !== 'sales') return 'true';
  switch (collection) {
    case 'leads':
      return `(t.assigned_to = $u OR t.assigned_to IS NULL)`;
    case 'lead_activities':
      return `EXISTS (SELECT 1 FROM leads l WHERE l.id = t.lead_id AND l.dealership_id = t.dealership_id AND ${mine})`;
    case 'customers':
      return `(t.created_by = $u
        OR EXISTS (SELECT 1 FROM leads l WHERE l.customer_id = t.id AND l.dealership_id = t.dealership_id AND ${mine})
        OR EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = t.id AND s.dealership_id = t.dealership_id AND s.salesperson_id = $u))`;
    case 'sales':
      return `t.salesperson_id = $u`;
    default:
      return 'true';
  }
}
