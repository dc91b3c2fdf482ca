import { z } from 'zod';
import { isoDateTime, jsonObject, longText, syncFields, uuid } from './common.ts';
import { MOVEMENT_TYPES } from './enums.ts';

/** An audit trail of what happened to a vehicle. */
export const movementFields = z.object({
  vehicle_id: uuid,
  user_id: uuid,
  movement_type: z.enum(MOVEMENT_TYPES),
  movement_date: isoDateTime,
  notes: longText.nullable(),
  metadata: jsonObject,
});
export type MovementFields = z.infer<typeof movementFields>;

export const movementDoc = movementFields.extend(syncFields);
export type InventoryMovement = z.infer<typeof movementDoc>;
