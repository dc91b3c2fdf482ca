import type { Lead, Role } from '@lotbook/shared';
import type { RxDocument } from 'rxdb';

/** Only managers and admins give a lead to someone else (the server's rule, sync-server/src/sync/rules.ts). */
export function canAssignLeads(role: Role): boolean {
  return role === 'manager' || role === 'admin';
}

/**
 * Gives the lead to `userId` (null: nobody). A local write like any other: it works offline and
 * syncs with the usual conflict policy; the server then notifies the new owner (migration 0006).
 * Returns false when nothing changed.
 */
export async function assignLead(doc: RxDocument<Lead>, userId: string | null): Promise<boolean> {
  if ((doc.assigned_to ?? null) === userId) return false;
  await doc.incrementalPatch({ assigned_to: userId });
  return true;
}

/** How the owner reads on a card or the detail: the name, "Sin asignar", or the id when the team is not synced yet. */
export function ownerLabel(assignedTo: string | null, names: ReadonlyMap<string, string>, unassigned: string): string {
  if (!assignedTo) return unassigned;
  return names.get(assignedTo) ?? assignedTo.slice(0, 8);
}
