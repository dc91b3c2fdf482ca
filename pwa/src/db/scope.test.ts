import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { converged } from './testing/converge.ts';
import { openDevice, waitFor, type Device } from './testing/device.ts';
import { leadOf } from './testing/fixtures.ts';
import { currentSeq, rawPush, serverDocs, startSeededServer, type TestServer, tokenFor } from './testing/server.ts';

describe('scoped replication', () => {
  let server: TestServer;
  let ana: Device;
  let luis: Device;
  let gerente: Device;
  beforeAll(async () => {
    server = await startSeededServer();
    ana = await openDevice(server.url, 'ana@demo.example');
    luis = await openDevice(server.url, 'luis@demo.example');
    gerente = await openDevice(server.url, 'gerente@demo.example');
    await Promise.all([ana, luis, gerente].map((d) => d.sync.awaitInitialSync()));
  });
  afterAll(async () => {
    await Promise.all([ana, luis, gerente].map((d) => d?.close()));
    await server?.stop();
  });

  test('(5) a salesperson never receives another rep\'s leads, customers or sales', async () => {
    for (const rep of [ana, luis]) {
      const leads = (await rep.db.leads.find().exec()).map((l) => l.toJSON());
      const sales = (await rep.db.sales.find().exec()).map((s) => s.toJSON());
      const customers = (await rep.db.customers.find().exec()).map((c) => c.toJSON());
      expect(leads.length).toBeGreaterThan(0);
      expect(leads.filter((l) => l.assigned_to !== null && l.assigned_to !== rep.userId)).toEqual([]);
      expect(sales.filter((s) => s.salesperson_id !== rep.userId)).toEqual([]);
      const reachable = new Set([...leads.map((l) => l.customer_id), ...sales.map((s) => s.customer_id)]);
      expect(customers.filter((c) => c.created_by !== rep.userId && !reachable.has(c.id))).toEqual([]);
      const activities = await rep.db.lead_activities.find().exec();
      const leadIds = new Set(leads.map((l) => l.id));
      expect(activities.filter((a) => !leadIds.has(a.lead_id))).toEqual([]);
    }
    // ...while the whole inventory is everyone's.
    expect(await ana.db.vehicles.count().exec()).toBe(await gerente.db.vehicles.count().exec());
  });

  test('(5) a lead reassigned from ana to luis leaves ana\'s device and arrives on luis\'s with its activities and customer', async () => {
    const seq0 = await currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), ['leads', 'lead_activities', 'customers']);
    const anaLeads = (await ana.db.leads.find().exec()).map((l) => l.toJSON());
    const sharedCustomers = new Set(anaLeads.map((l) => l.customer_id).filter((c, i, all) => all.indexOf(c) !== i));
    const activityCount = async (leadId: string) => (await ana.db.lead_activities.find({ selector: { lead_id: leadId } }).exec()).length;
    const withActivities = new Set((await ana.db.lead_activities.find().exec()).map((a) => a.lead_id));
    const lead = await leadOf(ana, ana.userId, (l) => !sharedCustomers.has(l.customer_id) && withActivities.has(l.id));
    const customer = (await ana.db.customers.findOne(lead.customer_id).exec())!.toJSON();
    const activities = await activityCount(lead.primary);
    expect(activities).toBeGreaterThan(0);

    await (await gerente.db.leads.findOne(lead.primary).exec())!.incrementalPatch({ assigned_to: luis.userId });

    await waitFor(async () => (await luis.db.leads.findOne(lead.primary).exec()) !== null, 'the lead on luis\'s device');
    await waitFor(async () => (await ana.db.leads.findOne(lead.primary).exec()) === null, 'the lead gone from ana\'s device');
    await converged(server.url, [ana, luis, gerente], ['leads', 'lead_activities', 'customers'], seq0);
    expect((await luis.db.lead_activities.find({ selector: { lead_id: lead.primary } }).exec()).length).toBe(activities);
    expect(await luis.db.customers.findOne(lead.customer_id).exec()).not.toBeNull();
    expect(await activityCount(lead.primary)).toBe(0);
    const anaSales = await ana.db.sales.find({ selector: { customer_id: customer.id } }).exec();
    if (customer.created_by !== ana.userId && anaSales.length === 0) expect(await ana.db.customers.findOne(customer.id).exec()).toBeNull();
  });

  // Issue 9 changed this contract: a push refused as a whole (403) used to stay pending forever with
  // an error in the status ("Error de sincronización", 4 pending); it is now parked like any refusal.
  test('a viewer cannot push: 403; the write is parked once in the inbox with the reason, nothing pending, never retried', async () => {
    const visor = await openDevice(server.url, 'visor@demo.example');
    try {
      await visor.sync.awaitInitialSync();
      const [v] = await visor.db.vehicles.find({ sort: [{ id: 'asc' }], limit: 1 }).exec();
      const before = v!.lot_location;
      await v!.incrementalPatch({ lot_location: 'V-01' });
      const s = await visor.until((st) => st.conflicts === 1 && st.pending === 0, 'the refusal parked in the inbox');
      expect(s.error).toBeNull();
      const refusals = () => visor.net.count((e) => e.method === 'POST' && e.status === 403);
      expect(refusals()).toBe(1);
      const entries = (await visor.db.conflicts.find().exec()).map((c) => c.toJSON());
      expect(entries).toEqual([expect.objectContaining({ doc_id: v!.primary, reason: 'forbidden', fields: ['lot_location'], mine: expect.objectContaining({ lot_location: 'V-01' }) })]);
      expect((await visor.db.vehicles.findOne(v!.primary).exec())!.lot_location).toBe(before);
      for (let i = 0; i < 3; i++) await visor.sync.syncNow();
      expect(refusals()).toBe(1);
      const onServer = (await serverDocs(server.url, await tokenFor(server.url, 'gerente@demo.example'), 'vehicles')).get(v!.primary);
      expect(onServer?.lot_location).not.toBe('V-01');
    } finally {
      await visor.close();
    }
  });

  test('(7) replaying the same push batch changes nothing and reports no conflict', async () => {
    const token = await tokenFor(server.url, 'gerente@demo.example');
    const before = [...(await serverDocs(server.url, token, 'vehicles')).values()].toSorted((a, b) => a.id.localeCompare(b.id)).slice(0, 3);
    const rows = before.map((v) => ({ assumedMasterState: v, newDocumentState: { ...v, lot_location: `R-${v.id.slice(0, 4)}` } }));
    expect(await rawPush(server.url, token, 'vehicles', rows)).toEqual({ status: 200, body: [] });
    const once = await serverDocs(server.url, token, 'vehicles');
    expect(await rawPush(server.url, token, 'vehicles', rows)).toEqual({ status: 200, body: [] });
    const twice = await serverDocs(server.url, token, 'vehicles');
    for (const v of before) {
      expect(once.get(v.id)).toMatchObject({ lot_location: `R-${v.id.slice(0, 4)}`, version: Number(v.version) + 1 });
      expect(twice.get(v.id)).toEqual(once.get(v.id));
    }
  });
});
