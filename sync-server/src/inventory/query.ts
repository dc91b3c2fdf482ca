import { z } from 'zod';
import { BODY_TYPES, FUEL_TYPES, VEHICLE_STATUSES } from '@lotbook/shared';

/** Fields `ordering` accepts, each optionally prefixed with `-` for descending. */
export const ORDERING_FIELDS = ['price', 'year', 'mileage', 'make', 'model', 'acquired_at', 'created_at', 'days_in_stock'] as const;
export type OrderingField = (typeof ORDERING_FIELDS)[number];
export interface OrderTerm {
  field: OrderingField;
  desc: boolean;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

// Postgres text cannot hold NUL, and no make, model or search term needs control characters.
const text = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');

const split = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0);

/** A comma-separated list of lowercase enum values: `status=available,reserved`. */
const enumList = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().max(500).transform((s) => split(s.toLowerCase())).pipe(z.array(z.enum(values)).min(1, 'must name at least one value'));

const wholeNumber = z.string().trim().regex(/^\d{1,9}$/, 'must be a whole number').transform(Number);
const amount = z.string().trim().regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a non-negative number with at most 2 decimals').transform(Number);
const year = wholeNumber.pipe(z.number().min(1900, 'must be 1900 or later').max(2200, 'must be 2200 or earlier'));

const ordering = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const terms: OrderTerm[] = [];
    for (const raw of split(s)) {
      const desc = raw.startsWith('-');
      const field = desc ? raw.slice(1) : raw;
      if (!(ORDERING_FIELDS as readonly string[]).includes(field)) {
        ctx.addIssue({ code: 'custom', message: `unknown ordering field "${field.slice(0, 40)}"; use ${ORDERING_FIELDS.join(', ')}` });
        return z.NEVER;
      }
      if (!terms.some((t) => t.field === field)) terms.push({ field: field as OrderingField, desc });
    }
    return terms;
  });

/** Blank parameters (`?make=`) mean "no filter", as in most list APIs. */
function dropBlank(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  return Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v !== 'string' || v.trim() !== ''));
}

/** The query parameters of `GET /api/v1/vehicles` (CONTRACT.md, spec §4). Unknown parameters are ignored. */
export const vehicleListQuery = z.preprocess(
  dropBlank,
  z
    .object({
      make: text(500).transform((s) => split(s.toLowerCase())).pipe(z.array(z.string().max(60)).min(1).max(20)).optional(),
      model: text(60).transform((s) => s.trim().toLowerCase()).optional(),
      year_min: year.optional(),
      year_max: year.optional(),
      price_min: amount.optional(),
      price_max: amount.optional(),
      status: enumList(VEHICLE_STATUSES).optional(),
      body_type: enumList(BODY_TYPES).optional(),
      fuel_type: enumList(FUEL_TYPES).optional(),
      search: text(200).optional(),
      ordering: ordering.optional(),
      page: wholeNumber.pipe(z.number().min(1, 'must be 1 or more')).default(1),
      page_size: wholeNumber.pipe(z.number().min(1, 'must be 1 or more').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)).default(DEFAULT_PAGE_SIZE),
    })
    .superRefine((q, ctx) => {
      if (q.year_min !== undefined && q.year_max !== undefined && q.year_min > q.year_max) {
        ctx.addIssue({ code: 'custom', path: ['year_min'], message: 'year_min cannot be greater than year_max' });
      }
      if (q.price_min !== undefined && q.price_max !== undefined && q.price_min > q.price_max) {
        ctx.addIssue({ code: 'custom', path: ['price_min'], message: 'price_min cannot be greater than price_max' });
      }
    }),
);
export type VehicleListQuery = z.infer<typeof vehicleListQuery>;
