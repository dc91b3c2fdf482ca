import type { Sale } from '@lotbook/shared';

/** Newest sale date first; same date: the most recently created (UUIDv7 ids sort by time). */
export function newestFirst(a: Pick<Sale, 'sale_date' | 'id'>, b: Pick<Sale, 'sale_date' | 'id'>): number {
  const d = (Date.parse(b.sale_date) || 0) - (Date.parse(a.sale_date) || 0);
  return d !== 0 ? d : b.id < a.id ? -1 : b.id > a.id ? 1 : 0;
}

/** Whether `iso` falls in the same local calendar month as `now`. */
export function inMonth(iso: string, now: Date): boolean {
  const d = new Date(iso);
  return d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth();
}

export interface MonthTotals {
  count: number;
  revenue: number;
}

/** Completed sales dated this month: how many and what they add up to (cancelled and pending ones do not count). */
export function monthTotals(sales: readonly Pick<Sale, 'sale_date' | 'status' | 'sale_price'>[], now: Date): MonthTotals {
  let count = 0;
  let revenue = 0;
  for (const s of sales) {
    if (s.status !== 'completed' || !inMonth(s.sale_date, now)) continue;
    count += 1;
    revenue += s.sale_price;
  }
  return { count, revenue: Math.round(revenue * 100) / 100 };
}
