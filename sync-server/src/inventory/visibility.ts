import type { Role } from '@lotbook/shared';

/**
 * Dealer-only vehicle fields on REST: `cost` (what the dealership paid) is for admins and
 * managers; sales reps and viewers never receive it, whatever the PWA shows.
 *
 * NOTE for the merge: the sync side (sync/security) has its own field-visibility helper for pull,
 * push replies and SSE; this one should become a call to it so both paths share one rule.
 */
export const MANAGER_ONLY_VEHICLE_FIELDS = ['cost'] as const;

export function canSeeVehicleCost(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}

/** The vehicle as `role` may see it: without the manager-only fields for sales reps and viewers. */
export function vehicleForRole<T extends Record<string, unknown>>(vehicle: T, role: Role): T {
  if (canSeeVehicleCost(role)) return vehicle;
  const out: Record<string, unknown> = { ...vehicle };
  for (const f of MANAGER_ONLY_VEHICLE_FIELDS) delete out[f];
  return out as T;
}
