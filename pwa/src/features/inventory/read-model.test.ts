import type { PublicUser, Vehicle } from '@lotbook/shared';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataRuntime } from '../../app/runtime.ts';
import * as dbApi from '../../db/index.ts';
import { syntheticVehicles } from '../../testing/synthetic.ts';
import { VehicleReadModel, type Arriving, type VehicleSource } from './read-model.ts';
import { releaseVehicle, reserveVehicle, ReservationError } from './reservation.ts';

const DEALER = '0190f1a2-0000-7000-8000-000000000001';
let db: dbApi.LotbookDatabase | null = null;

async function openDb(): Promise<dbApi.LotbookDatabase> {
  db = await dbApi.createLotbookDatabase({ name: `readmodel${Date.now()}${Math.random().toString(36).slice(2)}`, storage: getRxStorageMemory(), multiInstance: false });
  return db;
}
const docs = (n: number, seed = 1) => syntheticVehicles(n, seed).map((f) => ({ ...dbApi.newDocFields(DEALER), ...f })) as Vehicle[];

afterEach(async () => {
  await db?.remove();
  db = null;
});

describe('VehicleReadModel (real RxDB)', () => {
  it('loads the collection, then follows inserts, updates and deletes', async () => {
    const d = await openDb();
    const initial = docs(50);
    await d.vehicles.bulkInsert(initial);
    const model = new VehicleReadModel(d.vehicles as unknown as VehicleSource);
    await model.start();
    expect(model.getSnapshot()).toMatchObject({ ready: true });
    expect(model.getSnapshot().items).toHaveLength(50);

    const first = initial[0] as Vehicle;
    const changed = new Promise<void>((resolve) => model.subscribe(() => model.get(first.id)?.v.price === 1234 && resolve()));
    await (await d.vehicles.findOne(first.id).exec())?.incrementalPatch({ price: 1234 });
    await changed;

    await d.vehicles.insert(docs(1, 99)[0] as Vehicle);
    await (await d.vehicles.findOne((initial[1] as Vehicle).id).exec())?.remove();
    await expect.poll(() => model.getSnapshot().items.length).toBe(50);
    expect(model.get((initial[1] as Vehicle).id)).toBeUndefined();
    expect(model.findByVin(first.vin)?.v.id).toBe(first.id);
    model.stop();
  });

  it('keeps writes that race with the initial load', async () => {
    const d = await openDb();
    await d.vehicles.bulkInsert(docs(200));
    const model = new VehicleReadModel(d.vehicles as unknown as VehicleSource);
    const racing = docs(20, 7);
    const loading = model.start();
    await d.vehicles.bulkInsert(racing);
    await loading;
    await expect.poll(() => model.getSnapshot().items.length).toBe(220);
    model.stop();
  });
});

/** A car as a pull page carries it. */
const wire = (v: Vehicle) => ({ ...v, seq: 1 }) as Record<string, unknown>;

describe('VehicleReadModel: cars the first download fetched, before they are stored (issue 16)', () => {
  it('shows them at once; the stored document takes over; a car the collection has is never replaced', async () => {
    const d = await openDb();
    const [kept] = docs(1, 3);
    await d.vehicles.insert(kept as Vehicle);
    await (await d.vehicles.findOne(kept!.id).exec())?.incrementalPatch({ lot_location: 'LOCAL-EDIT' });
    const arriving = new Subject<Arriving>();
    const model = new VehicleReadModel(d.vehicles as unknown as VehicleSource, () => '', arriving);
    await model.start();
    const fetched = docs(30, 4);
    // The server's state of the car the device has (edited here, not sent yet) comes too.
    arriving.next({ docs: [...fetched.map(wire), wire({ ...(kept as Vehicle), lot_location: 'SERVER' })] });
    expect(model.getSnapshot().items).toHaveLength(31);
    expect(model.findByVin((fetched[7] as Vehicle).vin)?.v.id).toBe((fetched[7] as Vehicle).id);
    expect(model.isArriving((fetched[7] as Vehicle).id)).toBe(true);
    expect(model.get(kept!.id)?.v.lot_location).toBe('LOCAL-EDIT');
    expect(model.isArriving(kept!.id)).toBe(false);
    // Stored: the collection's document replaces the fetched one, and is no longer "arriving".
    await d.vehicles.bulkInsert(fetched.slice(0, 10).map((v) => ({ ...v, price: 777 })));
    await expect.poll(() => model.get((fetched[3] as Vehicle).id)?.v.price).toBe(777);
    expect(model.isArriving((fetched[3] as Vehicle).id)).toBe(false);
    // The download stops: the ones never stored go; the stored ones and the local edit stay.
    arriving.next({ end: true });
    expect(model.getSnapshot().items.map((i) => i.v.id).toSorted()).toEqual([kept!.id, ...fetched.slice(0, 10).map((v) => v.id)].toSorted());
    expect(model.isArriving((fetched[20] as Vehicle).id)).toBe(false);
    model.stop();
  });

  it('a tombstone in a later page removes a car shown from an earlier one; pages fetched during the load wait for it', async () => {
    const d = await openDb();
    await d.vehicles.bulkInsert(docs(100));
    const arriving = new Subject<Arriving>();
    const model = new VehicleReadModel(d.vehicles as unknown as VehicleSource, () => '', arriving);
    const fetched = docs(5, 9);
    const loading = model.start();
    arriving.next({ docs: fetched.map(wire) });
    await loading;
    expect(model.getSnapshot().items).toHaveLength(105);
    arriving.next({ docs: [{ id: (fetched[0] as Vehicle).id, _deleted: true }] });
    expect(model.get((fetched[0] as Vehicle).id)).toBeUndefined();
    expect(model.getSnapshot().items).toHaveLength(104);
    model.stop();
  });
});

describe('reserve and release (real RxDB)', () => {
  const ana: PublicUser = { id: '0190f1a2-0000-7000-8000-00000000000a', email: 'ana@x', role: 'sales', first_name: 'Ana', last_name: 'G', dealership_id: DEALER };
  const luis: PublicUser = { ...ana, id: '0190f1a2-0000-7000-8000-00000000000b', email: 'luis@x' };

  it('reserves for 48 h with a movement, refuses a second reservation, and lets the holder release', async () => {
    const d = await openDb();
    const car = { ...(docs(1)[0] as Vehicle), status: 'available' as const };
    await d.vehicles.insert(car);
    const data = { db: d, dbApi } as unknown as DataRuntime;
    const doc = await d.vehicles.findOne(car.id).exec();
    if (!doc) throw new Error('missing');

    const now = Date.parse('2026-03-10T10:00:00Z');
    const until = await reserveVehicle(data, doc, ana, now);
    expect(until).toBe('2026-03-12T10:00:00.000Z');
    expect(doc.getLatest().toJSON()).toMatchObject({ status: 'reserved', reserved_by: ana.id, reserved_until: until });
    const moves = await d.inventory_movements.find({ selector: { vehicle_id: car.id } }).exec();
    expect(moves.map((m) => [m.movement_type, m.user_id])).toEqual([['reservation', ana.id]]);

    await expect(reserveVehicle(data, doc.getLatest(), luis, now)).rejects.toEqual(new ReservationError('not_available'));
    await expect(releaseVehicle(data, doc.getLatest(), luis, now)).rejects.toEqual(new ReservationError('forbidden'));
    await releaseVehicle(data, doc.getLatest(), ana, now);
    expect(doc.getLatest().toJSON()).toMatchObject({ status: 'available', reserved_by: null, reserved_until: null });
    const after = await d.inventory_movements.find({ selector: { vehicle_id: car.id } }).exec();
    expect(after.map((m) => m.metadata.action).toSorted()).toEqual(['release', 'reserve']);
  });
});
