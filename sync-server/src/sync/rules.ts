import {
  checkActivity,
  checkLead,
  checkLeadTransition,
  checkSale,
  checkVehicle,
  checkVehicleTransition,
  validateVin,
  type ConflictReason,
  type LeadStatus,
  type PushableCollection,
  type VehicleStatus,
} from '@lotbook/shared';
import type { AuthUser } from '../context.ts';
import { preferencesDocId } from '../notifications/preferences-id.ts';

export type Doc = Record<string, unknown>;

export interface WriteCheck {
  collection: PushableCollection;
  /** The document's id. */
  id: string;
  user: AuthUser;
  /** The server's current document, or null for an insert. */
  current: Doc | null;
  /** The client's fields, already validated by the zod field schema. */
  next: Doc;
  deleted: boolean;
  changed: string[];
}

export type Verdict = { ok: true } | { ok: false; reason: ConflictReason; message: string };
const ok: Verdict = { ok: true };
const no = (reason: ConflictReason, message: string): Verdict => ({ ok: false, reason, message });
const isManager = (u: AuthUser) => u.role === 'admin' || u.role === 'manager';

/** Fields a salesperson may change on a vehicle: reserving, releasing and photos. */
const SALES_VEHICLE_FIELDS = new Set(['status', 'reserved_by', 'reserved_until', 'images', 'lot_location']);

/**
 * Permission and domain rules for one pushed write (ARCHITECTURE.md invariant 5). Pure: the
 * facts that need the database (another completed sale, uniqueness) are checked in push.ts.
 */
export function checkWrite(w: WriteCheck): Verdict {
  switch (w.collection) {
    case 'vehicles':
      return checkVehicleWrite(w);
    case 'leads':
      return checkLeadWrite(w);
    case 'sales':
      return checkSaleWrite(w);
    case 'lead_activities':
    case 'inventory_movements':
      return checkAppendOnly(w);
    case 'notifications':
      if (w.current === null) return no('forbidden', 'Notifications are created by the server');
      if (w.current.user_id !== w.user.id) return no('forbidden', 'This notification belongs to someone else');
      if (w.changed.some((f) => f !== 'read_at') || w.deleted) return no('forbidden', 'Only read_at can change on a notification');
      return ok;
    case 'notification_preferences':
      // One document per user, its id derived from the user's id (migration 0022 checks it too);
      // viewers never push (routes.ts), so they change theirs online at /api/v1/notifications/preferences.
      if (w.next.user_id !== w.user.id || (w.current !== null && w.current.user_id !== w.user.id)) return no('forbidden', 'These preferences belong to someone else');
      if (w.id !== preferencesDocId(w.user.id)) return no('invalid_document', 'The preferences document id is derived from the user id');
      if (w.deleted) return no('forbidden', 'Preferences are changed, never deleted');
      return ok;
    case 'customers':
      if (w.deleted && !isManager(w.user)) return no('forbidden', 'Only managers can delete customers');
      return ok;
  }
}

function checkVehicleWrite(w: WriteCheck): Verdict {
  const { user, current, next } = w;
  if (!isManager(user)) {
    if (!current) return no('forbidden', 'Only managers can add vehicles');
    if (w.deleted || w.changed.some((f) => !SALES_VEHICLE_FIELDS.has(f))) return no('forbidden', 'Salespeople can only reserve, release and photograph vehicles');
  }
  const vin = validateVin(String(next.vin));
  if (!vin.ok) return no('invalid_document', vin.errors.map((e) => e.message).join('; '));
  const rule = checkVehicle(next as { year: number; price: number; mileage: number; promo_price?: number | null; is_promotion?: boolean });
  if (!rule.ok) return no('invalid_document', rule.message);
  if (!current) return ok;
  const from = current.status as VehicleStatus;
  const to = next.status as VehicleStatus;
  if (from === 'reserved' && to === 'reserved' && current.reserved_by !== next.reserved_by) {
    return no('vehicle_already_reserved', 'The vehicle is already reserved by someone else');
  }
  if (from === 'sold' && to !== 'sold' && !isManager(user)) return no('vehicle_already_sold', 'The vehicle has already been sold');
  const transition = checkVehicleTransition(from, to);
  if (!transition.ok) {
    if (from === 'sold') return no('vehicle_already_sold', 'The vehicle has already been sold');
    return no('illegal_vehicle_transition', transition.message);
  }
  return isManager(user) ? ok : checkRepVehicle(w, from, to);
}

/**
 * What a salesperson may do to a car (SECURITY.md): reserve it for themselves, extend or release
 * their own reservation (or one that has expired), photograph it and note its lot location.
 * Not: sell it without a sale (see `deferRepSale`), send it to or from maintenance, or touch
 * another rep's live reservation.
 */
function checkRepVehicle(w: WriteCheck, from: VehicleStatus, to: VehicleStatus): Verdict {
  const { user, current, next } = w;
  if (!current) return ok;
  if (to === 'sold' && from !== 'sold') return no('forbidden', 'Salespeople sell a car by recording its sale');
  if ((to === 'maintenance' || from === 'maintenance') && from !== to) return no('forbidden', 'Only managers can send a car to maintenance or bring it back');
  const holder = current.reserved_by;
  const held = from === 'reserved' && holder !== null && holder !== user.id && !reservationExpired(current);
  const reservationChanged = w.changed.includes('reserved_by') || w.changed.includes('reserved_until') || from !== to;
  if (held && reservationChanged) {
    return no(to === 'available' ? 'forbidden' : 'vehicle_already_reserved', to === 'available' ? 'Only the salesperson holding the reservation or a manager can release it' : 'The vehicle is reserved by someone else');
  }
  if (to === 'reserved' && reservationChanged && next.reserved_by !== user.id) return no('forbidden', 'Salespeople can only reserve vehicles for themselves');
  if (to === 'available' && (next.reserved_by !== null || next.reserved_until !== null)) return no('invalid_document', 'An available car holds no reservation');
  return ok;
}

function reservationExpired(v: Doc): boolean {
  return typeof v.reserved_until === 'string' && Date.parse(v.reserved_until) < Date.now();
}

export type SaleDeferral = { ok: true; next: Doc; deferred: boolean } | { ok: false; reason: ConflictReason; message: string };

/**
 * A salesperson's device marks a car sold in the same save as the sale (pwa save-sale.ts), and
 * pushes the two collections separately, in either order. The car becomes sold on the server
 * only through its sale (the `sales_effects` trigger), so a rep's `-> sold` patch is accepted
 * without writing the status: if the sale came first, the patch already equals the server; if it
 * comes later, its trigger sells the car. Nothing reaches the conflict inbox either way. A car
 * someone else holds is refused, as the sale would be.
 */
export function deferRepSale(user: AuthUser, current: Doc | null, next: Doc): SaleDeferral {
  if (isManager(user) || !current || next.status !== 'sold' || current.status === 'sold') return { ok: true, next, deferred: false };
  if (current.status === 'reserved' && current.reserved_by !== user.id && !reservationExpired(current)) {
    return { ok: false, reason: 'vehicle_already_reserved', message: 'The vehicle is reserved by someone else' };
  }
  if (current.status !== 'available' && current.status !== 'reserved') return { ok: true, next, deferred: false };
  return { ok: true, next: { ...next, status: current.status, reserved_by: current.reserved_by, reserved_until: current.reserved_until }, deferred: true };
}

function checkLeadWrite(w: WriteCheck): Verdict {
  const { user, current, next } = w;
  const rule = checkLead(next as { status: LeadStatus; last_contact_at: string | null; budget_min: number | null; budget_max: number | null });
  if (!rule.ok) return no('invalid_document', rule.message);
  if (!isManager(user)) {
    if (w.deleted) return no('forbidden', 'Only managers can delete leads');
    const owner = current ? current.assigned_to : null;
    if (owner !== null && owner !== user.id) return no('forbidden', 'This lead is assigned to someone else');
    if (next.assigned_to !== null && next.assigned_to !== user.id) return no('forbidden', 'Only managers can assign leads to others');
  }
  // A lead created offline may start past `new` (a walk-in already talked to); checkLead covers it.
  if (current) {
    const t = checkLeadTransition(current.status as LeadStatus, next.status as LeadStatus);
    if (!t.ok) return no('illegal_transition', t.message);
  }
  return ok;
}

function checkSaleWrite(w: WriteCheck): Verdict {
  const { user, current, next } = w;
  const rule = checkSale(next as { sale_price: number; down_payment: number; sale_date: string; delivery_date: string | null });
  if (!rule.ok) return no('invalid_document', rule.message);
  if (!isManager(user)) {
    if (next.salesperson_id !== user.id) return no('forbidden', 'Salespeople record sales under their own name');
    if (current && current.salesperson_id !== user.id) return no('forbidden', 'This sale belongs to someone else');
    if (w.deleted) return no('forbidden', 'Cancel the sale instead of deleting it');
  }
  if (current && current.vehicle_id !== next.vehicle_id) return no('invalid_document', 'A sale cannot move to another vehicle');
  return ok;
}

function checkAppendOnly(w: WriteCheck): Verdict {
  const { user, current, next } = w;
  if (w.collection === 'lead_activities' && (!current || w.changed.includes('description'))) {
    const note = checkActivity(next as Parameters<typeof checkActivity>[0]);
    if (!note.ok) return no('invalid_document', `${note.field ?? 'description'}: ${note.message}`);
  }
  if (!isManager(user) && next.user_id !== user.id) return no('forbidden', 'You can only log your own activity');
  if (!current) return ok;
  const mutable = w.collection === 'lead_activities' ? new Set(['done', 'due_at', 'description', 'metadata']) : new Set<string>();
  if (w.deleted || w.changed.some((f) => !mutable.has(f))) return no('append_only', 'History entries cannot be rewritten');
  if (!isManager(user) && current.user_id !== user.id) return no('forbidden', 'This entry belongs to someone else');
  return ok;
}
