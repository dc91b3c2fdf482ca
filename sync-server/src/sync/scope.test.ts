import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { edit, RawSyncClient } from '../test/sync-client.ts';
import { randomUUID } from 'node:crypto';

let server: TestServer;
let fx: Fixture;
let other: Fixture;
let manager: RawSyncClient;
let ana: RawSyncClient;
let luis: RawSyncClient;
let otherManager: RawSyncClient;

beforeAll(async () => {
  server = await startTestServer();
  fx = await createFixture(server.ctx.db);
  other = await createFixture(server.ctx.db, 'Otro Concesionario');
  const s = server.ctx.jwtSecret;
  manager = new RawSyncClient(server.url, await tokenFor(fx.users.manager, s));
  ana = new RawSyncClient(server.url, await tokenFor(fx.users.ana, s));
  luis = new RawSyncClient(server.url, await tokenFor(fx.users.luis, s));
  otherManager = new RawSyncClient(server.url, await tokenFor(other.users.manager, s));
});
afterAll(() => server?.stop());

const ids = (m: Map<string, Record<string, unknown>>) => [...m.values()].filter((d) => !d._deleted).map((d) => d.id).sort();

describe('scoped replication (invariant 7)', () => {
  it('a salesperson pulls all inventory but only their own and unassigned leads, with those customers', async () => {
    expect(ids((await ana.pullAll('vehicles')).docs)).toEqual([...fx.vehicleIds].sort());
    expect(ids((await ana.pullAll('leads')).docs)).toEqual([fx.leadIds.ana, fx.leadIds.unassigned].sort());
    expect(ids((await ana.pullAll('customers')).docs)).toEqual([fx.customerIds[0], fx.customerIds[2]].sort());
    expect(ids((await manager.pullAll('leads')).docs)).toHaveLength(3);
  });

  it('never returns another dealership’s rows, not even as tombstones', async () => {
    for (const c of ['vehicles', 'customers', 'leads', 'team'] as const) {
      const mine = (await otherManager.pullAll(c)).docs;
      for (const d of mine.values()) expect(d.dealership_id).toBe(other.dealershipId);
    }
    expect((await otherManager.pullAll('vehicles')).docs.has(fx.vehicleIds[0]!)).toBe(false);
    // And a push cannot reach into another dealership.
    const theirs = (await manager.get('vehicles', fx.vehicleIds[2]!))!;
    const res = await otherManager.push('vehicles', [edit(theirs, { price: 1 })]);
    expect(res[0]!._rejection).toMatchObject({ reason: 'forbidden' });
    expect((await manager.get('vehicles', fx.vehicleIds[2]!))!.price).toBe(theirs.price);
  });

  it('a lead reassigned from ana to luis becomes a tombstone for ana and arrives at luis with its activities and customer', async () => {
    const anaState = await ana.pullAll('leads');
    const anaCustomers = await ana.pullAll('customers');
    const anaActs = await ana.pullAll('lead_activities');
    const luisState = await luis.pullAll('leads');
    const luisCustomers = await luis.pullAll('customers');
    const luisActs = await luis.pullAll('lead_activities');
    const actId = randomUUID();
    const t = new Date().toISOString();
    await ana.push('lead_activities', [{ assumedMasterState: null, newDocumentState: { id: actId, dealership_id: fx.dealershipId, created_at: t, updated_at: t, version: 0, seq: 0, _deleted: false, lead_id: fx.leadIds.ana, user_id: fx.users.ana.id, activity_type: 'test_drive', description: 'Prueba RAV4', activity_date: t, due_at: null, done: false, metadata: {} } }]);
    await ana.pullAll('lead_activities', anaActs.seq, anaActs.docs).then((r) => (anaActs.seq = r.seq));
    expect(anaActs.docs.has(actId)).toBe(true);

    const lead = (await manager.get('leads', fx.leadIds.ana))!;
    expect(await manager.push('leads', [edit(lead, { assigned_to: fx.users.luis.id })])).toEqual([]);

    const anaLeads = await ana.pullAll('leads', anaState.seq, anaState.docs);
    expect(anaLeads.docs.get(fx.leadIds.ana)?._deleted).toBe(true);
    expect((await ana.pullAll('customers', anaCustomers.seq, anaCustomers.docs)).docs.get(fx.customerIds[0]!)?._deleted).toBe(true);
    expect((await ana.pullAll('lead_activities', anaActs.seq, anaActs.docs)).docs.get(actId)?._deleted).toBe(true);
    // The tombstone says nothing about the lead it hides.
    expect(anaLeads.docs.get(fx.leadIds.ana)).not.toHaveProperty('notes');

    expect((await luis.pullAll('leads', luisState.seq, luisState.docs)).docs.get(fx.leadIds.ana)).toMatchObject({ assigned_to: fx.users.luis.id, _deleted: false });
    expect((await luis.pullAll('customers', luisCustomers.seq, luisCustomers.docs)).docs.get(fx.customerIds[0]!)).toMatchObject({ _deleted: false });
    expect((await luis.pullAll('lead_activities', luisActs.seq, luisActs.docs)).docs.get(actId)).toMatchObject({ description: 'Prueba RAV4', _deleted: false });
  });

  it('a refused write to a lead that left the caller\'s scope comes back as a tombstone, never the lead', async () => {
    const lead = (await manager.get('leads', fx.leadIds.luis))!;
    // ana still holds an old copy (say, from when it was unassigned) and edits it offline.
    const res = await ana.push('leads', [{ assumedMasterState: lead, newDocumentState: { ...lead, notes: 'mine now' } }]);
    expect(res).toHaveLength(1);
    expect(res[0]).toMatchObject({ id: fx.leadIds.luis, _deleted: true, _rejection: { reason: 'forbidden' } });
    expect(res[0]).not.toHaveProperty('notes');
    expect(res[0]).not.toHaveProperty('customer_id');
    const log = (await (await fetch(`${server.url}/sync/v1/rejections`, { headers: { authorization: `Bearer ${ana.token}` } })).json()) as { results: { doc_id: string; server_document: unknown }[] };
    expect(log.results.find((r) => r.doc_id === fx.leadIds.luis)?.server_document).toBeNull();
  });

  it('a fresh device of another rep gets no tombstones for rows it never had', async () => {
    const fresh = await luis.pullAll('leads');
    expect([...fresh.docs.values()].filter((d) => d._deleted)).toEqual([]);
  });

  it('a viewer cannot push', async () => {
    const viewer = new RawSyncClient(server.url, await tokenFor(fx.users.viewer, server.ctx.jwtSecret));
    const lead = (await viewer.get('leads', fx.leadIds.unassigned))!;
    const res = await viewer.pushRaw('leads', [edit(lead, { notes: 'nope' })]);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'forbidden' });
  });
});
