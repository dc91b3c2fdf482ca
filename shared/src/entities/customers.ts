import { z } from 'zod';
import { longText, shortText, syncFields, uuid } from './common.ts';

export const customerFields = z.object({
  first_name: shortText.min(1).max(80),
  last_name: shortText.max(120),
  email: z.email().max(200).nullable(),
  /** E.164, e.g. +34600123456 (the PWA validates with libphonenumber-js). */
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be in international format, e.g. +34600123456').nullable(),
  address: longText.max(500).nullable(),
  /** DNI/NIE/RUT; unique within a dealership when present. */
  national_id: shortText.max(20).nullable(),
  is_active: z.boolean(),
});
export type CustomerFields = z.infer<typeof customerFields>;

export const customerDoc = customerFields.extend({ ...syncFields, created_by: uuid.nullable() });
export type Customer = z.infer<typeof customerDoc>;
