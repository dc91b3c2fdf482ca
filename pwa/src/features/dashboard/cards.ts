import type { TFunction } from 'i18next';
import type { Formatter } from '../../i18n/format.ts';
import type { CardId } from './layout.ts';
import type { DashboardData } from './types.ts';

export interface CardModel {
  label: string;
  value: string;
  growth?: number | null;
  hint?: string;
}

/** What each headline card shows, from the dashboard figures. */
export function cardModel(id: CardId, d: DashboardData, fmt: Formatter, t: TFunction, compare: boolean): CardModel | null {
  const prev = d.sales.previous_period;
  switch (id) {
    case 'revenue':
      return { label: t('cards.revenue'), value: fmt.money(d.sales.total_revenue), ...(compare ? { growth: prev?.growth_rate ?? null } : {}), ...(prev ? { hint: t('cards.previous', { value: fmt.money(prev.total_revenue) }) } : {}) };
    case 'units':
      return { label: t('cards.units'), value: fmt.number(d.sales.total_units), ...(compare ? { growth: prev?.units_growth_rate ?? null } : {}) };
    case 'avgPrice':
      return { label: t('cards.avgPrice'), value: fmt.money(d.sales.average_sale_price) };
    case 'gross':
      if (d.sales.front_gross === null) return null;
      return { label: t('cards.gross'), value: fmt.money(d.sales.front_gross), hint: t('cards.perUnit', { value: fmt.money(d.sales.gross_per_unit) }) };
    case 'stock':
      return { label: t('cards.stock'), value: fmt.number(d.inventory.total_vehicles), hint: t('cards.avgDays', { value: fmt.number(d.inventory.average_days_in_lot, 1) }) };
    case 'daysSupply':
      return { label: t('cards.daysSupply'), value: d.inventory.days_supply === null ? '—' : t('cards.days', { value: fmt.number(d.inventory.days_supply, 0) }) };
    case 'leads':
      return { label: t('cards.leads'), value: fmt.number(d.leads.total_leads), hint: t('cards.conversion', { value: d.leads.conversion_rate === null ? '—' : `${fmt.number(d.leads.conversion_rate, 1)} %` }) };
    case 'speed': {
      const s = d.leads.speed_to_lead;
      return { label: t('cards.speed'), value: s.median_minutes === null ? '—' : `${fmt.number(s.median_minutes, 0)} min`, hint: t('cards.p90', { value: s.p90_minutes === null ? '—' : fmt.number(s.p90_minutes, 0) }) };
    }
    default:
      return null;
  }
}
