import { sql } from 'drizzle-orm';
import { localClock } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';
import { notify } from '../notifications/notify.ts';
import { agingReport } from './service.ts';

const LISTED = 10;
const euros = (n: number, lang: 'es' | 'en') => new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);

/**
 * The daily aged-inventory digest of one dealership: one `aged_inventory` notification per
 * manager and admin listing the cars over 60 days (oldest first) with their suggested price and
 * what it rests on. Only from 08:00 local time, once per local day (the dedup key). Returns how
 * many managers were notified.
 */
export async function sendAgingDigest(db: Sql, dealershipId: string, now: Date): Promise<number> {
  const [d] = await db.rows<{ timezone: string }>(sql`SELECT timezone FROM dealerships WHERE id = ${dealershipId}::uuid`);
  if (!d) return 0;
  const local = localClock(now, d.timezone);
  if (local.time < '08:00') return 0;
  const report = await agingReport(db, dealershipId, now, 61);
  if (report.cars.length === 0) return 0;
  const line = (lang: 'es' | 'en') =>
    report.cars
      .slice(0, LISTED)
      .map((c) => {
        const s = c.suggestion;
        const segment = s?.segment === 'dealership' ? (lang === 'es' ? 'de todas las ventas' : 'of all sales') : (s?.segment_label ?? '');
        const basis = !s ? '' : s.basis === 'history' ? (lang === 'es' ? ` (historial ${segment}, ${s.sales_count} ventas)` : ` (history ${segment}, ${s.sales_count} sales)`) : lang === 'es' ? ' (regla por defecto: sin historial suficiente)' : ' (fallback rule: too little history)';
        return `${c.make} ${c.model} ${c.stock_number}: ${c.days_in_stock} ${lang === 'es' ? 'días' : 'days'}, ${euros(c.price, lang)} → ${s ? euros(s.suggested_price, lang) : '—'}${basis}`;
      })
      .join('\n') + (report.cars.length > LISTED ? `\n+${report.cars.length - LISTED}` : '');
  const managers = await db.rows<{ id: string }>(sql`SELECT id::text FROM users WHERE dealership_id = ${dealershipId}::uuid AND role IN ('admin', 'manager') AND is_active AND NOT deleted ORDER BY id`);
  let sent = 0;
  for (const m of managers) {
    const ok = await notify(db, {
      dealershipId,
      userId: m.id,
      type: 'aged_inventory',
      priority: 'normal',
      dedupKey: `aged-inventory:${dealershipId}:${local.date}`,
      title: { es: `${report.cars.length} coches con más de 60 días en stock`, en: `${report.cars.length} cars over 60 days in stock` },
      body: { es: line('es'), en: line('en') },
      link: '/inventory/aging',
      data: { vehicle_ids: report.cars.map((c) => c.id) },
    });
    if (ok) sent += 1;
  }
  return sent;
}
