import { z } from 'zod';
import { isoDateTime, longText, money, syncFields, uuid } from './common.ts';
import { FINANCING_TYPES, SALE_STATUSES } from './enums.ts';

export const saleFields = z.object({
  customer_id: uuid,
  vehicle_id: uuid,
  salesperson_id: uuid,
  sale_price: money.positive(),
  down_payment: money,
  financing_type: z.enum(FINANCING_TYPES),
  status: z.enum(SALE_STATUSES),
  sale_date: isoDateTime,
  delivery_date: isoDateTime.nullable(),
  notes: longText.nullable(),
});
export type SaleFields = z.infer<typeof saleFields>;

export const saleDoc = saleFields.extend(syncFields);
export type Sale = z.infer<typeof saleDoc>;
