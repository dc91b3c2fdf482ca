import { z } from 'zod';
import { isoDateTime, jsonObject, longText, money, shortText, syncFields, uuid } from './common.ts';
import { BODY_TYPES, FUEL_TYPES, TRANSMISSIONS, VEHICLE_STATUSES } from './enums.ts';

/** Fields a client may write on a vehicle. */
export const vehicleFields = z.object({
  vin: z.string().trim().toUpperCase().length(17),
  stock_number: shortText.min(1).max(40),
  make: shortText.min(1).max(60),
  model: shortText.min(1).max(60),
  trim: shortText.max(80).nullable(),
  year: z.number().int().min(1900).max(2200),
  body_type: z.enum(BODY_TYPES),
  color: shortText.max(60).nullable(),
  price: money.positive(),
  cost: money.nullable(),
  mileage: z.number().int().min(0).max(5_000_000),
  fuel_type: z.enum(FUEL_TYPES),
  transmission: z.enum(TRANSMISSIONS),
  consumption: z.number().min(0).max(100).nullable(),
  description: longText,
  features: jsonObject,
  images: z.array(z.string().max(2_000_000)).max(30),
  lot_location: shortText.max(20).nullable(),
  status: z.enum(VEHICLE_STATUSES),
  reserved_by: uuid.nullable(),
  reserved_until: isoDateTime.nullable(),
  acquired_at: isoDateTime,
  is_promotion: z.boolean(),
  promo_price: money.nullable(),
});
export type VehicleFields = z.infer<typeof vehicleFields>;

export const vehicleDoc = vehicleFields.extend(syncFields);
export type Vehicle = z.infer<typeof vehicleDoc>;
