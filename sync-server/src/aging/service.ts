import { sql } from 'drizzle-orm';
import { AGED_AFTER_DAYS, agingBucket, suggestPrice, type AgingBucket, type PastSale, type PriceSuggestion } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';

export interface AgingCar {
  id: string;
  stock_number: string;
  make: string;
  model: string;
  year: number;
  body_type: string;
  price: number;
  promo_price: number | null;
  is_promotion: boolean;
  status: string;
  days_in_stock: number;
  bucket: AgingBucket;
  /** Aged cars only (more than 60 days). */
  suggestion: PriceSuggestion | null;
}

/** Completed sales with the days their car spent in stock: what the price suggestions learn from. */
export async function salesHistory(db: Sql, dealershipId: string): Promise<PastSale[]> {
  return db.rows<PastSale>(sql`
    SELECT v.body_type, v.make, v.price::float8 AS list_price, s.sale_price::float8 AS sale_price,
      greatest(0, floor(extract(epoch FROM s.sale_date - v.acquired_at) / 86400))::int AS days_in_stock
    FROM sales s JOIN vehicles v ON v.id = s.vehicle_id AND v.dealership_id = s.dealership_id
    WHERE s.dealership_id = ${dealershipId}::uuid AND s.status = 'completed' AND NOT s.deleted AND NOT v.deleted`);
}

/**
 * The cars in stock (not sold) with days in stock (calendar days in the dealership's time zone,
 * DOMAIN.md), oldest first, each aged car with its price suggestion; and the bucket counts.
 */
export async function agingReport(db: Sql, dealershipId: string, now: Date, minDays = 0) {
  const [cars, history] = await Promise.all([
    db.rows<Omit<AgingCar, 'bucket' | 'suggestion'>>(sql`
      SELECT v.id::text, v.stock_number, v.make, v.model, v.year, v.body_type, v.price::float8 AS price, v.promo_price::float8 AS promo_price, v.is_promotion, v.status,
        greatest(0, (${now.toISOString()}::timestamptz AT TIME ZONE d.timezone)::date - (v.acquired_at AT TIME ZONE d.timezone)::date)::int AS days_in_stock
      FROM vehicles v JOIN dealerships d ON d.id = v.dealership_id
      WHERE v.dealership_id = ${dealershipId}::uuid AND NOT v.deleted AND v.status <> 'sold'
      ORDER BY v.acquired_at, v.id`),
    salesHistory(db, dealershipId),
  ]);
  const buckets: Record<AgingBucket, number> = { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
  const list: AgingCar[] = [];
  for (const c of cars) {
    const bucket = agingBucket(c.days_in_stock);
    buckets[bucket] += 1;
    if (c.days_in_stock < minDays) continue;
    const suggestion = c.days_in_stock > AGED_AFTER_DAYS ? suggestPrice(c, history) : null;
    list.push({ ...c, bucket, suggestion });
  }
  return { as_of: now.toISOString(), aged_after_days: AGED_AFTER_DAYS, history_sales: history.length, buckets, aged: cars.filter((c) => c.days_in_stock > AGED_AFTER_DAYS).length, cars: list };
}
