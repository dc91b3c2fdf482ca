import { checkLead, type Lead, type PublicUser } from '@lotbook/shared';
import type { RxDocument } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as dbApi from '../../db/index.ts';
import { changeLeadStatus, logActivity, markContacted, saveWalkIn, type LeadWriter, type WalkInInput } from './save-lead.ts';

/**
 * The lead writes on a real local RxDB (in memory, dev-mode schema validation on), as
 * read-model.test.ts does: they only touch the device's database, so no server is needed.
 * Only Date is faked, so timestamps are exact and RxDB's own timers still run.
 */
const DEALER = '0190f1a2-0000-7000-8000-000000000001';
const NOW = '2026-06-01T10:00:00.000Z';
const LATER = '2026-06-01T12:30:00.000Z';
const ana: PublicUser = {
  id: '0190f1a2-0000-7000-8000-0000000000a1', email: 'ana@demo.example', role: 'sales',
  first_name: 'Ana', last_name: 'Ruiz', dealership_id: DEALER,
};

let db: dbApi.LotbookDatabase | null = null;
let data: LeadWriter;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(NOW));
  db = await dbApi.createLotbookDatabase({
    name: `leads${Math.random().toString(36).slice(2)}`, storage: getRxStorageMemory(), multiInstance: false, devMode: true,
  });
  data = { db, dbApi };
});
afterEach(async () => {
  await db?.remove();
  db = null;
  vi.useRealTimers();
});

const walkIn = (patch: Partial<WalkInInput> = {}): WalkInInput => ({
  customerId: null, firstName: '  Íñigo ', lastName: ' López ', phone: '+34612345678', email: null,
  interest: ' SUV híbrido ', budgetMax: 25_000, notes: ' Vuelve el sábado ', ...patch,
});
const leadDoc = async (id: string) => (await db!.leads.findOne(id).exec()) as RxDocument<Lead>;
const activities = async (leadId: string) => (await db!.lead_activities.find({ selector: { lead_id: leadId } }).exec()).map((d) => d.toJSON());

describe('saveWalkIn', () => {
  it('saves a new customer, a `new` walk-in lead assigned to the user, and the notes as an activity', async () => {
    const id = await saveWalkIn(data, ana, walkIn());
    const lead = (await leadDoc(id)).toJSON();
    expect(lead).toMatchObject({
      dealership_id: DEALER, assigned_to: ana.id, source: 'walk_in', status: 'new', priority: 'medium',
      budget_min: null, budget_max: 25_000, notes: 'SUV híbrido\nVuelve el sábado', last_contact_at: null, first_response_at: null,
    });
    expect(checkLead(lead)).toEqual({ ok: true });
    const customer = (await db!.customers.findOne(lead.customer_id).exec())!.toJSON();
    expect(customer).toMatchObject({ first_name: 'Íñigo', last_name: 'López', phone: '+34612345678', email: null, created_by: ana.id, is_active: true });
    expect(await activities(id)).toEqual([
      expect.objectContaining({ user_id: ana.id, activity_type: 'note', description: 'Vuelve el sábado', activity_date: NOW, due_at: null, done: false }),
    ]);
  });

  it('reuses a picked customer, and writes no activity (and null notes) when nothing was typed', async () => {
    const existing = await saveWalkIn(data, ana, walkIn());
    const customerId = (await leadDoc(existing)).customer_id;
    const customersBefore = await db!.customers.count().exec();

    const id = await saveWalkIn(data, ana, walkIn({ customerId, firstName: '', lastName: '', interest: '  ', notes: '', budgetMax: null }));
    expect(await db!.customers.count().exec()).toBe(customersBefore);
    expect((await leadDoc(id)).toJSON()).toMatchObject({ customer_id: customerId, notes: null, budget_max: null, status: 'new' });
    expect(await activities(id)).toEqual([]);
  });
});

describe('changeLeadStatus', () => {
  it('a legal move patches the local lead and stamps the contact times', async () => {
    const doc = await leadDoc(await saveWalkIn(data, ana, walkIn()));
    vi.setSystemTime(new Date(LATER));
    expect(await changeLeadStatus(doc, 'contacted')).toBeNull();
    const after = (await leadDoc(doc.id)).toJSON();
    expect(after).toMatchObject({ status: 'contacted', last_contact_at: LATER, first_response_at: LATER });
    expect(checkLead(after)).toEqual({ ok: true });
  });

  it('keeps the first response time on later moves', async () => {
    const doc = await leadDoc(await saveWalkIn(data, ana, walkIn()));
    await changeLeadStatus(doc, 'contacted');
    vi.setSystemTime(new Date(LATER));
    expect(await changeLeadStatus(await leadDoc(doc.id), 'qualified')).toBeNull();
    expect((await leadDoc(doc.id)).toJSON()).toMatchObject({ status: 'qualified', last_contact_at: LATER, first_response_at: NOW });
  });

  it('an illegal move is refused with the rule\'s reason and changes nothing', async () => {
    const doc = await leadDoc(await saveWalkIn(data, ana, walkIn()));
    const before = doc.toJSON();
    const failed = await changeLeadStatus(doc, 'negotiating');
    expect(failed).toMatch(/cannot move from "new" to "negotiating".*contacted, closed_lost/);
    expect((await leadDoc(doc.id)).toJSON()).toEqual(before);
    expect(await changeLeadStatus(doc, 'closed_won')).not.toBeNull();
  });

  it('closed_won is reachable only from negotiating, and is final', async () => {
    const id = await saveWalkIn(data, ana, walkIn());
    for (const to of ['contacted', 'qualified', 'negotiating', 'closed_won'] as const) {
      expect(await changeLeadStatus(await leadDoc(id), to), to).toBeNull();
    }
    expect(await changeLeadStatus(await leadDoc(id), 'closed_lost')).toMatch(/final/);
    expect((await leadDoc(id)).status).toBe('closed_won');
  });

  it('staying in the same status writes nothing', async () => {
    const doc = await leadDoc(await saveWalkIn(data, ana, walkIn()));
    const rev = doc.revision;
    expect(await changeLeadStatus(doc, 'new')).toBeNull();
    expect((await leadDoc(doc.id)).revision).toBe(rev);
    expect((await leadDoc(doc.id)).toJSON()).toMatchObject({ status: 'new', last_contact_at: null });
  });
});

describe('markContacted', () => {
  it('moves a new lead to contacted', async () => {
    const doc = await leadDoc(await saveWalkIn(data, ana, walkIn()));
    vi.setSystemTime(new Date(LATER));
    await markContacted(doc);
    expect((await leadDoc(doc.id)).toJSON()).toMatchObject({ status: 'contacted', last_contact_at: LATER, first_response_at: LATER });
  });

  it('on a lead past new, only stamps the last contact and keeps the first response', async () => {
    const id = await saveWalkIn(data, ana, walkIn());
    await changeLeadStatus(await leadDoc(id), 'contacted');
    await changeLeadStatus(await leadDoc(id), 'qualified');
    vi.setSystemTime(new Date(LATER));
    await markContacted(await leadDoc(id));
    expect((await leadDoc(id)).toJSON()).toMatchObject({ status: 'qualified', last_contact_at: LATER, first_response_at: NOW });
  });

  it('a closed lead is not reopened by a contact', async () => {
    const id = await saveWalkIn(data, ana, walkIn());
    await changeLeadStatus(await leadDoc(id), 'closed_lost');
    vi.setSystemTime(new Date(LATER));
    await markContacted(await leadDoc(id));
    expect((await leadDoc(id)).toJSON()).toMatchObject({ status: 'closed_lost', last_contact_at: LATER });
  });
});

describe('logActivity', () => {
  it('appends an activity by the user, with its own UUIDv7 id, type, text and due date', async () => {
    const id = await saveWalkIn(data, ana, walkIn({ notes: '' }));
    const due = '2026-06-03T09:00:00.000Z';
    await logActivity(data, ana, id, 'task', 'Llamar para la financiación', due);
    vi.setSystemTime(new Date(LATER));
    await logActivity(data, ana, id, 'call', 'Llamada', null);
    const list = (await activities(id)).toSorted((a, b) => a.id.localeCompare(b.id));
    expect(list).toEqual([
      expect.objectContaining({ dealership_id: DEALER, lead_id: id, user_id: ana.id, activity_type: 'task', description: 'Llamar para la financiación', activity_date: NOW, due_at: due, done: false, metadata: {} }),
      expect.objectContaining({ activity_type: 'call', description: 'Llamada', activity_date: LATER, due_at: null }),
    ]);
    expect(list.every((a) => /^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(a.id))).toBe(true);
    // The lead itself is not touched by logging.
    expect((await leadDoc(id)).toJSON()).toMatchObject({ status: 'new', last_contact_at: null });
  });
});
