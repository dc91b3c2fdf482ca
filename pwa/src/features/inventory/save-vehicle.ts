import type { PublicUser, Vehicle, VehicleFields } from '@lotbook/shared';
import type { DataRuntime } from '../../app/runtime.ts';
import { changedFields } from './vehicle-form.ts';

/**
 * Writes a vehicle to the local database (replication pushes it) and records the audit movement:
 * `entry` for a new car, `price_change` when the price moved. Returns the vehicle id.
 */
export async function saveVehicle(data: DataRuntime, user: PublicUser, original: Vehicle | null, fields: VehicleFields): Promise<string> {
  const { db, dbApi } = data;
  const now = new Date().toISOString();
  const movement = (vehicle_id: string, movement_type: 'entry' | 'price_change', metadata: Record<string, unknown>) =>
    db.inventory_movements.insert({
      ...dbApi.newDocFields(user.dealership_id),
      vehicle_id,
      user_id: user.id,
      movement_type,
      movement_date: now,
      notes: null,
      metadata,
    });
  if (!original) {
    const doc = await db.vehicles.insert({ ...dbApi.newDocFields(user.dealership_id), ...fields });
    await movement(doc.id, 'entry', { price: fields.price });
    return doc.id;
  }
  const doc = await db.vehicles.findOne(original.id).exec();
  if (!doc) throw new Error('vehicle disappeared');
  const changes = changedFields(original, fields);
  if (Object.keys(changes).length > 0) await doc.incrementalPatch(changes);
  if (changes.price !== undefined) await movement(original.id, 'price_change', { from: original.price, to: fields.price });
  return original.id;
}
