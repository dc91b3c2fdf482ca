import { applyLeadStatusChange, type ActivityType, type Lead, type LeadStatus, type PublicUser } from '@lotbook/shared';
import type { RxDocument } from 'rxdb';
import type { DbModule } from '../../app/runtime.ts';
import type { LotbookDatabase } from '../../db/index.ts';

/** What the lead writes need: the local database and the id/placeholder factory (a DataRuntime fits). */
export interface LeadWriter {
  db: LotbookDatabase;
  dbApi: Pick<DbModule, 'newDocFields'>;
}

export interface WalkInInput {
  customerId: string | null;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  interest: string;
  budgetMax: number | null;
  notes: string;
}

/**
 * Saves a walk-in locally: the customer (unless an existing one was picked), the lead assigned to
 * the user in status `new`, and a `note` activity when notes were typed. Returns the lead id.
 */
export async function saveWalkIn(data: LeadWriter, user: PublicUser, input: WalkInInput): Promise<string> {
  const { db, dbApi } = data;
  let customerId = input.customerId;
  if (!customerId) {
    const c = await db.customers.insert({
      ...dbApi.newDocFields(user.dealership_id),
      first_name: input.firstName.trim(),
      last_name: input.lastName.trim(),
      email: input.email,
      phone: input.phone,
      address: null,
      national_id: null,
      is_active: true,
      created_by: user.id,
    });
    customerId = c.id;
  }
  const notes = [input.interest.trim(), input.notes.trim()].filter(Boolean).join('\n') || null;
  const lead = await db.leads.insert({
    ...dbApi.newDocFields(user.dealership_id),
    customer_id: customerId,
    assigned_to: user.id,
    source: 'walk_in',
    status: 'new',
    priority: 'medium',
    budget_min: null,
    budget_max: input.budgetMax,
    preferences: { body_types: [], makes: [], fuel_types: [], vehicle_id: null },
    notes,
    score: 0,
    score_factors: [],
    last_contact_at: null,
    first_response_at: null,
  });
  if (input.notes.trim()) await logActivity(data, user, lead.id, 'note', input.notes.trim(), null);
  return lead.id;
}

/** Appends an activity (UUIDv7 id from newDocFields, so activities never conflict). */
export async function logActivity(
  data: LeadWriter, user: PublicUser, leadId: string, type: ActivityType, description: string, dueAt: string | null,
): Promise<void> {
  await data.db.lead_activities.insert({
    ...data.dbApi.newDocFields(user.dealership_id),
    lead_id: leadId,
    user_id: user.id,
    activity_type: type,
    description,
    activity_date: new Date().toISOString(),
    due_at: dueAt,
    done: false,
    metadata: {},
  });
}

/**
 * Moves the lead through the shared rule (on this document's version); returns the rule's English
 * message when the move is illegal (screens show kanban.ts refusalMessage instead).
 */
export async function changeLeadStatus(doc: RxDocument<Lead>, to: LeadStatus): Promise<string | null> {
  const r = applyLeadStatusChange(doc, to, new Date().toISOString());
  if (!r.ok) return r.message;
  if (to === doc.status) return null; // nothing to write (and nothing to push)
  await doc.incrementalPatch(r.value);
  return null;
}

/** A contact: moves a `new` lead to `contacted`, otherwise just stamps last_contact_at. */
export async function markContacted(doc: RxDocument<Lead>): Promise<void> {
  const now = new Date().toISOString();
  if (doc.status === 'new') {
    const r = applyLeadStatusChange(doc, 'contacted', now);
    if (r.ok) await doc.incrementalPatch(r.value);
    return;
  }
  await doc.incrementalPatch({ last_contact_at: now, first_response_at: doc.first_response_at ?? now });
}
