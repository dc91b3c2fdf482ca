import { daysInStock, isAged, type Lead, type Sale, type Vehicle } from '@lotbook/shared';

export interface DailyFigures {
  /** The local calendar day the figures are about (yyyy-mm-dd). */
  day: string;
  salesCount: number;
  revenue: number;
  newLeads: number;
  wonLeads: number;
  lostLeads: number;
  inStock: number;
  reserved: number;
  aged: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The day before `now`, in the device's time zone. */
export function yesterdayOf(now: Date): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12);
  return localDay(d);
}

/**
 * The daily report's figures from what this device holds (a manager's device holds the whole
 * dealership): completed sales dated `day`, leads created, won or lost that day (by their last
 * update), and the stock today.
 */
export function dailyFigures(
  day: string,
  data: { sales: readonly Pick<Sale, 'sale_date' | 'status' | 'sale_price'>[]; leads: readonly Pick<Lead, 'created_at' | 'updated_at' | 'status'>[]; vehicles: readonly Pick<Vehicle, 'status' | 'acquired_at'>[] },
  now: Date,
): DailyFigures {
  const on = (iso: string) => localDay(new Date(iso)) === day;
  let salesCount = 0;
  let revenue = 0;
  for (const s of data.sales) {
    if (s.status !== 'completed' || !on(s.sale_date)) continue;
    salesCount += 1;
    revenue += s.sale_price;
  }
  let newLeads = 0;
  let wonLeads = 0;
  let lostLeads = 0;
  for (const l of data.leads) {
    if (on(l.created_at)) newLeads += 1;
    if (on(l.updated_at) && l.status === 'closed_won') wonLeads += 1;
    if (on(l.updated_at) && l.status === 'closed_lost') lostLeads += 1;
  }
  let inStock = 0;
  let reserved = 0;
  let aged = 0;
  for (const v of data.vehicles) {
    if (v.status === 'sold') continue;
    inStock += 1;
    if (v.status === 'reserved') reserved += 1;
    if (v.status === 'available' && isAged(daysInStock(v.acquired_at, now))) aged += 1;
  }
  return { day, salesCount, revenue: Math.round(revenue * 100) / 100, newLeads, wonLeads, lostLeads, inStock, reserved, aged };
}
