/** Wire shapes of /api/v1/analytics (sync-server/src/analytics). */
export const PERIODS = ['today', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export interface PeriodInfo {
  name: Period;
  start: string;
  end: string;
  timezone: string;
  currency: string;
}

export interface DashboardData {
  period: PeriodInfo;
  scope: 'own' | 'dealership';
  sales: {
    total_revenue: number;
    total_units: number;
    average_sale_price: number | null;
    front_gross: number | null;
    gross_per_unit: number | null;
    previous_period: { total_revenue: number; total_units: number; growth_rate: number | null; units_growth_rate: number | null } | null;
    by_week: { week: string; units: number; revenue: number }[];
  };
  inventory: {
    total_vehicles: number;
    available_count: number;
    average_days_in_lot: number;
    vehicles_by_status: Record<string, number>;
    days_supply: number | null;
  };
  leads: {
    total_leads: number;
    conversion_rate: number | null;
    leads_by_source: Record<string, number>;
    average_lead_score: number | null;
    speed_to_lead: { median_minutes: number | null; p90_minutes: number | null; responded: number; unanswered: number };
  };
  generated_at: string;
}

export interface SellerRow {
  user_id: string;
  name: string;
  units: number;
  revenue: number;
  front_gross: number | null;
  closing_ratio: number | null;
  conversion_rate: number | null;
  leads: number;
  median_response_minutes: number | null;
  active_leads: number;
  commission: number | null;
  target_units: number | null;
  target_revenue: number | null;
  progress_units: number | null;
  progress_revenue: number | null;
}

export interface SellersData {
  sellers: SellerRow[];
  team_median: { units: number | null; revenue: number | null; conversion_rate: number | null; median_response_minutes: number | null };
}

export interface AgingData {
  total_vehicles: number;
  buckets: Record<string, number>;
  average_days_in_stock: number;
}

export interface ForecastPoint {
  week: string;
  revenue: number;
  revenue_low: number;
  revenue_high: number;
  units: number;
}

export interface ForecastData {
  enough_history: boolean;
  message?: string;
  total: { forecast: ForecastPoint[]; backtest: { units: { model_mape: number | null; baseline_mape: number | null } } } | null;
}

export interface RestockSegment {
  dimension: string;
  segment: string;
  in_stock: number;
  sold_30d: number;
  days_supply: number | null;
}

export interface RestockData {
  restock: RestockSegment[];
  overstocked: RestockSegment[];
}

/** Everything the screen shows, fetched together and cached together. */
export interface DashboardBundle {
  dashboard: DashboardData;
  sellers: SellersData;
  aging: AgingData;
  /** Managers' extras (absent in figures cached before they existed). */
  forecast?: ForecastData;
  restock?: RestockData;
}
