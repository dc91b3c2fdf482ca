import { getTableColumns } from 'drizzle-orm';
import { daysInStock, isAged } from '@lotbook/shared';
import { vehicles } from '../db/schema.ts';

// Internal columns never leave the server: the search vector, the scope bookkeeping and the
// soft-delete flag (deleted rows are never returned by the REST API).
const { search_vector: _sv, scope_seq: _scope, deleted: _deleted, ...wireColumns } = getTableColumns(vehicles);

/** The columns the REST API selects: the wire document's fields. */
export const vehicleColumns = wireColumns;

export type VehicleSelect = Omit<typeof vehicles.$inferSelect, 'search_vector' | 'scope_seq' | 'deleted'>;

type Wire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
export type VehicleWire = Wire<VehicleSelect> & { days_in_stock: number; is_aged: boolean };

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** A row as the API sends it: snake_case, ISO 8601 timestamps, numbers as numbers, plus aging. */
export function toVehicleWire(row: VehicleSelect, now: Date): VehicleWire {
  const acquired = row.acquired_at.toISOString();
  const days = daysInStock(acquired, now);
  return {
    ...row,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    acquired_at: acquired,
    reserved_until: iso(row.reserved_until),
    days_in_stock: days,
    is_aged: isAged(days),
  };
}
