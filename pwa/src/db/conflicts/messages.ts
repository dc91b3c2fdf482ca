import type { CollectionName } from '@lotbook/shared';

type Doc = Record<string, unknown>;

/** Looks up a team member's display name; null when unknown (e.g. not pulled yet). */
export type NameOf = (userId: unknown) => Promise<string | null>;

function timeOf(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return ` at ${d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
}

const NOUN: Record<CollectionName, string> = {
  vehicles: 'vehicle',
  customers: 'customer',
  leads: 'lead',
  lead_activities: 'activity',
  sales: 'sale',
  inventory_movements: 'inventory movement',
  notifications: 'notification',
  notification_preferences: 'notification preferences',
  team: 'team member',
};

/**
 * The human sentence of an inbox entry, e.g. "Reserved by Ana at 10:42 while you were offline".
 * English: the UI can translate by `reason` and keep this as the fallback.
 */
export async function conflictMessage(input: {
  collection: CollectionName;
  reason: string;
  serverMessage?: string;
  fields: string[];
  theirs: Doc | null;
  nameOf: NameOf;
}): Promise<string> {
  const { collection, reason, theirs, fields } = input;
  const noun = NOUN[collection];
  const at = timeOf(theirs?.updated_at);
  if (reason === 'vehicle_already_reserved' && theirs) {
    const who = await input.nameOf(theirs.reserved_by);
    return `Reserved by ${who ?? 'someone else'}${at} while you were offline`;
  }
  if (reason === 'vehicle_already_sold' && theirs?.status === 'sold') {
    return `This vehicle was sold${at} while you were offline; your ${noun} was not saved`;
  }
  if (reason === 'stale_version') {
    if (theirs?._deleted === true) return `This ${noun} was removed or reassigned${at} while you were offline; your changes are kept here`;
    return `Changed by someone else${at} while you were offline: their ${fields.join(', ')} kept`;
  }
  return input.serverMessage ?? `The server did not accept this ${noun} (${reason})`;
}
