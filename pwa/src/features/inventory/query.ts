import { BODY_TYPES, FUEL_TYPES, VEHICLE_STATUSES, type BodyType, type FuelType } from '@lotbook/shared';
import { fold, searchTokens } from './fold.ts';
import type { IndexedVehicle } from './read-model.ts';

/** Orderings, named like the REST API's `ordering` parameter ("-" = descending). */
export const SORTS = ['-acquired_at', 'acquired_at', 'price', '-price', '-year', 'year', 'mileage', 'make'] as const;
export type SortKey = (typeof SORTS)[number];
export const DEFAULT_SORT: SortKey = '-acquired_at';

/** `in_stock` = everything not sold (the default: no status filter hides sold cars); `all` shows sold ones too. */
export const STATUS_FILTERS = ['in_stock', 'all', ...VEHICLE_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface VehicleQuery {
  q: string;
  make: string;
  model: string;
  yearMin: number | null;
  yearMax: number | null;
  priceMin: number | null;
  priceMax: number | null;
  body: BodyType | null;
  fuel: FuelType | null;
  status: StatusFilter | null;
  sort: SortKey;
}

export const EMPTY_QUERY: VehicleQuery = {
  q: '', make: '', model: '', yearMin: null, yearMax: null, priceMin: null, priceMax: null,
  body: null, fuel: null, status: null, sort: DEFAULT_SORT,
};

function num(v: string | null): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
function oneOf<T extends string>(values: readonly T[], v: string | null): T | null {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : null;
}

/** Reads the filters from the URL (same names as GET /api/v1/vehicles); unknown values are ignored. */
export function parseQuery(p: URLSearchParams): VehicleQuery {
  return {
    q: p.get('search') ?? '',
    make: p.get('make') ?? '',
    model: p.get('model') ?? '',
    yearMin: num(p.get('year_min')),
    yearMax: num(p.get('year_max')),
    priceMin: num(p.get('price_min')),
    priceMax: num(p.get('price_max')),
    body: oneOf(BODY_TYPES, p.get('body_type')),
    fuel: oneOf(FUEL_TYPES, p.get('fuel_type')),
    status: oneOf(STATUS_FILTERS, p.get('status')),
    sort: oneOf(SORTS, p.get('ordering')) ?? DEFAULT_SORT,
  };
}

/** The inverse of parseQuery, leaving out defaults so URLs stay short. */
export function queryToParams(q: VehicleQuery): URLSearchParams {
  const p = new URLSearchParams();
  const set = (k: string, v: string | number | null) => {
    if (v !== null && v !== '') p.set(k, String(v));
  };
  set('search', q.q.trim());
  set('make', q.make);
  set('model', q.model);
  set('year_min', q.yearMin);
  set('year_max', q.yearMax);
  set('price_min', q.priceMin);
  set('price_max', q.priceMax);
  set('body_type', q.body);
  set('fuel_type', q.fuel);
  set('status', q.status);
  if (q.sort !== DEFAULT_SORT) p.set('ordering', q.sort);
  return p;
}

/** How many filters (besides the text search and ordering) are active. */
export function activeFilterCount(q: VehicleQuery): number {
  return [q.make, q.model, q.yearMin, q.yearMax, q.priceMin, q.priceMax, q.body, q.fuel, q.status].filter((v) => v !== null && v !== '').length;
}

type Compare = (a: IndexedVehicle, b: IndexedVehicle) => number;
const COMPARATORS: Record<SortKey, Compare> = {
  '-acquired_at': (a, b) => b.acquiredMs - a.acquiredMs,
  acquired_at: (a, b) => a.acquiredMs - b.acquiredMs,
  price: (a, b) => a.price - b.price,
  '-price': (a, b) => b.price - a.price,
  '-year': (a, b) => b.v.year - a.v.year,
  year: (a, b) => a.v.year - b.v.year,
  mileage: (a, b) => a.v.mileage - b.v.mileage,
  make: (a, b) => a.v.make.localeCompare(b.v.make) || a.v.model.localeCompare(b.v.model),
};

/**
 * Filters and orders the in-memory inventory. Text search is accent- and case-insensitive and
 * every word must match; make and model compare folded; price ranges use the customer price.
 * Sold cars are hidden unless the status filter asks for them ('all' or 'sold').
 * Ties fall back to the id so the order is stable between renders.
 */
export function filterVehicles(items: readonly IndexedVehicle[], q: VehicleQuery): IndexedVehicle[] {
  const tokens = searchTokens(q.q);
  const make = fold(q.make);
  const model = fold(q.model);
  const status = q.status ?? 'in_stock';
  const out = items.filter(({ v, search, price, makeKey, modelKey }) => {
    if (make && makeKey !== make) return false;
    if (model && modelKey !== model) return false;
    if (q.yearMin !== null && v.year < q.yearMin) return false;
    if (q.yearMax !== null && v.year > q.yearMax) return false;
    if (q.priceMin !== null && price < q.priceMin) return false;
    if (q.priceMax !== null && price > q.priceMax) return false;
    if (q.body && v.body_type !== q.body) return false;
    if (q.fuel && v.fuel_type !== q.fuel) return false;
    if (status === 'in_stock' ? v.status === 'sold' : status !== 'all' && v.status !== status) return false;
    for (const t of tokens) if (!search.includes(t)) return false;
    return true;
  });
  const cmp = COMPARATORS[q.sort];
  return out.toSorted((a, b) => cmp(a, b) || (a.v.id < b.v.id ? -1 : a.v.id > b.v.id ? 1 : 0));
}

function sortedNames(s: Set<string>): string[] {
  return [...s].toSorted((a, b) => a.localeCompare(b));
}

/** Distinct makes, and the models of `make` (or of all makes), for the filter pickers. */
export function facets(items: readonly IndexedVehicle[], make: string): { makes: string[]; models: string[] } {
  const makes = new Set<string>();
  const models = new Set<string>();
  const m = fold(make);
  for (const { v, makeKey } of items) {
    makes.add(v.make);
    if (!m || makeKey === m) models.add(v.model);
  }
  return { makes: sortedNames(makes), models: sortedNames(models) };
}
