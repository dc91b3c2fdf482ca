import { z } from 'zod';

export const PERIODS = ['today', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

const bool = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((s) => s === 'true' || s === '1');

/** A local calendar date in the dealership's time zone; the period is the one containing it. */
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100;
  }, 'must be a real date between 2000 and 2100');

/** `?period=&compare_previous=&date=` shared by every analytics endpoint. */
export const periodQuery = z.strictObject({
  period: z.enum(PERIODS, { message: `must be one of ${PERIODS.join(', ')}` }).default('month'),
  compare_previous: bool.default(true),
  date: localDate.optional(),
});
export type PeriodQuery = z.infer<typeof periodQuery>;

/** `/report.csv` also names the table. */
export const csvQuery = periodQuery.extend({
  table: z.enum(['summary', 'leaderboard', 'aging', 'funnel'], { message: 'must be one of summary, leaderboard, aging, funnel' }).default('summary'),
});

/** `/forecast?horizon_weeks=12&by=make|body_type` (no `by`: the dealership's total). */
export const forecastQuery = z.strictObject({
  horizon_weeks: z.string().regex(/^\d{1,2}$/, 'must be a whole number from 1 to 52').transform(Number).pipe(z.number().min(1, 'must be at least 1').max(52, 'must be at most 52')).default(12),
  by: z.enum(['make', 'body_type'], { message: 'must be make or body_type' }).optional(),
});
export type ForecastQuery = z.infer<typeof forecastQuery>;
