import { sql } from 'drizzle-orm';
import { checkSalePriceAgainstList, type PushableCollection } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';
import type { Doc, Verdict } from './rules.ts';

/**
 * Rules that need the database: uniqueness and the vehicle behind a sale. They run inside the
 * push transaction, after the dealership lock, so no concurrent write can slip in between.
 */
export async function checkFacts(tx: Sql, collection: PushableCollection, dealershipId: string, id: string, next: Doc, current: Doc | null): Promise<Verdict> {
  if (collection === 'vehicles') {
    const dup = await tx.rows(sql`SELECT 1 FROM vehicles WHERE dealership_id = ${dealershipId}::uuid AND vin = ${String(next.vin)} AND id <> ${id}::uuid AND NOT deleted`);
    if (dup.length) return { ok: false, reason: 'duplicate', message: `Another vehicle already has VIN ${String(next.vin)}` };
  }
  if (collection === 'customers') {
    if (typeof next.email === 'string') {
      const dup = await tx.rows(sql`SELECT 1 FROM customers WHERE dealership_id = ${dealershipId}::uuid AND lower(email) = lower(${next.email}) AND id <> ${id}::uuid AND NOT deleted`);
      if (dup.length) return { ok: false, reason: 'duplicate', message: `Another customer already uses ${next.email}` };
    }
    if (typeof next.national_id === 'string') {
      const dup = await tx.rows(sql`SELECT 1 FROM customers WHERE dealership_id = ${dealershipId}::uuid AND upper(national_id) = upper(${next.national_id}) AND id <> ${id}::uuid AND NOT deleted`);
      if (dup.length) return { ok: false, reason: 'duplicate', message: `Another customer already has national id ${next.national_id}` };
    }
  }
  if (collection === 'leads' && next.assigned_to != null && (!current || current.assigned_to !== next.assigned_to)) {
    // The owner of a lead is an active member of the dealership who can work it (not a viewer).
    const u = await tx.rows(sql`
      SELECT 1 FROM users WHERE id = ${String(next.assigned_to)}::uuid AND dealership_id = ${dealershipId}::uuid
        AND is_active AND NOT deleted AND role IN ('sales', 'manager', 'admin')`);
    if (!u.length) return { ok: false, reason: 'invalid_document', message: 'assigned_to: the lead can only go to an active salesperson or manager' };
  }
  if (collection === 'sales' && next.status !== 'cancelled' && (!current || Number(current.sale_price) !== Number(next.sale_price))) {
    // The same bound the device applies before saving (shared salePriceVsList): a price typed a
    // thousand times too low or too high is refused, not recorded as a sale.
    const v = await tx.rows<{ price: string | null }>(sql`
      SELECT price::text AS price FROM vehicles WHERE id = ${String(next.vehicle_id)}::uuid AND dealership_id = ${dealershipId}::uuid AND NOT deleted`);
    const list = v[0]?.price == null ? null : Number(v[0].price);
    const r = checkSalePriceAgainstList(Number(next.sale_price), list);
    if (!r.ok) return { ok: false, reason: 'invalid_document', message: `sale_price: ${r.message}` };
  }
  if (collection === 'sales' && next.status !== 'cancelled' && (!current || current.status !== next.status)) {
    const v = await tx.rows<{ status: string; reserved_by: string | null; name: string | null }>(sql`
      SELECT v.status, v.reserved_by::text AS reserved_by, u.first_name || ' ' || u.last_name AS name
      FROM vehicles v LEFT JOIN users u ON u.id = v.reserved_by AND u.dealership_id = v.dealership_id
      WHERE v.id = ${String(next.vehicle_id)}::uuid AND v.dealership_id = ${dealershipId}::uuid AND NOT v.deleted`);
    const vehicle = v[0];
    if (!vehicle) return { ok: false, reason: 'vehicle_not_found', message: 'The vehicle of this sale does not exist' };
    const other = await tx.rows(sql`SELECT 1 FROM sales WHERE dealership_id = ${dealershipId}::uuid AND vehicle_id = ${String(next.vehicle_id)}::uuid AND id <> ${id}::uuid AND status = 'completed' AND NOT deleted`);
    if (other.length) return { ok: false, reason: 'vehicle_already_sold', message: 'This vehicle has already been sold' };
    if (vehicle.status === 'reserved' && vehicle.reserved_by && vehicle.reserved_by !== next.salesperson_id) {
      return { ok: false, reason: 'vehicle_already_reserved', message: `The vehicle is reserved by ${vehicle.name ?? 'someone else'}` };
    }
  }
  return { ok: true };
}
