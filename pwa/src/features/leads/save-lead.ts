import { applyLeadStatusChange, checkActivity, documentErrors, NOTE_MAX_LENGTH, type ActivityType, type FieldError, type Lead, type LeadStatus, type PublicUser } from '@lotbook/shared';
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

/** A walk-in form field with what is wrong in it (a shared-rule error, see documentErrors). */
export type WalkInField = 'first' | 'last' | 'phone' | 'email' | 'budget' | 'notes' | 'interest';
export type WalkInErrors = Partial<Record<WalkInField, FieldError>>;

/** Thrown by saveWalkIn when a document would be refused: nothing was written. */
export class WalkInInvalid extends Error {
  constructor(readonly errors: WalkInErrors) {
    super('The walk-in has invalid fields');
    this.name = 'WalkInInvalid';
  }
}

const CUSTOMER_FIELD: Record<string, WalkInField> = { first_name: 'first', last_name: 'last', phone: 'phone', email: 'email' };
const LEAD_FIELD: Record<string, WalkInField> = { budget_max: 'budget', budget_min: 'budget', notes: 'notes' };

function walkInDocs(data: LeadWriter, user: PublicUser, input: WalkInInput) {
  const { dbApi } = data;
  const customer = input.customerId
    ? null
    : {
        ...dbApi.newDocFields(user.dealership_id),
        first_name: input.firstName.trim(),
        last_name: input.lastName.trim(),
        email: input.email,
        phone: input.phone,
        address: null,
        national_id: null,
        is_active: true,
        created_by: user.id,
      };
  const notes = [input.interest.trim(), input.notes.trim()].filter(Boolean).join('\n') || null;
  const lead = {
    ...dbApi.newDocFields(user.dealership_id),
    customer_id: input.customerId ?? customer?.id ?? '',
    assigned_to: user.id,
    source: 'walk_in' as const,
    status: 'new' as const,
    priority: 'medium' as const,
    budget_min: null,
    budget_max: input.budgetMax,
    preferences: { body_types: [], makes: [], fuel_types: [], vehicle_id: null },
    notes,
    score: 0,
    score_factors: [],
    last_contact_at: null,
    first_response_at: null,
  };
  return { customer, lead };
}

/**
 * The walk-in checked with the server's own rules (shared documentErrors) for the customer, the
 * lead and the note together, as errors per form field: all at once, before anything is saved,
 * so a customer and the lead that needs it are saved together or not at all.
 */
export function checkWalkIn(data: LeadWriter, user: PublicUser, input: WalkInInput): WalkInErrors {
  const { customer, lead } = walkInDocs(data, user, input);
  const errors: WalkInErrors = {};
  const put = (field: WalkInField | undefined, e: FieldError) => {
    if (field) errors[field] ??= e;
  };
  if (customer) for (const e of documentErrors('customers', customer)) put(CUSTOMER_FIELD[e.field] ?? 'first', e);
  for (const e of documentErrors('leads', lead)) put(LEAD_FIELD[e.field] ?? (e.field === 'customer_id' ? undefined : 'notes'), e);
  const note = input.notes.trim();
  if (note) {
    const activity = { lead_id: lead.id, user_id: user.id, activity_type: 'note', description: note, activity_date: new Date().toISOString(), due_at: null, done: false, metadata: {} };
    for (const e of documentErrors('lead_activities', activity)) put('notes', { ...e, params: { ...e.params, max: NOTE_MAX_LENGTH } });
  }
  return errors;
}

/**
 * Saves a walk-in locally: the customer (unless an existing one was picked), the lead assigned to
 * the user in status `new`, and a `note` activity when notes were typed. Returns the lead id.
 * Throws WalkInInvalid, writing nothing, when the server would refuse any of them.
 */
export async function saveWalkIn(data: LeadWriter, user: PublicUser, input: WalkInInput): Promise<string> {
  const errors = checkWalkIn(data, user, input);
  if (Object.keys(errors).length > 0) throw new WalkInInvalid(errors);
  const { db } = data;
  const { customer, lead } = walkInDocs(data, user, input);
  if (customer) await db.customers.insert(customer);
  const saved = await db.leads.insert({ ...lead, customer_id: input.customerId ?? customer?.id ?? lead.customer_id });
  if (input.notes.trim()) await logActivity(data, user, saved.id, 'note', input.notes.trim(), null);
  return saved.id;
}

/** Appends an activity (UUIDv7 id from newDocFields, so activities never conflict). */
export async function logActivity(
  data: LeadWriter, user: PublicUser, leadId: string, type: ActivityType, description: string, dueAt: string | null,
): Promise<void> {
  // The shared rule (documentErrors runs it too): a note fits on a phone (NOTE_MAX_LENGTH).
  const rule = checkActivity({ description });
  if (!rule.ok) throw new Error(rule.message);
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
