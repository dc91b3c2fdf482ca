import { canTransitionVehicle, type PublicUser, type Vehicle } from '@lotbook/shared';
import type { RxDocument } from 'rxdb';
import type { DataRuntime } from '../../app/runtime.ts';
import { canEditInventory, canWrite } from './permissions.ts';

/** How long a reservation holds a car. */
export const RESERVATION_HOURS = 48;

export class ReservationError extends Error {
  constructor(public readonly code: 'not_available' | 'not_reserved' | 'forbidden') {
    super(code);
  }
}

export function reservationExpired(v: Pick<Vehicle, 'reserved_until'>, now: number): boolean {
  return v.reserved_until !== null && Date.parse(v.reserved_until) < now;
}

export function canReserve(v: Pick<Vehicle, 'status'>, user: Pick<PublicUser, 'role'>): boolean {
  return canWrite(user.role) && canTransitionVehicle(v.status, 'reserved') && v.status === 'available';
}

/** The rep who holds it, a manager or admin, or anyone once it expired. */
export function canRelease(v: Pick<Vehicle, 'status' | 'reserved_by' | 'reserved_until'>, user: Pick<PublicUser, 'id' | 'role'>, now: number): boolean {
  if (v.status !== 'reserved' || !canWrite(user.role)) return false;
  return v.reserved_by === user.id || canEditInventory(user.role) || reservationExpired(v, now);
}

async function logMovement(data: DataRuntime, user: PublicUser, vehicleId: string, metadata: Record<string, unknown>, at: string): Promise<void> {
  await data.db.inventory_movements.insert({
    ...data.dbApi.newDocFields(user.dealership_id),
    vehicle_id: vehicleId,
    user_id: user.id,
    movement_type: 'reservation',
    movement_date: at,
    notes: null,
    metadata,
  });
}

/**
 * Reserves the car for me for 48 hours, locally (works offline) and logs a reservation movement.
 * The status is re-checked on the latest local version; the server re-checks it again on push
 * and answers `vehicle_already_reserved` when someone else got there first (-> conflict inbox).
 */
export async function reserveVehicle(data: DataRuntime, doc: RxDocument<Vehicle>, user: PublicUser, now = Date.now()): Promise<string> {
  const until = new Date(now + RESERVATION_HOURS * 3_600_000).toISOString();
  await doc.incrementalModify((d) => {
    if (!canReserve(d, user)) throw new ReservationError('not_available');
    return { ...d, status: 'reserved', reserved_by: user.id, reserved_until: until };
  });
  await logMovement(data, user, doc.id, { action: 'reserve', reserved_until: until }, new Date(now).toISOString());
  return until;
}

/** Puts a reserved car back to available and logs it. */
export async function releaseVehicle(data: DataRuntime, doc: RxDocument<Vehicle>, user: PublicUser, now = Date.now()): Promise<void> {
  let previousHolder: string | null = null;
  await doc.incrementalModify((d) => {
    if (d.status !== 'reserved') throw new ReservationError('not_reserved');
    if (!canRelease(d, user, now)) throw new ReservationError('forbidden');
    previousHolder = d.reserved_by;
    return { ...d, status: 'available', reserved_by: null, reserved_until: null };
  });
  await logMovement(data, user, doc.id, { action: 'release', previous_holder: previousHolder }, new Date(now).toISOString());
}
