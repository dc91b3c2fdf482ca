import { syncPaths, type PublicUser } from '@lotbook/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newDocFields } from '../../db/doc-fields.ts';
import { converged } from '../../db/testing/converge.ts';
import { openDevice, waitFor, type Device } from '../../db/testing/device.ts';
import { availableVehicles, inTwoDays, leadOf } from '../../db/testing/fixtures.ts';
import { currentSeq, serverDocs, startSeededServer, tokenFor, type TestServer } from '../../db/testing/server.ts';
import { recordSale, SaleError, type SaleInput } from './save-sale.ts';

const SYNCED = ['vehicles', 'sales', 'leads', 'inventory_movements'] as const;

const writer = (d: Device) => ({ db: d.db, dbApi: { newDocFields } });

/** Keeps one collection's pushes from reaching the server until released (RxDB retries them). */
function holdPushes(d: Device, collection: string): () => void {
  d.net.rewrite = (url) => (url.includes(`/${collection}/push`) ? url.replace(`/${collection}/push`, '/held/push') : url);
  return () => {
    d.net.rewrite = null;
  };
}

/** The SaleError code a save fails with, or 'saved'. */
const codeOf = (p: Promise<unknown>) => p.then(() => 'saved', (e: unknown) => (e instanceof SaleError ? e.code : String(e)));

/**
 * recordSale on a real device (RxDB over fake-indexeddb) against the real sync server: what is
 * recorded offline shows at once on the device and lands on the server without a conflict.
 */
describe('recording a sale', () => {
  let server: TestServer;
  let ana: Device;
  let luis: Device;
  let anaUser: PublicUser;
  const since = async () => currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), SYNCED);
  const onServer = async (collection: (typeof SYNCED)[number], id: string, as = 'gerente@demo.example') =>
    (await serverDocs(server.url, await tokenFor(server.url, as), collection)).get(id);
  const rejections = async (email: string) => {
    const res = await fetch(`${server.url}${syncPaths.rejections()}`, { headers: { authorization: `Bearer ${await tokenFor(server.url, email)}` } });
    return ((await res.json()) as { results: { doc_id: string; reason: string }[] }).results;
  };
  const input = (vehicleId: string, customerId: string, price: number, patch: Partial<SaleInput> = {}): SaleInput => ({
    vehicleId,
    customerId,
    salespersonId: anaUser.id,
    leadId: null,
    sale_price: price,
    down_payment: Math.round(price / 5),
    financing_type: 'loan',
    sale_date: new Date().toISOString(),
    delivery_date: inTwoDays(),
    notes: 'Firmado en el concesionario',
    ...patch,
  });
  beforeAll(async () => {
    server = await startSeededServer();
    ana = await openDevice(server.url, 'ana@demo.example');
    luis = await openDevice(server.url, 'luis@demo.example');
    await Promise.all([ana, luis].map((d) => d.sync.awaitInitialSync()));
    anaUser = ana.session.get()!.user;
  });
  afterAll(async () => {
    await Promise.all([ana, luis].map((d) => d?.close()));
    await server?.stop();
  });

  test('offline: the car is sold and the negotiating lead won at once; after sync the server agrees, with no conflict', async () => {
    const seq0 = await since();
    const lead = await leadOf(ana, ana.userId, (l) => l.status === 'negotiating');
    const [car] = await availableVehicles(ana, 1);
    ana.net.offline = true;

    const result = await recordSale(writer(ana), anaUser, input(car!.primary, lead.customer_id, car!.price, { leadId: lead.primary }));
    expect(result.lead).toEqual({ kind: 'closed_won' });
    // Right after recording, still offline: the device shows the outcome.
    expect((await ana.db.vehicles.findOne(car!.primary).exec())!.toJSON()).toMatchObject({ status: 'sold', reserved_by: null, reserved_until: null });
    expect((await ana.db.leads.findOne(lead.primary).exec())!.status).toBe('closed_won');
    expect((await ana.db.sales.findOne(result.saleId).exec())!.toJSON()).toMatchObject({ status: 'completed', salesperson_id: ana.userId });
    expect(ana.status().pending).toBeGreaterThanOrEqual(4); // sale, vehicle, lead, movement

    ana.net.offline = false;
    await converged(server.url, [ana], SYNCED, seq0);
    expect(await onServer('sales', result.saleId)).toMatchObject({ vehicle_id: car!.primary, customer_id: lead.customer_id, status: 'completed', sale_price: car!.price });
    expect(await onServer('vehicles', car!.primary)).toMatchObject({ status: 'sold', reserved_by: null });
    expect(await onServer('leads', lead.primary)).toMatchObject({ status: 'closed_won' });
    const movements = [...(await serverDocs(server.url, await tokenFor(server.url, 'gerente@demo.example'), 'inventory_movements')).values()];
    expect(movements.filter((m) => m.vehicle_id === car!.primary && m.movement_type === 'exit')).toHaveLength(1);
    expect(await ana.db.conflicts.find().exec()).toHaveLength(0);
    expect((await rejections('ana@demo.example')).filter((r) => [result.saleId, car!.primary, lead.primary].includes(r.doc_id))).toEqual([]);
    // Another device sees the car sold.
    await waitFor(async () => (await luis.db.vehicles.findOne(car!.primary).exec())?.status === 'sold', 'luis sees the car sold');
  });

  test.each([
    ['the sale lands first (the server trigger sells the car, the vehicle push is then a no-op)', 'vehicles'],
    ['the vehicle lands first (the server waits for the sale to sell the car, then the device pulls it sold)', 'sales'],
  ])('no conflict whichever push arrives first: %s', async (_what, held) => {
    const seq0 = await since();
    const [, , car] = await availableVehicles(ana, 3);
    // A car reserved by ana herself can be sold by her.
    await car!.incrementalPatch({ status: 'reserved', reserved_by: ana.userId, reserved_until: inTwoDays() });
    await converged(server.url, [ana], ['vehicles'], seq0);
    const customer = (await ana.db.customers.find({ sort: [{ id: 'asc' }], limit: 1 }).exec())[0]!;

    const release = holdPushes(ana, held);
    const vehiclePushes = () => ana.net.count((e) => e.method === 'POST' && e.url.includes('/vehicles/push') && e.status === 200);
    const pushesBefore = vehiclePushes();
    const { saleId } = await recordSale(writer(ana), anaUser, input(car!.primary, customer.primary, car!.price - 500));
    if (held === 'vehicles') {
      await waitFor(async () => (await onServer('sales', saleId, 'ana@demo.example')) !== undefined, 'the sale on the server');
    } else {
      // The sold patch lands first and is answered without a conflict, but only a sale sells a car
      // (SECURITY.md): until the sale arrives the server keeps it reserved.
      await waitFor(() => vehiclePushes() > pushesBefore, 'the vehicle push answered');
      expect((await onServer('vehicles', car!.primary))!.status).toBe('reserved');
    }
    release();
    await converged(server.url, [ana], SYNCED, seq0);

    expect(await onServer('sales', saleId)).toMatchObject({ status: 'completed', sale_price: car!.price - 500 });
    expect(await onServer('vehicles', car!.primary)).toMatchObject({ status: 'sold', reserved_by: null, reserved_until: null });
    expect((await ana.db.vehicles.findOne(car!.primary).exec())!.status).toBe('sold');
    expect(await ana.db.conflicts.find().exec()).toHaveLength(0);
    expect((await rejections('ana@demo.example')).filter((r) => [saleId, car!.primary].includes(r.doc_id))).toEqual([]);
  });

  test('a lead that is not negotiating is left as it is, and the outcome says so', async () => {
    const seq0 = await since();
    const lead = await leadOf(ana, ana.userId, (l) => l.status === 'contacted' || l.status === 'qualified' || l.status === 'new');
    const [car] = await availableVehicles(ana, 1);
    const result = await recordSale(writer(ana), anaUser, input(car!.primary, lead.customer_id, car!.price, { leadId: lead.primary }));
    expect(result.lead).toEqual({ kind: 'unchanged', status: lead.status });
    await converged(server.url, [ana], SYNCED, seq0);
    expect((await onServer('leads', lead.primary))!.status).toBe(lead.status);
    expect(await ana.db.conflicts.find().exec()).toHaveLength(0);
  });

  test('refused before anything is written: a car already sold, a car reserved by someone else, bad amounts, another salesperson', async () => {
    const customer = (await ana.db.customers.find({ sort: [{ id: 'asc' }], limit: 1 }).exec())[0]!;
    const sold = (await ana.db.vehicles.find({ selector: { status: 'sold' }, limit: 1 }).exec())[0]!;
    const [, held] = await availableVehicles(luis, 2);
    await held!.incrementalPatch({ status: 'reserved', reserved_by: luis.userId, reserved_until: inTwoDays() });
    await waitFor(async () => (await ana.db.vehicles.findOne(held!.primary).exec())?.reserved_by === luis.userId, 'luis’s reservation on ana’s device');
    const salesBefore = await ana.db.sales.count().exec();

    expect(await codeOf(recordSale(writer(ana), anaUser, input(sold.primary, customer.primary, 10_000)))).toBe('sold');
    expect(await codeOf(recordSale(writer(ana), anaUser, input(held!.primary, customer.primary, 10_000)))).toBe('reserved_other');
    const [free] = await availableVehicles(ana, 1);
    expect(await codeOf(recordSale(writer(ana), anaUser, input(free!.primary, customer.primary, 10_000, { down_payment: 10_001 })))).toBe('invalid');
    expect(await codeOf(recordSale(writer(ana), anaUser, input(free!.primary, customer.primary, 10_000, { sale_price: 0, down_payment: 0 })))).toBe('invalid');
    expect(await codeOf(recordSale(writer(ana), anaUser, input(free!.primary, customer.primary, 10_000, { delivery_date: '2020-01-01T12:00:00.000Z' })))).toBe('invalid');
    expect(await codeOf(recordSale(writer(ana), anaUser, input(free!.primary, customer.primary, 10_000, { salespersonId: luis.userId })))).toBe('forbidden');

    expect(await ana.db.sales.count().exec()).toBe(salesBefore);
    expect((await ana.db.vehicles.findOne(free!.primary).exec())!.status).toBe('available');
    expect((await ana.db.vehicles.findOne(held!.primary).exec())!.reserved_by).toBe(luis.userId);
  });
});
