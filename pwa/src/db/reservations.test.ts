import { syncPaths } from '@lotbook/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { converged } from './testing/converge.ts';
import { openDevice, type Device } from './testing/device.ts';
import { availableVehicles, inTwoDays } from './testing/fixtures.ts';
import { newDocFields } from './doc-fields.ts';
import { currentSeq, startSeededServer, type TestServer, tokenFor } from './testing/server.ts';

describe('double bookings made offline', () => {
  let server: TestServer;
  let ana: Device;
  let luis: Device;
  let gerente: Device;
  const since = async () => currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), ['vehicles', 'sales']);
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

  test('(3) two reps reserve the same car offline: one wins, the other gets vehicle_already_reserved', async () => {
    const seq0 = await since();
    const [v] = await availableVehicles(ana, 1);
    const id = v!.primary;
    ana.net.offline = true;
    luis.net.offline = true;
    const until = inTwoDays();
    await (await ana.db.vehicles.findOne(id).exec())!.incrementalPatch({ status: 'reserved', reserved_by: ana.userId, reserved_until: until });
    await (await luis.db.vehicles.findOne(id).exec())!.incrementalPatch({ status: 'reserved', reserved_by: luis.userId, reserved_until: until });

    ana.net.offline = false;
    await ana.until((s) => s.online && s.pending === 0, 'reservation pushed');
    luis.net.offline = false;
    await converged(server.url, [ana, luis, gerente], ['vehicles'], seq0);

    for (const d of [ana, luis, gerente]) expect((await d.db.vehicles.findOne(id).exec())!.toJSON(), d.name).toMatchObject({ status: 'reserved', reserved_by: ana.userId });
    const inbox = (await luis.db.conflicts.find({ selector: { doc_id: id } }).exec()).map((c) => c.toJSON());
    expect(inbox).toEqual([
      expect.objectContaining({
        collection_name: 'vehicles',
        reason: 'vehicle_already_reserved',
        mine: expect.objectContaining({ reserved_by: luis.userId }),
        theirs: expect.objectContaining({ reserved_by: ana.userId }),
        status: 'open',
      }),
    ]);
    expect(inbox[0]!.message).toMatch(/^Reserved by Ana .* while you were offline$/);
    expect(await ana.db.conflicts.find().exec()).toHaveLength(0);

    // Keeping theirs changes nothing but the inbox entry.
    await luis.api.resolveConflict(luis.db, inbox[0]!.id, 'theirs');
    expect((await luis.db.conflicts.findOne(inbox[0]!.id).exec())!.toJSON()).toMatchObject({ status: 'resolved', resolution: 'theirs' });
    expect((await luis.db.vehicles.findOne(id).exec())!.reserved_by).toBe(ana.userId);
  });

  test('(4) a sale recorded offline for a car sold meanwhile is rejected with a reason, and nothing is lost', async () => {
    const seq0 = await since();
    const [, w] = await availableVehicles(ana, 2);
    const sale = (d: Device, customerId: string) => ({
      ...newDocFields(d.dealershipId),
      customer_id: customerId,
      vehicle_id: w!.primary,
      salesperson_id: d.userId,
      sale_price: w!.price,
      down_payment: 0,
      financing_type: 'cash' as const,
      status: 'completed' as const,
      sale_date: new Date().toISOString(),
      delivery_date: null,
      notes: 'vendido en la feria',
    });
    const [anaCustomer] = await ana.db.customers.find({ sort: [{ id: 'asc' }], limit: 1 }).exec();
    const [luisCustomer] = await luis.db.customers.find({ sort: [{ id: 'asc' }], limit: 1 }).exec();

    ana.net.offline = true;
    const mine = await ana.db.sales.insert(sale(ana, anaCustomer!.primary));
    await luis.db.sales.insert(sale(luis, luisCustomer!.primary));
    await luis.until((s) => s.pending === 0, 'luis sold the car');
    ana.net.offline = false;
    await converged(server.url, [ana, luis, gerente], ['vehicles', 'sales'], seq0);

    expect(await ana.db.sales.findOne(mine.primary).exec()).toBeNull();
    expect((await ana.db.vehicles.findOne(w!.primary).exec())!.status).toBe('sold');
    const inbox = (await ana.db.conflicts.find({ selector: { doc_id: mine.primary } }).exec()).map((c) => c.toJSON());
    expect(inbox).toEqual([
      expect.objectContaining({ collection_name: 'sales', reason: 'vehicle_already_sold', theirs: null, mine: expect.objectContaining({ notes: 'vendido en la feria' }) }),
    ]);

    // The server kept it too, readable in the rejected-writes log.
    const res = await fetch(`${server.url}${syncPaths.rejections()}`, { headers: { authorization: `Bearer ${await tokenFor(server.url, 'ana@demo.example')}` } });
    const { results } = (await res.json()) as { results: { id: string; doc_id: string; reason: string }[] };
    expect(results.filter((r) => r.doc_id === mine.primary)).toEqual([expect.objectContaining({ id: inbox[0]!.id, reason: 'vehicle_already_sold' })]);

    // Keeping mine re-creates the sale locally; the server refuses it again, and it is logged again.
    await ana.api.resolveConflict(ana.db, inbox[0]!.id, 'mine');
    await ana.until((s) => s.pending === 0, 'the retried sale was answered');
    expect(await ana.db.sales.findOne(mine.primary).exec()).toBeNull();
    expect((await ana.db.conflicts.find({ selector: { doc_id: mine.primary, status: 'open' } }).exec()).length).toBe(1);
  });
});
