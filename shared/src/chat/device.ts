/**
 * The tools over in-memory records: what the device runs offline over its local data, and a
 * reference the server's SQL tools are tested against. Scope is applied here too: a salesperson
 * only counts their own leads. Pure (the caller passes the clock).
 */
import type { Role } from '../entities/enums.ts';
import type { Vehicle } from '../entities/vehicles.ts';
import type { Lead } from '../entities/leads.ts';
import type { Sale } from '../entities/sales.ts';
import type { LeadActivity } from '../entities/activities.ts';
import { fold, words } from './text.ts';
import { periodRange } from './period.ts';
import { effectiveStatus, HOT_LEAD_SCORE, OPEN_LEAD_STATUSES, pickOrdinal, type LeadRow, type ToolResult, type VehicleRow } from './tools.ts';
import type { ChatIntent, VehicleFilters, Vocabulary } from './types.ts';

type V = Pick<Vehicle, 'id' | 'stock_number' | 'make' | 'model' | 'trim' | 'year' | 'body_type' | 'color' | 'price' | 'mileage' | 'fuel_type' | 'transmission' | 'description' | 'features' | 'lot_location' | 'status' | 'acquired_at' | 'is_promotion' | 'promo_price'>;

export interface LocalData {
  vehicles: readonly V[];
  leads?: readonly Pick<Lead, 'id' | 'customer_id' | 'assigned_to' | 'source' | 'status' | 'score' | 'first_response_at'>[];
  customers?: readonly { id: string; first_name: string; last_name: string }[];
  activities?: readonly Pick<LeadActivity, 'lead_id' | 'due_at' | 'done'>[];
  sales?: readonly (Pick<Sale, 'id' | 'vehicle_id' | 'salesperson_id' | 'sale_price' | 'status' | 'sale_date'>)[];
}

export interface ToolContext { now: Date; timeZone: string; userId: string; role: Role; maxResults: number; previousIds: readonly string[] }

const DAY = 86_400_000;

export function askingPrice(v: Pick<V, 'price' | 'is_promotion' | 'promo_price'>): number {
  return v.is_promotion && v.promo_price !== null ? v.promo_price : v.price;
}

export function toVehicleRow(v: V, now: Date, relevance = 1): VehicleRow {
  const features = Object.entries(v.features ?? {}).filter(([, val]) => val === true || typeof val === 'string').map(([k, val]) => (val === true ? k : `${k}: ${String(val)}`)).slice(0, 12);
  return {
    id: v.id, stock_number: v.stock_number, make: v.make, model: v.model, trim: v.trim, year: v.year, price: askingPrice(v), list_price: v.price,
    is_promotion: v.is_promotion, lot_location: v.lot_location, status: v.status, mileage: v.mileage, fuel_type: v.fuel_type, transmission: v.transmission,
    body_type: v.body_type, color: v.color, days_in_stock: Math.max(0, Math.floor((now.getTime() - Date.parse(v.acquired_at)) / DAY)), features, relevance,
  };
}

/** True iff the vehicle passes every structured filter (text is ranking only, see rank). */
export function matchesFilters(v: V, f: VehicleFilters, status = true): boolean {
  const p = askingPrice(v);
  return (!f.make || fold(v.make) === fold(f.make))
    && (!f.model || fold(v.model) === fold(f.model))
    && (!f.body_type || v.body_type === f.body_type)
    && (!f.fuel_type || v.fuel_type === f.fuel_type)
    && (!f.transmission || (f.transmission === 'manual' ? v.transmission === 'manual' : v.transmission !== 'manual'))
    && (!status || v.status === effectiveStatus(f))
    && (f.year_min === undefined || v.year >= f.year_min) && (f.year_max === undefined || v.year <= f.year_max)
    && (f.price_min === undefined || p >= f.price_min) && (f.price_max === undefined || p <= f.price_max)
    && (f.mileage_min === undefined || v.mileage >= f.mileage_min) && (f.mileage_max === undefined || v.mileage <= f.mileage_max);
}

function textScore(v: V, terms: readonly string[]): number {
  if (terms.length === 0) return 1;
  const hay = new Set(words(`${v.make} ${v.model} ${v.trim ?? ''} ${v.color ?? ''} ${v.description} ${Object.keys(v.features ?? {}).join(' ')}`));
  const hits = terms.filter((t) => [...hay].some((h) => h.startsWith(t))).length;
  return hits / terms.length;
}

/** Filtered vehicles, best text match first, then cheapest. */
function searchLocal(data: LocalData, f: VehicleFilters, now: Date): VehicleRow[] {
  const terms = f.text ? words(f.text) : [];
  const rows: VehicleRow[] = [];
  for (const v of data.vehicles) {
    if (!matchesFilters(v, f)) continue;
    const score = textScore(v, terms);
    if (terms.length > 0 && score === 0 && !hasAny(f)) continue;
    rows.push(toVehicleRow(v, now, score));
  }
  return rows.toSorted((a, b) => b.relevance - a.relevance || a.price - b.price || a.id.localeCompare(b.id));
}

function hasAny(f: VehicleFilters): boolean {
  return Object.entries(f).some(([k, v]) => k !== 'text' && v !== undefined);
}

export function vocabularyOf(vehicles: readonly Pick<V, 'make' | 'model'>[]): Vocabulary {
  const makes = new Set<string>();
  const models = new Map<string, { make: string; model: string }>();
  for (const v of vehicles) { makes.add(v.make); models.set(`${v.make}\u0000${v.model}`, { make: v.make, model: v.model }); }
  return { makes: [...makes], models: [...models.values()] };
}

/** Runs the intent's tool over local data. Sales need the server unless the caller's own are present. */
export function runLocalTool(intent: ChatIntent, data: LocalData, ctx: ToolContext): ToolResult {
  const limit = Math.max(1, Math.min(ctx.maxResults, 50));
  // Managers, admins and viewers see the dealership; a salesperson only their own leads and sales.
  const sees = (assigned: string | null) => ctx.role !== 'sales' || assigned === ctx.userId;
  switch (intent.kind) {
    case 'help': return { kind: 'help' };
    case 'search_vehicles': {
      const rows = searchLocal(data, intent.filters, ctx.now);
      return { kind: 'vehicles', filters: intent.filters, count_only: intent.count_only, total: rows.length, rows: intent.count_only ? [] : rows.slice(0, limit) };
    }
    case 'vehicle_detail': {
      const id = pickOrdinal(ctx.previousIds, intent.ordinal);
      if (!id) return { kind: 'not_found', what: 'previous_result' };
      const v = data.vehicles.find((x) => x.id === id);
      return { kind: 'vehicle', row: v ? toVehicleRow(v, ctx.now) : null };
    }
    case 'aged_inventory': {
      const cutoff = ctx.now.getTime() - intent.min_days * DAY;
      const rows = data.vehicles
        .filter((v) => v.status !== 'sold' && Date.parse(v.acquired_at) < cutoff && matchesFilters(v, intent.filters, intent.filters.status !== undefined))
        .map((v) => toVehicleRow(v, ctx.now))
        .toSorted((a, b) => b.days_in_stock - a.days_in_stock || a.id.localeCompare(b.id));
      return { kind: 'aged', min_days: intent.min_days, total: rows.length, rows: rows.slice(0, limit) };
    }
    case 'lead_stats': {
      const counts = new Map<string, number>();
      let total = 0;
      for (const l of data.leads ?? []) {
        if (!sees(l.assigned_to)) continue;
        if (intent.source && l.source !== intent.source) continue;
        if (intent.status && l.status !== intent.status) continue;
        const key = intent.group_by === 'source' ? l.source : l.status;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        total++;
      }
      const groups = [...counts].map(([key, count]) => ({ key, count })).toSorted((a, b) => b.count - a.count || a.key.localeCompare(b.key));
      return { kind: 'lead_counts', group_by: intent.group_by, ...(intent.source ? { source: intent.source } : {}), ...(intent.status ? { status: intent.status } : {}), total, groups };
    }
    case 'leads_attention': {
      const now = ctx.now.getTime();
      const overdue = new Set((data.activities ?? []).filter((a) => !a.done && a.due_at !== null && Date.parse(a.due_at) < now).map((a) => a.lead_id));
      const names = new Map((data.customers ?? []).map((c) => [c.id, `${c.first_name} ${c.last_name}`.trim()]));
      const rows: LeadRow[] = [];
      for (const l of data.leads ?? []) {
        if (!sees(l.assigned_to) || !OPEN_LEAD_STATUSES.includes(l.status)) continue;
        const reasons: LeadRow['reasons'] = [];
        if (l.score >= HOT_LEAD_SCORE) reasons.push('hot');
        if (l.status === 'new' && l.first_response_at === null) reasons.push('no_first_response');
        if (overdue.has(l.id)) reasons.push('overdue_follow_up');
        if (reasons.length > 0) rows.push({ id: l.id, customer_name: names.get(l.customer_id) ?? '—', status: l.status, score: l.score, reasons });
      }
      rows.sort((a, b) => b.reasons.length - a.reasons.length || b.score - a.score || a.id.localeCompare(b.id));
      return { kind: 'leads_attention', total: rows.length, rows: rows.slice(0, limit) };
    }
    case 'sales_stats': {
      const { from, to } = periodRange(intent.period, ctx.now, ctx.timeZone);
      const byId = new Map(data.vehicles.map((v) => [v.id, v]));
      const groups = new Map<string, { count: number; revenue: number }>();
      const ids: string[] = [];
      let revenue = 0;
      for (const s of data.sales ?? []) {
        if (s.status !== 'completed' || !sees(s.salesperson_id)) continue;
        const t = Date.parse(s.sale_date);
        if (t < from.getTime() || t >= to.getTime()) continue;
        const v = byId.get(s.vehicle_id);
        if (intent.make && (!v || fold(v.make) !== fold(intent.make))) continue;
        if (intent.model && (!v || fold(v.model) !== fold(intent.model))) continue;
        ids.push(s.id);
        revenue += s.sale_price;
        if (intent.group_by && v) {
          const key = intent.group_by === 'make' ? v.make : `${v.make} ${v.model}`;
          const g = groups.get(key) ?? { count: 0, revenue: 0 };
          g.count++; g.revenue += s.sale_price; groups.set(key, g);
        }
      }
      return {
        kind: 'sales', metric: intent.metric, period: intent.period, ...(intent.make ? { make: intent.make } : {}), ...(intent.model ? { model: intent.model } : {}),
        count: ids.length, revenue, mine: ctx.role === 'sales', avg_price: ids.length > 0 ? Math.round(revenue / ids.length) : null,
        groups: [...groups].map(([key, g]) => ({ key, ...g })).toSorted((a, b) => b.count - a.count || a.key.localeCompare(b.key)), sale_ids: ids.slice(0, 50),
      };
    }
  }
}

/** Whether the device can answer this intent from its own data (sales history across the dealership cannot). */
export function answerableOnDevice(intent: ChatIntent, role: Role): boolean {
  if (intent.kind === 'sales_stats') return role === 'sales';
  return true;
}
