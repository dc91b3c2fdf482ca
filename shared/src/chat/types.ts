import type { BodyType, FuelType, LeadSource, LeadStatus, VehicleStatus } from '../entities/enums.ts';

export type ChatLang = 'es' | 'en';

/** Structured vehicle filters; every bound is inclusive. `transmission: 'automatic'` also means cvt. */
export interface VehicleFilters {
  make?: string;
  model?: string;
  body_type?: BodyType;
  fuel_type?: FuelType;
  transmission?: 'manual' | 'automatic';
  status?: VehicleStatus;
  year_min?: number;
  year_max?: number;
  price_min?: number;
  price_max?: number;
  mileage_min?: number;
  mileage_max?: number;
  /** Words left over after the structured filters (ranking and free-text search). */
  text?: string;
}

export type SalesPeriod = 'today' | 'this_week' | 'this_month' | 'last_month' | 'this_year' | 'last_year';
export type SalesMetric = 'count' | 'revenue' | 'avg_price';

export type ChatIntent =
  | { kind: 'search_vehicles'; filters: VehicleFilters; count_only: boolean }
  | { kind: 'vehicle_detail'; ordinal: number }
  | { kind: 'sales_stats'; metric: SalesMetric; period: SalesPeriod; make?: string; model?: string; group_by?: 'make' | 'model' }
  | { kind: 'lead_stats'; group_by: 'source' | 'status'; source?: LeadSource; status?: LeadStatus }
  | { kind: 'leads_attention' }
  | { kind: 'aged_inventory'; min_days: number; filters: VehicleFilters }
  | { kind: 'help' };

export interface ParsedQuestion {
  lang: ChatLang;
  intent: ChatIntent;
  /** True when the question only made sense with the previous one ("¿y en híbrido?"). */
  follow_up: boolean;
}

/** Makes and models the data holds (the parser also knows COMMON_MAKES). */
export interface Vocabulary {
  makes: readonly string[];
  models: readonly { make: string; model: string }[];
}
