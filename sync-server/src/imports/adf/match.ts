import { sql } from 'drizzle-orm';
import type { Sql } from '../../db/client.ts';
import type { AdfVehicle } from './parse.ts';

const FOLD = (expr: ReturnType<typeof sql>) => sql`translate(lower(${expr}), 'áàäâãåéèëêíìïîóòöôõúùüûñçý', 'aaaaaaeeeeiiiiooooouuuuncy')`;

/**
 * The stock car a prospect asks about: by VIN, then stock number, then make + model (+ year),
 * accents and case ignored; an available car wins over a reserved or sold one.
 */
export async function matchVehicle(tx: Sql, dealershipId: string, v: AdfVehicle): Promise<{ id: string; label: string } | null> {
  const tries = [
    v.vin ? sql`upper(vin) = ${v.vin}` : null,
    v.stock ? sql`lower(stock_number) = lower(${v.stock})` : null,
    v.make && v.model
      ? sql`${FOLD(sql`make`)} = ${FOLD(sql`${v.make}`)} AND ${FOLD(sql`model`)} = ${FOLD(sql`${v.model}`)} ${v.year ? sql`AND year = ${v.year}` : sql``}`
      : null,
  ];
  for (const where of tries) {
    if (!where) continue;
    const [row] = await tx.rows<{ id: string; label: string }>(sql`SELECT id, make || ' ' || model || ' ' || year || ' (' || stock_number || ')' AS label
      FROM vehicles WHERE dealership_id = ${dealershipId} AND NOT deleted AND ${where}
      ORDER BY (status = 'available') DESC, acquired_at DESC LIMIT 1`);
    if (row) return row;
  }
  return null;
}
