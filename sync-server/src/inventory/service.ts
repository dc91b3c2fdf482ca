import { and, asc, count, desc, eq, gte, inArray, lte, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Database, Sql } from '../db/client.ts';
import { vehicles } from '../db/schema.ts';
import type { OrderingField, VehicleListQuery } from './query.ts';
import { searchQuery } from './search.ts';
import { toVehicleWire, vehicleColumns, type VehicleWire } from './wire.ts';

export interface VehiclePage {
  count: number;
  page: number;
  pageSize: number;
  results: VehicleWire[];
}

function orderExpr(field: OrderingField): { expr: SQL | AnyColumn; flip: boolean } {
  switch (field) {
    // Case-insensitive and byte-ordered, so the order is the same on every server locale.
    case 'make':
      return { expr: sql`lower(${vehicles.make}) collate "C"`, flip: false };
    case 'model':
      return { expr: sql`lower(${vehicles.model}) collate "C"`, flip: false };
    // More days in stock = acquired earlier. Sorting on acquired_at itself keeps the index usable;
    // within one day the exact arrival time orders the cars.
    case 'days_in_stock':
      return { expr: vehicles.acquired_at, flip: true };
    default:
      return { expr: vehicles[field], flip: false };
  }
}

/** The filters of the inventory list as one WHERE clause (also used by the inventory export). */
export function vehicleListWhere(dealershipId: string, q: Omit<VehicleListQuery, 'page' | 'page_size' | 'ordering'>): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(vehicles.dealership_id, dealershipId), eq(vehicles.deleted, false)];
  if (q.make) conditions.push(inArray(sql`lower(${vehicles.make})`, q.make));
  if (q.model) conditions.push(eq(sql`lower(${vehicles.model})`, q.model));
  if (q.year_min !== undefined) conditions.push(gte(vehicles.year, q.year_min));
  if (q.year_max !== undefined) conditions.push(lte(vehicles.year, q.year_max));
  if (q.price_min !== undefined) conditions.push(gte(vehicles.price, q.price_min));
  if (q.price_max !== undefined) conditions.push(lte(vehicles.price, q.price_max));
  if (q.status) conditions.push(inArray(vehicles.status, q.status));
  if (q.body_type) conditions.push(inArray(vehicles.body_type, q.body_type));
  if (q.fuel_type) conditions.push(inArray(vehicles.fuel_type, q.fuel_type));
  const tsq = q.search === undefined ? undefined : searchQuery(q.search);
  if (tsq === null) conditions.push(sql`false`);
  else if (tsq) conditions.push(sql`${vehicles.search_vector} @@ ${tsq}`);
  return and(...conditions);
}

/**
 * The two queries behind a list page (the total count and the page itself), unexecuted, so the
 * benchmark can EXPLAIN exactly what the API runs. See listVehicles for the semantics.
 */
export function vehicleListQueries(db: Sql, dealershipId: string, q: VehicleListQuery) {
  const where = vehicleListWhere(dealershipId, q);
  const order: SQL[] = [];
  for (const term of q.ordering ?? []) {
    const { expr, flip } = orderExpr(term.field);
    order.push(term.desc !== flip ? desc(expr) : asc(expr));
  }
  // Newest arrivals first, searching or not: every result already contains every search word, and
  // ranking would have to read each match's whole vector (slow for broad words like "cámara").
  if (order.length === 0) order.push(desc(vehicles.acquired_at));
  order.push(asc(vehicles.id));

  return {
    count: db.orm.select({ n: count() }).from(vehicles).where(where),
    page: db.orm.select(vehicleColumns).from(vehicles).where(where).orderBy(...order).limit(q.page_size).offset((q.page - 1) * q.page_size),
  };
}

/**
 * Lists the caller's dealership's vehicles (never soft-deleted ones) with the filters, search and
 * ordering of `GET /api/v1/vehicles`. Invariants: every row belongs to `dealershipId`; the order
 * ends with `id`, so pages never overlap or skip rows; a search with nothing searchable in it
 * matches nothing. Without `ordering`, newest arrivals come first.
 */
export async function listVehicles(db: Database, dealershipId: string, q: VehicleListQuery, now = new Date()): Promise<VehiclePage> {
  const queries = vehicleListQueries(db, dealershipId, q);
  const [total, rows] = await Promise.all([queries.count, queries.page]);
  return { count: Number(total[0]?.n ?? 0), page: q.page, pageSize: q.page_size, results: rows.map((r) => toVehicleWire(r, now)) };
}

/** One vehicle of the caller's dealership, or null (also for another dealership's id or a deleted row). */
export async function getVehicle(db: Database, dealershipId: string, id: string, now = new Date()): Promise<VehicleWire | null> {
  const rows = await db.orm
    .select(vehicleColumns)
    .from(vehicles)
    .where(and(eq(vehicles.id, id), eq(vehicles.dealership_id, dealershipId), eq(vehicles.deleted, false)))
    .limit(1);
  const row = rows[0];
  return row ? toVehicleWire(row, now) : null;
}
