import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { leads, sales } from '../db/schema.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { edit, RawSyncClient } from '../test/sync-client.ts';
import { newDoc } from './testkit.ts';

/**
 * The other side of the attack suite: nothing the PWA does legitimately is refused, whatever order
 * its per-collection replications deliver things in (a walk-in's lead before its customer, a car's
 * `sold` patch before its sale), and the rep rules of SECURITY.md hold.
 */
type Doc = Record<string, unknown> & { id: string };
let server: TestServer;
let fx: Fixture;
let other: Fixture;
let ana: RawSyncClient;
let luis: RawSyncClient;

beforeAll(async () => {
  server = await startTestServer();
  fx = await createFixture(server.ctx.db);
  other = await createFixture(server.ctx.db, 'Segundo');
  ana = new RawSyncClient(server.url, await tokenFor(fx.users.ana, server.ctx.jwtSecret), 'legit-ana');
  luis = new RawSyncClient(server.url, await tokenFor(fx.users.luis, server.ctx.jwtSecret), 'legit-luis');
});
afterAll(() => server?.stop());

const create = (d: Doc) => [{ assumedMasterState: null, newDocumentState: d }];
const until = () => new Date(Date.now() + 48 * 3_600_000).toISOString();
async function anaRejections(): Promise<number> {
  const r = await server.ctx.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM sync_rejections WHERE user_id = ${fx.users.ana.id}::uuid`);
  return r[0]!.n;
}

describe('forward references from the same device, in either order', () => {
  it('walk-in: the lead (and its activity) may arrive before the new customer, or after it', async () => {
    const start = await anaRejections();
    for (const leadFirst of [true, false]) {
      const customer = newDoc('customers', fx, fx.users.ana);
      const lead = newDoc('leads', fx, fx.users.ana, { customer_id: customer.id });
      const act = newDoc('lead_activities', fx, fx.users.ana, { lead_id: lead.id });
      if (leadFirst) {
        expect(await ana.push('lead_activities', create(act))).toEqual([]);
        expect(await ana.push('leads', create(lead))).toEqual([]);
        expect(await ana.push('customers', create(customer))).toEqual([]);
      } else {
        expect(await ana.push('customers', create(customer))).toEqual([]);
        expect(await ana.push('leads', create(lead))).toEqual([]);
        expect(await ana.push('lead_activities', create(act))).toEqual([]);
      }
      expect((await ana.pullAll('customers')).docs.get(customer.id)).toMatchObject({ first_name: 'Nuevo', _deleted: false });
      expect((await ana.pullAll('leads')).docs.get(lead.id)).toMatchObject({ customer_id: customer.id });
    }
    expect(await anaRejections()).toBe(start);
  });

  it('but an id that exists elsewhere is refused: another rep’s customer, another dealership’s lead', async () => {
    const lead = newDoc('leads', fx, fx.users.ana, { customer_id: fx.customerIds[1]! });
    expect((await ana.push('leads', create(lead)))[0]).toMatchObject({ id: lead.id, _deleted: true, _rejection: { reason: 'forbidden' } });
    const act = newDoc('lead_activities', fx, fx.users.ana, { lead_id: other.leadIds.unassigned });
    expect((await ana.push('lead_activities', create(act)))[0]).toMatchObject({ _rejection: { reason: 'forbidden' } });
    const onLuis = newDoc('lead_activities', fx, fx.users.ana, { lead_id: fx.leadIds.luis });
    expect((await ana.push('lead_activities', create(onLuis)))[0]).toMatchObject({ _rejection: { reason: 'forbidden' } });
  });
});

describe('a salesperson reserves, releases, photographs and sells through a sale', () => {
  it('reserve, photograph, extend and release their own reservation', async () => {
    const v = (await ana.get('vehicles', fx.vehicleIds[0]!))!;
    expect(await ana.push('vehicles', [edit(v, { status: 'reserved', reserved_by: fx.users.ana.id, reserved_until: until() })])).toEqual([]);
    const r = (await ana.get('vehicles', v.id))!;
    expect(await ana.push('vehicles', [edit(r, { images: ['data:image/jpeg;base64,AAAA'], lot_location: 'B-2' })])).toEqual([]);
    const p = (await ana.get('vehicles', v.id))!;
    expect(await ana.push('vehicles', [edit(p, { reserved_until: until() })])).toEqual([]);
    const e = (await ana.get('vehicles', v.id))!;
    expect(await ana.push('vehicles', [edit(e, { status: 'available', reserved_by: null, reserved_until: null })])).toEqual([]);
  });

  for (const order of ['vehicle patch first', 'sale first'] as const) {
    it(`records a sale offline: sale + car sold patch + exit movement, ${order}: no conflict, car sold once`, async () => {
      const start = await anaRejections();
      const vid = order === 'sale first' ? fx.vehicleIds[1]! : fx.vehicleIds[3]!;
      const base = (await ana.get('vehicles', vid))!;
      expect(await ana.push('vehicles', [edit(base, { status: 'reserved', reserved_by: fx.users.ana.id, reserved_until: until() })])).toEqual([]);
      const reserved = (await ana.get('vehicles', vid))!;
      const sale = { ...newDoc('sales', fx, fx.users.ana, { vehicle_id: vid, customer_id: fx.customerIds[0]! }), status: 'completed', sale_price: 24999.99 };
      const soldPatch = [edit(reserved, { status: 'sold', reserved_by: null, reserved_until: null })];
      const movement = { ...newDoc('inventory_movements', fx, fx.users.ana, { vehicle_id: vid }), movement_type: 'exit', metadata: { action: 'sale', sale_id: sale.id } };
      if (order === 'vehicle patch first') {
        expect(await ana.push('vehicles', soldPatch)).toEqual([]);
        // Not sold yet on the server: only the sale sells a car.
        expect((await ana.get('vehicles', vid))!.status).toBe('reserved');
        expect(await ana.push('sales', create(sale))).toEqual([]);
      } else {
        expect(await ana.push('sales', create(sale))).toEqual([]);
        expect(await ana.push('vehicles', soldPatch)).toEqual([]);
      }
      expect(await ana.push('inventory_movements', create(movement))).toEqual([]);
      const after = (await ana.get('vehicles', vid))!;
      expect(after).toMatchObject({ status: 'sold', reserved_by: null, reserved_until: null });
      // RxDB retries: the same patch again is still no conflict.
      expect(await ana.push('vehicles', soldPatch)).toEqual([]);
      expect(await anaRejections()).toBe(start);
    });
  }
});

describe('what a salesperson may not do to a car (issue 8, item 4)', () => {
  it('a sold patch without any sale leaves the car as it is; selling, expiring or servicing another rep’s car is refused', async () => {
    const free = (await ana.get('vehicles', fx.vehicleIds[2]!))!;
    expect(await ana.push('vehicles', [edit(free, { status: 'sold', reserved_by: null, reserved_until: null })])).toEqual([]);
    expect((await ana.get('vehicles', free.id))!).toMatchObject({ status: 'available', version: free.version });
    expect((await ana.push('vehicles', [edit(free, { status: 'maintenance' })]))[0]!._rejection).toMatchObject({ reason: 'forbidden' });
    const current = (await luis.get('vehicles', free.id))!;
    expect(await luis.push('vehicles', [edit(current, { status: 'reserved', reserved_by: fx.users.luis.id, reserved_until: until() })])).toEqual([]);
    const held = (await ana.get('vehicles', free.id))!;
    expect((await ana.push('vehicles', [edit(held, { status: 'sold', reserved_by: null, reserved_until: null })]))[0]!._rejection).toMatchObject({ reason: 'vehicle_already_reserved' });
    expect((await ana.push('vehicles', [edit(held, { reserved_until: until() })]))[0]!._rejection).toMatchObject({ reason: 'vehicle_already_reserved' });
    expect((await ana.push('vehicles', [edit(held, { status: 'available', reserved_by: null, reserved_until: null })]))[0]!._rejection).toMatchObject({ reason: 'forbidden' });
    expect((await luis.get('vehicles', free.id))!).toMatchObject({ status: 'reserved', reserved_by: fx.users.luis.id });
  });
});

describe('money has at most 2 decimals (item 10)', () => {
  it('refuses 0.004 with a field error, and a replay of a valid sale is not a conflict', async () => {
    const bad = { ...newDoc('sales', fx, fx.users.ana), sale_price: 0.004 };
    const reply = await ana.push('sales', create(bad));
    expect(reply[0]!._rejection).toMatchObject({ reason: 'invalid_document' });
    expect(String((reply[0]!._rejection as { message: string }).message)).toContain('sale_price: must have at most 2 decimals');
    const good = { ...newDoc('sales', fx, fx.users.ana), sale_price: 19.99, down_payment: 0.1 };
    expect(await ana.push('sales', create(good))).toEqual([]);
    expect(await ana.push('sales', create(good))).toEqual([]);
  });
});

describe('cascades stay in their dealership (item 5)', () => {
  it('a lead or completed sale of dealership B naming A’s customer and car ids touches nothing of A', async () => {
    const seqOf = async (table: string, id: string) =>
      (await server.ctx.db.rows<{ seq: number; status: string | null }>(sql`SELECT seq::float8 AS seq, ${sql.raw(table === 'vehicles' ? 'status' : 'NULL::text')} AS status FROM ${sql.raw(table)} WHERE id = ${id}::uuid`))[0]!;
    const customerBefore = await seqOf('customers', fx.customerIds[2]!);
    const vehicleBefore = await seqOf('vehicles', fx.vehicleIds[4]!);
    // Straight into the database: the push path would refuse these references first.
    await server.ctx.db.orm.insert(leads).values({ id: randomUUID(), dealership_id: other.dealershipId, customer_id: fx.customerIds[2]!, assigned_to: null, source: 'phone', status: 'new' });
    await server.ctx.db.orm.insert(sales).values({
      id: randomUUID(), dealership_id: other.dealershipId, customer_id: fx.customerIds[2]!, vehicle_id: fx.vehicleIds[4]!, salesperson_id: other.users.manager.id,
      sale_price: 1000, down_payment: 0, financing_type: 'cash', status: 'completed', sale_date: new Date(),
    });
    expect(await seqOf('customers', fx.customerIds[2]!)).toEqual(customerBefore);
    expect(await seqOf('vehicles', fx.vehicleIds[4]!)).toEqual(vehicleBefore);
    expect(vehicleBefore.status).toBe('available');
  });
});
