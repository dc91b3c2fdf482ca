import type { Customer, Lead, Vehicle } from '@lotbook/shared';
import type { RxDocument } from 'rxdb';
import type { Device } from './device.ts';

/** The first document matching `pred`, in id order (deterministic with the deterministic seed). */
async function first<T>(docs: RxDocument<T>[], pred: (d: T) => boolean, what: string): Promise<RxDocument<T>> {
  const found = docs.toSorted((a, b) => a.primary.localeCompare(b.primary)).find((d) => pred(d.toJSON() as T));
  if (!found) throw new Error(`The seed has no ${what}`);
  return found;
}

export async function availableVehicles(device: Device, n: number): Promise<RxDocument<Vehicle>[]> {
  const docs = await device.db.vehicles.find({ selector: { status: 'available' } }).exec();
  const sorted = docs.toSorted((a, b) => a.primary.localeCompare(b.primary));
  if (sorted.length < n) throw new Error('The seed has too few available vehicles');
  return sorted.slice(0, n);
}

export async function leadOf(device: Device, userId: string, pred: (l: Lead) => boolean = () => true): Promise<RxDocument<Lead>> {
  return first(await device.db.leads.find().exec(), (l) => l.assigned_to === userId && pred(l), `lead of ${userId}`);
}

export async function customerOf(device: Device, id: string): Promise<RxDocument<Customer>> {
  const c = await device.db.customers.findOne(id).exec();
  if (!c) throw new Error(`customer ${id} is not on ${device.name}`);
  return c;
}

export const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString();
