/**
 * The assistant's read-only tools: their definitions (JSON Schema, as an LLM provider takes them),
 * the call a parsed intent makes, and the shapes of their results. The server runs them in SQL, the
 * device over its local data (device.ts); both return these shapes. Pure.
 */
import { BODY_TYPES, FUEL_TYPES, LEAD_SOURCES, LEAD_STATUSES, VEHICLE_STATUSES } from '../entities/enums.ts';
import type { BodyType, FuelType, LeadSource, LeadStatus, VehicleStatus } from '../entities/enums.ts';
import type { ChatIntent, SalesMetric, SalesPeriod, VehicleFilters } from './types.ts';

export const TOOL_NAMES = ['search_vehicles', 'get_vehicle', 'sales_stats', 'lead_stats', 'leads_needing_attention', 'aged_inventory'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

const num = { type: 'number' } as const;
const vehicleFilterProps = {
  make: { type: 'string' }, model: { type: 'string' },
  body_type: { type: 'string', enum: [...BODY_TYPES] }, fuel_type: { type: 'string', enum: [...FUEL_TYPES] },
  transmission: { type: 'string', enum: ['manual', 'automatic'], description: 'automatic includes cvt' },
  status: { type: 'string', enum: [...VEHICLE_STATUSES], description: 'default available' },
  year_min: num, year_max: num, price_min: num, price_max: num, mileage_min: num, mileage_max: num,
  text: { type: 'string', description: 'free text for full-text and semantic search' },
};

export interface ToolDefinition { name: ToolName; description: string; parameters: Record<string, unknown> }

export const TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  { name: 'search_vehicles', description: 'Search the lot with structured filters (prices in EUR, inclusive bounds) and optional free text.', parameters: { type: 'object', properties: { ...vehicleFilterProps, limit: num }, additionalProperties: false } },
  { name: 'get_vehicle', description: 'One vehicle: price, lot location, days in stock, availability, features.', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false } },
  { name: 'sales_stats', description: 'Completed sales: count, revenue and average price, optionally for a make or model, for a period.', parameters: { type: 'object', properties: { metric: { type: 'string', enum: ['count', 'revenue', 'avg_price'] }, period: { type: 'string', enum: ['today', 'this_week', 'this_month', 'last_month', 'this_year', 'last_year'] }, make: { type: 'string' }, model: { type: 'string' }, group_by: { type: 'string', enum: ['make', 'model'] } }, required: ['metric', 'period'], additionalProperties: false } },
  { name: 'lead_stats', description: 'Lead counts grouped by source or status, optionally for one source or status.', parameters: { type: 'object', properties: { group_by: { type: 'string', enum: ['source', 'status'] }, source: { type: 'string', enum: [...LEAD_SOURCES] }, status: { type: 'string', enum: [...LEAD_STATUSES] } }, required: ['group_by'], additionalProperties: false } },
  { name: 'leads_needing_attention', description: 'Open leads that are hot (score >= 70), still without a first response, or with an overdue follow-up.', parameters: { type: 'object', properties: {}, additionalProperties: false } },
  { name: 'aged_inventory', description: 'Unsold vehicles in stock for more than min_days days (default 60), oldest first.', parameters: { type: 'object', properties: { min_days: num, ...vehicleFilterProps }, additionalProperties: false } },
];

/** A lead is hot at this score or more while open. */
export const HOT_LEAD_SCORE = 70;
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = ['new', 'contacted', 'qualified', 'negotiating'];

export interface VehicleRow {
  id: string; stock_number: string; make: string; model: string; trim: string | null; year: number;
  /** The asking price: the promotion price while a promotion runs, else the list price. */
  price: number; list_price: number; is_promotion: boolean;
  lot_location: string | null; status: VehicleStatus; mileage: number; fuel_type: FuelType;
  transmission: string; body_type: BodyType; color: string | null; days_in_stock: number;
  features: string[];
  /** 0..1, how well it matched the question. */
  relevance: number;
}

export interface LeadRow { id: string; customer_name: string; status: LeadStatus; score: number; reasons: ('hot' | 'no_first_response' | 'overdue_follow_up')[] }

export type ToolResult =
  | { kind: 'vehicles'; filters: VehicleFilters; count_only: boolean; total: number; rows: VehicleRow[] }
  | { kind: 'vehicle'; row: VehicleRow | null }
  | { kind: 'sales'; metric: SalesMetric; period: SalesPeriod; make?: string; model?: string; count: number; revenue: number; avg_price: number | null; /** Counted over the caller's own sales (a salesperson). */ mine: boolean; groups: { key: string; count: number; revenue: number }[]; sale_ids: string[] }
  | { kind: 'lead_counts'; group_by: 'source' | 'status'; source?: LeadSource; status?: LeadStatus; total: number; groups: { key: string; count: number }[] }
  | { kind: 'leads_attention'; total: number; rows: LeadRow[] }
  | { kind: 'aged'; min_days: number; total: number; rows: VehicleRow[] }
  | { kind: 'help' }
  | { kind: 'not_found'; what: 'previous_result' }
  /** The request's context left this data out (`include_inventory` / `include_leads` false). */
  | { kind: 'excluded'; what: 'inventory' | 'leads' };

/** Which tool an intent calls (vehicle_detail is resolved against the previous answer's records). */
export function toolFor(intent: ChatIntent): ToolName | null {
  switch (intent.kind) {
    case 'search_vehicles': return 'search_vehicles';
    case 'vehicle_detail': return 'get_vehicle';
    case 'sales_stats': return 'sales_stats';
    case 'lead_stats': return 'lead_stats';
    case 'leads_attention': return 'leads_needing_attention';
    case 'aged_inventory': return 'aged_inventory';
    case 'help': return null;
  }
}

/** Which data an intent reads: the request context can leave inventory or leads out. */
export function dataOf(intent: ChatIntent): 'inventory' | 'leads' | 'sales' | null {
  switch (intent.kind) {
    case 'search_vehicles': case 'vehicle_detail': case 'aged_inventory': return 'inventory';
    case 'lead_stats': case 'leads_attention': return 'leads';
    case 'sales_stats': return 'sales';
    case 'help': return null;
  }
}

/** Search without an explicit status means cars one can sell today. */
export function effectiveStatus(f: VehicleFilters): VehicleStatus {
  return f.status ?? 'available';
}

/** The vehicle ids an answer listed, in order, so "el segundo" can be resolved. */
export function listedIds(result: ToolResult): string[] {
  if (result.kind === 'vehicles' && !result.count_only) return result.rows.map((r) => r.id);
  if (result.kind === 'aged') return result.rows.map((r) => r.id);
  if (result.kind === 'vehicle' && result.row) return [result.row.id];
  return [];
}

/** Picks the record "el segundo" / "the last one" points at, or null. */
export function pickOrdinal(ids: readonly string[], ordinal: number): string | null {
  if (ordinal === -1) return ids[ids.length - 1] ?? null;
  return ids[ordinal - 1] ?? null;
}

export type SourceRef = { type: 'vehicle' | 'lead' | 'sale'; id: string; relevance_score: number };

/** Every record the answer names, as the API's `sources`. */
export function sourcesOf(result: ToolResult): SourceRef[] {
  switch (result.kind) {
    case 'vehicles': return result.count_only ? [] : result.rows.map((r) => ({ type: 'vehicle', id: r.id, relevance_score: r.relevance }));
    case 'aged': return result.rows.map((r) => ({ type: 'vehicle', id: r.id, relevance_score: r.relevance }));
    case 'vehicle': return result.row ? [{ type: 'vehicle', id: result.row.id, relevance_score: 1 }] : [];
    case 'leads_attention': return result.rows.map((r) => ({ type: 'lead', id: r.id, relevance_score: 1 }));
    case 'sales': return result.sale_ids.map((id) => ({ type: 'sale', id, relevance_score: 1 }));
    default: return [];
  }
}
