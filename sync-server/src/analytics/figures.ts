/** Rounding and ratios shared by the analytics services (one place, so tests can mirror it). */

export const round = (n: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** part ÷ whole as a percentage with 2 decimals; null when whole is 0 (no division by zero). */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : round((part / whole) * 100);
}

/** DOMAIN.md growth rate, (this − previous) ÷ previous, as a percentage; null when previous is 0. */
export function growth(current: number, previous: number): number | null {
  return previous === 0 ? null : round(((current - previous) / previous) * 100);
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
