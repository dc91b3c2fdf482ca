import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { edit, RawSyncClient } from '../test/sync-client.ts';

let server: TestServer;
let fx: Fixture;
let manager: RawSyncClient;
let ana: RawSyncClient;
let luis: RawSyncClient;

beforeAll(async () => {
  server = await startTestServer();
  fx = await createFixture(server.ctx.db);
  const secret = server.ctx.jwtSecret;
  manager = new RawSyncClient(server.url, await tokenFor(fx.users.manager, secret), 'dev-manager');
  ana = new RawSyncClient(server.url, await tokenFor(fx.users.ana, secret), 'dev-ana');
  luis = new RawSyncClient(server.url, await tokenFor(fx.users.luis, secret), 'dev-luis');
});
afterAll(() => server?.stop());

const now = () => new Date().toISOString();

describe('server-owned fields (invariant 2)', () => {
  it('ignores seq, version, updated_at, created_at and dealership_id sent by a client', async () => {
    const lead = (await ana.get('leads', fx.leadIds.ana))!;
    const forged = { ...lead, notes: 'forged', seq: 999_999_999, version: 77, updated_at: '2001-01-01T00:00:00.000Z', created_at: '2001-01-01T00:00:00.000Z', dealership_id: randomUUID() };
    expect(await ana.push('leads', [{ assumedMasterState: lead, newDocumentState: forged }])).toEqual([]);
    const after = (await ana.get('leads', fx.leadIds.ana))!;
    expect(after.notes).toBe('forged');
    expect(after.version).toBe(Number(lead.version) + 1);
    expect(after.seq).not.toBe(999_999_999);
    expect(after.seq).toBeGreaterThan(Number(lead.seq));
    expect(after.dealership_id).toBe(fx.dealershipId);
    expect(after.created_at).toBe(lead.created_at);
    expect(after.updated_at).not.toBe('2001-01-01T00:00:00.000Z');
  });
});

describe('idempotent push (invariant 3)', () => {
  it('replaying the same batch changes nothing and reports no conflict', async () => {
    const customer = (await ana.get('customers', fx.customerIds[0]!))!;
    const activityId = randomUUID();
    const activity = {
      id: activityId, dealership_id: fx.dealershipId, created_at: now(), updated_at: now(), version: 0, seq: 0, _deleted: false,
      lead_id: fx.leadIds.ana, user_id: fx.users.ana.id, activity_type: 'call', description: 'Llamada', activity_date: now(), due_at: null, done: false, metadata: {},
    };
    const batchCustomers = [edit(customer, { phone: '+34600111222' })];
    expect(await ana.push('customers', batchCustomers)).toEqual([]);
    expect(await ana.push('lead_activities', [{ assumedMasterState: null, newDocumentState: activity }])).toEqual([]);
    const before = await ana.pullAll('customers');
    const beforeAct = await ana.pullAll('lead_activities');
    expect(await ana.push('customers', batchCustomers)).toEqual([]);
    expect(await ana.push('lead_activities', [{ assumedMasterState: null, newDocumentState: activity }])).toEqual([]);
    const after = await ana.pullAll('customers');
    expect(after.seq).toBe(before.seq);
    expect(after.docs.get(customer.id)).toEqual(before.docs.get(customer.id));
    expect((await ana.pullAll('lead_activities')).seq).toBe(beforeAct.seq);
  });
});

describe('explicit conflicts (invariant 4)', () => {
  it('returns the server state with a reason when the assumed state is stale', async () => {
    const base = (await manager.get('customers', fx.customerIds[1]!))!;
    expect(await manager.push('customers', [edit(base, { address: 'Calle Mayor 1' })])).toEqual([]);
    const conflicts = await manager.push('customers', [edit(base, { address: 'Calle Menor 2' })]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.address).toBe('Calle Mayor 1');
    expect(conflicts[0]!._rejection).toMatchObject({ reason: 'stale_version' });
  });
});

describe('domain rules on the server (invariant 5) and the rejected-writes log (invariant 6)', () => {
  it('refuses a second reservation with vehicle_already_reserved and keeps the loser', async () => {
    const vid = fx.vehicleIds[0]!;
    const base = (await ana.get('vehicles', vid))!;
    const until = new Date(Date.now() + 86_400_000).toISOString();
    expect(await ana.push('vehicles', [edit(base, { status: 'reserved', reserved_by: fx.users.ana.id, reserved_until: until })])).toEqual([]);
    const conflicts = await luis.push('vehicles', [edit(base, { status: 'reserved', reserved_by: fx.users.luis.id, reserved_until: until })]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ id: vid, status: 'reserved', reserved_by: fx.users.ana.id });
    expect(conflicts[0]!._rejection).toMatchObject({ reason: 'vehicle_already_reserved' });
    expect(String((conflicts[0]!._rejection as { message: string }).message)).toContain('Ana');
    const log = (await (await fetch(`${server.url}/sync/v1/rejections`, { headers: { authorization: `Bearer ${luis.token}` } })).json()) as { results: { doc_id: string; reason: string; document: { reserved_by: string } }[] };
    expect(log.results.find((r) => r.doc_id === vid)).toMatchObject({ reason: 'vehicle_already_reserved', document: { reserved_by: fx.users.luis.id } });
    // Even with a fresh assumed state, reserving someone else's car is refused.
    const fresh = (await luis.get('vehicles', vid))!;
    const again = await luis.push('vehicles', [edit(fresh, { reserved_by: fx.users.luis.id })]);
    expect(again[0]!._rejection).toMatchObject({ reason: 'vehicle_already_reserved' });
  });

  it('refuses a sale of a car that is already sold, with a reason, and logs it', async () => {
    const vid = fx.vehicleIds[1]!;
    const sale = (id: string, by: string) => ({
      id, dealership_id: fx.dealershipId, created_at: now(), updated_at: now(), version: 0, seq: 0, _deleted: false,
      // The unassigned lead's customer: in both reps' scope (a rep may only sell to a customer they can see).
      customer_id: fx.customerIds[2]!, vehicle_id: vid, salesperson_id: by, sale_price: 24000, down_payment: 2000,
      financing_type: 'cash', status: 'completed', sale_date: now(), delivery_date: null, notes: null,
    });
    expect(await ana.push('sales', [{ assumedMasterState: null, newDocumentState: sale(randomUUID(), fx.users.ana.id) }])).toEqual([]);
    expect((await ana.get('vehicles', vid))!.status).toBe('sold');
    const lateId = randomUUID();
    const conflicts = await luis.push('sales', [{ assumedMasterState: null, newDocumentState: sale(lateId, fx.users.luis.id) }]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ id: lateId, _deleted: true, _rejection: { reason: 'vehicle_already_sold' } });
    expect((await manager.pullAll('sales')).docs.has(lateId)).toBe(false);
    const log = (await (await fetch(`${server.url}/sync/v1/rejections`, { headers: { authorization: `Bearer ${luis.token}` } })).json()) as { results: { doc_id: string; document: unknown }[] };
    expect(log.results.find((r) => r.doc_id === lateId)?.document).toMatchObject({ sale_price: 24000 });
  });

  it('refuses an illegal lead transition', async () => {
    const lead = (await luis.get('leads', fx.leadIds.luis))!;
    const conflicts = await luis.push('leads', [edit(lead, { status: 'closed_won', last_contact_at: now() })]);
    expect(conflicts[0]!._rejection).toMatchObject({ reason: 'illegal_transition' });
    expect((await luis.get('leads', fx.leadIds.luis))!.status).toBe('new');
  });

  it('refuses invalid documents and permission violations per document, applying the rest', async () => {
    const lead = (await luis.get('leads', fx.leadIds.luis))!;
    const other = (await ana.get('leads', fx.leadIds.ana))!;
    const conflicts = await luis.push('leads', [
      edit(lead, { budget_min: 30000, budget_max: 10000 }),
      edit(lead, { status: 'contacted', last_contact_at: now() }),
    ]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!._rejection).toMatchObject({ reason: 'invalid_document' });
    expect((await luis.get('leads', fx.leadIds.luis))!.status).toBe('contacted');
    const stolen = await luis.push('leads', [edit(other, { assigned_to: fx.users.luis.id })]);
    expect(stolen[0]!._rejection).toMatchObject({ reason: 'forbidden' });
    const wrongType = await luis.push('leads', [edit(lead, { score: 'high' })]);
    expect(wrongType[0]!._rejection).toMatchObject({ reason: 'invalid_document' });
  });

  it('keeps activities append-only', async () => {
    const id = randomUUID();
    const act = { id, dealership_id: fx.dealershipId, created_at: now(), updated_at: now(), version: 0, seq: 0, _deleted: false, lead_id: fx.leadIds.ana, user_id: fx.users.ana.id, activity_type: 'note', description: 'Nota', activity_date: now(), due_at: null, done: false, metadata: {} };
    expect(await ana.push('lead_activities', [{ assumedMasterState: null, newDocumentState: act }])).toEqual([]);
    const saved = (await ana.get('lead_activities', id))!;
    const rewritten = await ana.push('lead_activities', [edit(saved, { activity_type: 'call' })]);
    expect(rewritten[0]!._rejection).toMatchObject({ reason: 'append_only' });
  });
});

describe('the device rules, on the server too (issue 9: one set of rules)', () => {
  it('refuses a sale price far from the list price (1 € for a car listed at thousands), accepts the list price', async () => {
    const vid = fx.vehicleIds[3]!;
    const car = (await manager.get('vehicles', vid))!;
    const sale = (price: number) => ({
      id: randomUUID(), dealership_id: fx.dealershipId, created_at: now(), updated_at: now(), version: 0, seq: 0, _deleted: false,
      customer_id: fx.customerIds[2]!, vehicle_id: vid, salesperson_id: fx.users.manager.id, sale_price: price, down_payment: 0,
      financing_type: 'cash', status: 'completed', sale_date: now(), delivery_date: null, notes: null,
    });
    const absurd = sale(1);
    const refused = await manager.push('sales', [{ assumedMasterState: null, newDocumentState: absurd }]);
    expect(refused[0]).toMatchObject({ id: absurd.id, _rejection: { reason: 'invalid_document' } });
    expect(String((refused[0]!._rejection as { message: string }).message)).toContain('sale_price');
    expect((await manager.get('vehicles', vid))!.status).toBe(car.status);
    expect(await manager.push('sales', [{ assumedMasterState: null, newDocumentState: sale(Number(car.price)) }])).toEqual([]);
    expect((await manager.get('vehicles', vid))!.status).toBe('sold');
  });

  it('refuses a note longer than 2,000 characters', async () => {
    const act = { id: randomUUID(), dealership_id: fx.dealershipId, created_at: now(), updated_at: now(), version: 0, seq: 0, _deleted: false, lead_id: fx.leadIds.ana, user_id: fx.users.ana.id, activity_type: 'note', description: 'x'.repeat(2001), activity_date: now(), due_at: null, done: false, metadata: {} };
    const refused = await ana.push('lead_activities', [{ assumedMasterState: null, newDocumentState: act }]);
    expect(refused[0]!._rejection).toMatchObject({ reason: 'invalid_document' });
    expect(await ana.push('lead_activities', [{ assumedMasterState: null, newDocumentState: { ...act, description: 'x'.repeat(2000) } }])).toEqual([]);
  });

  it('gives a lead only to an active member who can work it, never to a viewer', async () => {
    const lead = (await manager.get('leads', fx.leadIds.luis))!;
    const toViewer = await manager.push('leads', [edit(lead, { assigned_to: fx.users.viewer.id })]);
    expect(toViewer[0]!._rejection).toMatchObject({ reason: 'invalid_document' });
    expect(await manager.push('leads', [edit(lead, { assigned_to: fx.users.ana.id })])).toEqual([]);
    expect((await manager.get('leads', fx.leadIds.luis))!.assigned_to).toBe(fx.users.ana.id);
  });
});
