import {
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

export type Doc = Record<string, unknown>;

export interface WriteCheck {
  collection: PushableCollection;
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
  if (!isManager(user) && to === 'reserved' && from !== 'reserved' && next.reserved_by !== user.id) {
    return no('forbidden', 'Salespeople can only reserve vehicles for themselves');
  }
  if (!isManager(user) && from === 'reserved' && to === 'available' && current.reserved_by !== user.id) {
    return no('forbidden', 'Only the salesperson holding the reservation or a manager can release it');
  }
  return ok;
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
  if (!isManager(user) && next.user_id !== user.id) return no('forbidden', 'You can only log your own activity');
  if (!current) return ok;
  const mutable = w.collection === 'lead_activities' ? new Set(['done', 'due_at', 'description', 'metadata']) : new Set<string>();
  if (w.deleted || w.changed.some((f) => !mutable.has(f))) return no('append_only', 'History entries cannot be rewritten');
  if (!isManager(user) && current.user_id !== user.id) return no('forbidden', 'This entry belongs to someone else');
  return ok;
}
