import { escalateDueLeads, recordRouting } from '@lotbook/sync-server/routing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { promoteVehicle } from '../features/aging/promote.ts';
import { newDocFields } from './doc-fields.ts';
import { converged } from './testing/converge.ts';
import { openDevice, type Device } from './testing/device.ts';
import { availableVehicles } from './testing/fixtures.ts';
import { currentSeq, startSeededServer, type TestServer, tokenFor } from './testing/server.ts';

/** Issue 14 on real devices: offline claims of a pooled lead, escalation's tombstone, one-tap promotion. */
describe('lead routing on devices', () => {
  let server: TestServer;
  let ana: Device;
  let luis: Device;
  let marta: Device;
  let gerente: Device;
  const since = async () => currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), ['leads', 'lead_activities', 'customers', 'vehicles']);
  beforeAll(async () => {
    server = await startSeededServer();
    // One at a time: each device loads its own copy of RxDB (realm.ts).
    ana = await openDevice(server.url, 'ana@demo.example');
    luis = await openDevice(server.url, 'luis@demo.example');
    marta = await openDevice(server.url, 'marta@demo.example');
    gerente = await openDevice(server.url, 'gerente@demo.example');
    await Promise.all([ana, luis, marta, gerente].map((d) => d!.sync.awaitInitialSync()));
  });
  afterAll(async () => {
    await Promise.all([ana, luis, marta, gerente].map((d) => d?.close()));
    await server?.stop();
  });

  test('two reps claim the same pooled lead offline: one gets it, the other sees who in the conflict inbox', async () => {
    const seq0 = await since();
    const pooled = (await ana.db.leads.find({ selector: { assigned_to: null, status: 'new' } }).exec()).toSorted((a, b) => a.primary.localeCompare(b.primary));
    const id = pooled[0]!.primary;
    expect(await luis.db.leads.findOne(id).exec()).not.toBeNull();
    ana.net.offline = true;
    luis.net.offline = true;
    await (await ana.db.leads.findOne(id).exec())!.incrementalPatch({ assigned_to: ana.userId });
    await (await luis.db.leads.findOne(id).exec())!.incrementalPatch({ assigned_to: luis.userId });
    ana.net.offline = false;
    await ana.until((s) => s.online && s.pending === 0, 'claim pushed');
    luis.net.offline = false;
    await converged(server.url, [ana, luis, gerente], ['leads'], seq0);

    expect((await ana.db.leads.findOne(id).exec())?.assigned_to).toBe(ana.userId);
    expect((await gerente.db.leads.findOne(id).exec())?.assigned_to).toBe(ana.userId);
    expect(await luis.db.leads.findOne(id).exec()).toBeNull(); // gone from Luis's phone
    const inbox = (await luis.db.conflicts.find({ selector: { doc_id: id } }).exec()).map((c) => c.toJSON());
    expect(inbox).toEqual([expect.objectContaining({ collection_name: 'leads', reason: 'lead_already_claimed', status: 'open', mine: expect.objectContaining({ assigned_to: luis.userId }) })]);
    expect(inbox[0]!.message).toBe('Claimed by Ana García López while you were offline');
    expect(await ana.db.conflicts.find().exec()).toHaveLength(0);
    // Ana calls her new lead: the first human contact, so it will not escalate.
    await ana.db.lead_activities.insert({ ...newDocFields(ana.dealershipId), lead_id: id, user_id: ana.userId, activity_type: 'call', description: 'Llamada', activity_date: new Date().toISOString(), due_at: null, done: false, metadata: {} });
    await converged(server.url, [ana, gerente], ['leads', 'lead_activities'], seq0);
    expect((await gerente.db.leads.findOne(id).exec())?.first_response_at).not.toBeNull();
  });

  test('an escalated lead leaves the old owner\'s phone and reaches the new owner\'s with its activities and customer', async () => {
    const seq0 = await since();
    const customer = (await ana.db.customers.find().exec()).toSorted((a, b) => a.primary.localeCompare(b.primary))[0]!;
    const lead = { ...newDocFields(ana.dealershipId), customer_id: customer.primary, assigned_to: ana.userId, source: 'website' as const, status: 'new' as const, priority: 'medium' as const,
      budget_min: null, budget_max: null, preferences: { body_types: [], makes: [], fuel_types: [], vehicle_id: null }, notes: null, score: 0, score_factors: [], last_contact_at: null, first_response_at: null };
    await ana.db.leads.insert(lead);
    await ana.db.lead_activities.insert({ ...newDocFields(ana.dealershipId), lead_id: lead.id, user_id: ana.userId, activity_type: 'note', description: 'Pide SUV híbrido', activity_date: new Date().toISOString(), due_at: null, done: false, metadata: {} });
    await converged(server.url, [ana, gerente], ['leads', 'lead_activities'], seq0);
    // Routed to Ana on Monday 7 December at 09:00 in Madrid; by Wednesday 11:00 nobody has called.
    await recordRouting(server.database.db, { dealershipId: ana.dealershipId, leadId: lead.id, kind: 'assigned', from: null, to: ana.userId, explanation: {}, at: new Date('2026-12-07T08:00:00Z') });
    expect(await escalateDueLeads(server.database.db, ana.dealershipId, new Date('2026-12-09T10:00:00Z'))).toBe(1);
    await converged(server.url, [ana, luis, marta, gerente], ['leads', 'lead_activities', 'customers'], seq0);

    const owner = (await gerente.db.leads.findOne(lead.id).exec())!.assigned_to;
    expect([luis.userId, marta.userId]).toContain(owner);
    const heir = owner === luis.userId ? luis : marta;
    expect(await ana.db.leads.findOne(lead.id).exec()).toBeNull();
    expect(await ana.db.lead_activities.find({ selector: { lead_id: lead.id } }).exec()).toHaveLength(0);
    expect((await heir.db.leads.findOne(lead.id).exec())?.assigned_to).toBe(owner);
    expect((await heir.db.lead_activities.find({ selector: { lead_id: lead.id } }).exec()).map((a) => a.description)).toEqual(['Pide SUV híbrido']);
    expect(await heir.db.customers.findOne(customer.primary).exec()).not.toBeNull();
    const notices = await heir.db.notifications.find({ selector: { entity_id: lead.id } }).exec();
    expect(notices.map((n) => n.type)).toContain('lead_assigned');
    expect((await ana.db.notifications.find({ selector: { entity_id: lead.id } }).exec()).map((n) => n.type)).toEqual(['lead_unanswered']);
  });

  test('a promotion from the aged-stock screen reaches a second device', async () => {
    const seq0 = await since();
    const [car] = await availableVehicles(gerente, 1);
    const price = Math.floor(car!.price * 0.92);
    expect(await promoteVehicle(gerente.db.vehicles, car!.primary, price)).toBeNull();
    await converged(server.url, [gerente, ana], ['vehicles'], seq0);
    expect((await ana.db.vehicles.findOne(car!.primary).exec())!.toJSON()).toMatchObject({ is_promotion: true, promo_price: price });
    expect(await promoteVehicle(gerente.db.vehicles, car!.primary, car!.price * 2)).not.toBeNull(); // a promo above list is refused locally
  });
});
