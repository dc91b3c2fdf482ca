/**
 * Answers in the question's language, written from tool results only (never from record text as
 * instructions: descriptions are not quoted). Each listed record carries its app link. Pure.
 */
import type { ToolResult, VehicleRow } from './tools.ts';
import type { ChatLang, SalesPeriod, VehicleFilters } from './types.ts';
import { effectiveStatus } from './tools.ts';

const T = {
  es: {
    status: { available: 'disponible', reserved: 'reservado', sold: 'vendido', maintenance: 'en taller' },
    fuel: { gasoline: 'gasolina', diesel: 'diésel', hybrid: 'híbrido', electric: 'eléctrico' },
    body: { suv: 'SUV', sedan: 'berlina', hatchback: 'compacto', wagon: 'familiar', coupe: 'coupé', convertible: 'descapotable', pickup: 'pick-up', van: 'furgoneta', minivan: 'monovolumen' },
    gear: { automatic: 'automático', manual: 'manual' },
    period: { today: 'hoy', this_week: 'esta semana', this_month: 'este mes', last_month: 'el mes pasado', this_year: 'este año', last_year: 'el año pasado' },
    source: { website: 'web', phone: 'teléfono', social: 'redes sociales', referral: 'referidos', walk_in: 'exposición', adf: 'portales (ADF)', email: 'email', event: 'eventos', other: 'otros' },
    leadStatus: { new: 'nuevos', contacted: 'contactados', qualified: 'cualificados', negotiating: 'en negociación', closed_won: 'ganados', closed_lost: 'perdidos' },
    reason: { hot: 'caliente', no_first_response: 'sin primera respuesta', overdue_follow_up: 'seguimiento vencido' },
    lot: 'lote', noLot: 'sin ubicación', km: 'km', days: 'días en stock', promo: 'promoción',
  },
  en: {
    status: { available: 'available', reserved: 'reserved', sold: 'sold', maintenance: 'in the shop' },
    fuel: { gasoline: 'gasoline', diesel: 'diesel', hybrid: 'hybrid', electric: 'electric' },
    body: { suv: 'SUV', sedan: 'sedan', hatchback: 'hatchback', wagon: 'wagon', coupe: 'coupe', convertible: 'convertible', pickup: 'pickup', van: 'van', minivan: 'minivan' },
    gear: { automatic: 'automatic', manual: 'manual' },
    period: { today: 'today', this_week: 'this week', this_month: 'this month', last_month: 'last month', this_year: 'this year', last_year: 'last year' },
    source: { website: 'website', phone: 'phone', social: 'social media', referral: 'referrals', walk_in: 'walk-ins', adf: 'portals (ADF)', email: 'email', event: 'events', other: 'other' },
    leadStatus: { new: 'new', contacted: 'contacted', qualified: 'qualified', negotiating: 'negotiating', closed_won: 'won', closed_lost: 'lost' },
    reason: { hot: 'hot', no_first_response: 'no first response', overdue_follow_up: 'follow-up overdue' },
    lot: 'lot', noLot: 'no lot location', km: 'km', days: 'days in stock', promo: 'promotion',
  },
} as const;

export function formatMoney(lang: ChatLang, n: number): string {
  return new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-IE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, useGrouping: true }).format(n);
}
function int(lang: ChatLang, n: number): string {
  return new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-IE', { useGrouping: true }).format(n);
}

/** "SUV Toyota híbrido, hasta 40.000 €" — what was searched, in words. */
export function describeFilters(lang: ChatLang, f: VehicleFilters): string {
  const t = T[lang];
  const parts: string[] = [];
  const name = [f.make, f.model].filter(Boolean).join(' ');
  if (f.body_type) parts.push(lang === 'es' ? `${t.body[f.body_type]}${name ? ` ${name}` : ''}` : `${name ? `${name} ` : ''}${t.body[f.body_type]}`);
  else if (name) parts.push(name);
  if (f.fuel_type) parts.push(t.fuel[f.fuel_type]);
  if (f.transmission) parts.push(t.gear[f.transmission]);
  const range = (lo: number | undefined, hi: number | undefined, fmt: (n: number) => string) =>
    lo !== undefined && hi !== undefined ? (lang === 'es' ? `entre ${fmt(lo)} y ${fmt(hi)}` : `between ${fmt(lo)} and ${fmt(hi)}`)
      : hi !== undefined ? (lang === 'es' ? `hasta ${fmt(hi)}` : `up to ${fmt(hi)}`)
        : lo !== undefined ? (lang === 'es' ? `desde ${fmt(lo)}` : `from ${fmt(lo)}`) : null;
  const price = range(f.price_min, f.price_max, (n) => formatMoney(lang, n));
  if (price) parts.push(price);
  if (f.year_min !== undefined && f.year_min === f.year_max) parts.push(String(f.year_min));
  else { const y = range(f.year_min, f.year_max, String); if (y) parts.push(lang === 'es' ? `año ${y}` : `year ${y}`); }
  const km = range(f.mileage_min, f.mileage_max, (n) => `${int(lang, n)} km`);
  if (km) parts.push(km);
  parts.push(t.status[effectiveStatus(f)]);
  return parts.join(', ');
}

export function vehicleLine(lang: ChatLang, v: VehicleRow, i: number): string {
  const t = T[lang];
  const name = [v.make, v.model, v.trim, String(v.year)].filter(Boolean).join(' ');
  const price = v.is_promotion && v.price < v.list_price ? `${formatMoney(lang, v.price)} (${t.promo}; ${formatMoney(lang, v.list_price)})` : formatMoney(lang, v.price);
  const lot = v.lot_location ? `${t.lot} ${v.lot_location}` : t.noLot;
  return `${i + 1}. ${name} — ${price} — ${lot} — ${t.status[v.status]} — ${int(lang, v.mileage)} ${t.km} — /vehicles/${v.id}`;
}

/** "1 coche" / "3 coches", "1 car" / "3 cars". */
function cars(lang: ChatLang, n: number): string {
  return lang === 'es' ? `${n} ${n === 1 ? 'coche' : 'coches'}` : `${n} ${n === 1 ? 'car' : 'cars'}`;
}

function periodWord(lang: ChatLang, p: SalesPeriod): string {
  return T[lang].period[p];
}

/** The answer text for a tool result. `shown` is how many rows the list holds. */
export function renderAnswer(lang: ChatLang, result: ToolResult): string {
  const t = T[lang];
  const es = lang === 'es';
  switch (result.kind) {
    case 'help':
      return es
        ? 'Puedo buscar coches del lote ("SUVs Toyota bajo 40.000 €"), contar ventas ("¿Cuántos Camry vendimos este mes?"), resumir leads por origen o estado, listar leads que necesitan atención y el stock envejecido.'
        : 'I can search the lot ("Toyota SUVs under €40,000"), count sales ("How many Camry did we sell this month?"), summarise leads by source or status, list leads needing attention and aged stock.';
    case 'not_found':
      return es ? 'No sé a qué coche te refieres: pregunta primero por una lista de coches.' : 'I do not know which car you mean: ask for a list of cars first.';
    case 'excluded':
      return result.what === 'leads'
        ? (es ? 'Esta pregunta necesita los leads, y esta conversación no los incluye (include_leads).' : 'This question needs the leads, and this conversation does not include them (include_leads).')
        : (es ? 'Esta pregunta necesita el inventario, y esta conversación no lo incluye (include_inventory).' : 'This question needs the inventory, and this conversation does not include it (include_inventory).');
    case 'vehicles': {
      const what = describeFilters(lang, result.filters);
      if (result.count_only) return es ? `Hay ${cars(lang, result.total)} (${what}).` : `There ${result.total === 1 ? 'is' : 'are'} ${cars(lang, result.total)} (${what}).`;
      if (result.total === 0) return es ? `No encontré coches (${what}).` : `I found no cars (${what}).`;
      const head = es ? `Encontré ${cars(lang, result.total)} (${what})` : `I found ${cars(lang, result.total)} (${what})`;
      const more = result.total > result.rows.length ? (es ? `; estos son los ${result.rows.length} primeros` : `; here are the first ${result.rows.length}`) : '';
      return `${head}${more}:\n${result.rows.map((v, i) => vehicleLine(lang, v, i)).join('\n')}`;
    }
    case 'vehicle': {
      const v = result.row;
      if (!v) return es ? 'Ese coche ya no está en tus datos.' : 'That car is no longer in your data.';
      const feats = v.features.length > 0 ? `\n${es ? 'Equipamiento' : 'Features'}: ${v.features.join(', ')}` : '';
      return `${vehicleLine(lang, v, 0).slice(3)}\n${t.fuel[v.fuel_type]}, ${t.body[v.body_type]}, ${v.transmission === 'manual' ? t.gear.manual : t.gear.automatic}${v.color ? `, ${v.color}` : ''}; ${v.days_in_stock} ${t.days}; ${es ? 'stock' : 'stock no.'} ${v.stock_number}${feats}`;
    }
    case 'sales': {
      const subject = [result.make, result.model].filter(Boolean).join(' ');
      const p = periodWord(lang, result.period);
      let text: string;
      if (result.metric === 'revenue') text = es ? `Ingresos por ventas${subject ? ` de ${subject}` : ''} ${p}: ${formatMoney(lang, result.revenue)} (${result.count} ventas).` : `Sales revenue${subject ? ` for ${subject}` : ''} ${p}: ${formatMoney(lang, result.revenue)} (${result.count} sales).`;
      else if (result.metric === 'avg_price') text = result.avg_price === null ? (es ? `No hubo ventas${subject ? ` de ${subject}` : ''} ${p}.` : `No sales${subject ? ` of ${subject}` : ''} ${p}.`) : es ? `Precio medio de venta${subject ? ` de ${subject}` : ''} ${p}: ${formatMoney(lang, result.avg_price)} (${result.count} ventas).` : `Average sale price${subject ? ` for ${subject}` : ''} ${p}: ${formatMoney(lang, result.avg_price)} (${result.count} sales).`;
      else text = es ? `${p[0]?.toUpperCase()}${p.slice(1)} se ${result.count === 1 ? 'vendió' : 'vendieron'} ${subject ? `${result.count} ${subject}` : cars(lang, result.count)} (${formatMoney(lang, result.revenue)}).` : `${subject ? `${result.count} ${subject}` : cars(lang, result.count)} sold ${p} (${formatMoney(lang, result.revenue)}).`;
      if (result.mine) text += es ? ' (solo tus ventas)' : ' (your own sales only)';
      if (result.groups.length > 0) text += `\n${result.groups.map((g) => `- ${g.key}: ${g.count} (${formatMoney(lang, g.revenue)})`).join('\n')}`;
      return text;
    }
    case 'lead_counts': {
      const label = (k: string) => (result.group_by === 'source' ? t.source[k as keyof typeof t.source] : t.leadStatus[k as keyof typeof t.leadStatus]) ?? k;
      const filter = result.source ? ` (${t.source[result.source]})` : result.status ? ` (${t.leadStatus[result.status]})` : '';
      const head = es ? `Leads${filter}: ${result.total} en total, por ${result.group_by === 'source' ? 'origen' : 'estado'}:` : `Leads${filter}: ${result.total} in total, by ${result.group_by}:`;
      return `${head}\n${result.groups.map((g) => `- ${label(g.key)}: ${g.count}`).join('\n')}`;
    }
    case 'leads_attention': {
      if (result.total === 0) return es ? 'Ningún lead necesita atención ahora mismo.' : 'No lead needs attention right now.';
      const head = es ? `${result.total} leads necesitan atención` : `${result.total} leads need attention`;
      const lines = result.rows.map((l, i) => `${i + 1}. ${l.customer_name} — ${l.reasons.map((r) => t.reason[r]).join(', ')} — ${es ? 'puntuación' : 'score'} ${l.score} — /leads/${l.id}`);
      return `${head}${result.total > result.rows.length ? (es ? ` (los ${result.rows.length} primeros)` : ` (first ${result.rows.length})`) : ''}:\n${lines.join('\n')}`;
    }
    case 'aged': {
      if (result.total === 0) return es ? `Ningún coche lleva más de ${result.min_days} días en stock.` : `No car has been in stock for more than ${result.min_days} days.`;
      const head = es ? `${result.total} coches llevan más de ${result.min_days} días en stock` : `${result.total} cars have been in stock for more than ${result.min_days} days`;
      const lines = result.rows.map((v, i) => `${vehicleLine(lang, v, i)} — ${v.days_in_stock} ${t.days}`);
      return `${head}${result.total > result.rows.length ? (es ? ` (los ${result.rows.length} más antiguos)` : ` (the ${result.rows.length} oldest)`) : ''}:\n${lines.join('\n')}`;
    }
  }
}
