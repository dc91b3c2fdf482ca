/**
 * Additive Holt-Winters (level, damped trend, season) for short weekly series, written here
 * because the series are tiny (a year of weeks) and a library would add a dependency for 80
 * lines. Parameters are chosen by a small grid search minimising the one-step-ahead squared
 * error on the training series. Forecasts are clamped at 0 (no negative sales).
 */
export interface Fit {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** Standard deviation of the one-step-ahead errors. */
  sigma: number;
  forecast(h: number): number[];
}

const GRID = [0.05, 0.1, 0.2, 0.3, 0.5];
const PHI = [0.8, 0.9, 0.98];

function run(y: readonly number[], m: number, alpha: number, beta: number, gamma: number, phi: number) {
  const first = y.slice(0, m);
  let level = first.reduce((a, b) => a + b, 0) / m;
  let trend = 0;
  const season = first.map((v) => v - level);
  let sse = 0;
  let n = 0;
  for (let t = m; t < y.length; t++) {
    const s = season[t % m] as number;
    const yhat = level + phi * trend + s;
    const e = (y[t] as number) - yhat;
    sse += e * e;
    n++;
    const prevLevel = level;
    level = alpha * ((y[t] as number) - s) + (1 - alpha) * (prevLevel + phi * trend);
    trend = beta * (level - prevLevel) + (1 - beta) * phi * trend;
    season[t % m] = gamma * ((y[t] as number) - level) + (1 - gamma) * s;
  }
  return { level, trend, season, sse, n };
}

/** Fits the model to `y` (oldest first) with season length `m`; needs at least 2·m points. */
export function fitHoltWinters(y: readonly number[], m: number): Fit {
  if (y.length < 2 * m) throw new Error(`need at least ${2 * m} points`);
  let best: { p: [number, number, number, number]; r: ReturnType<typeof run> } | null = null;
  for (const alpha of GRID) for (const beta of GRID) for (const gamma of GRID) for (const phi of PHI) {
    const r = run(y, m, alpha, beta, gamma, phi);
    if (!best || r.sse < best.r.sse) best = { p: [alpha, beta, gamma, phi], r };
  }
  const { p, r } = best as NonNullable<typeof best>;
  const [alpha, beta, gamma, phi] = p;
  const sigma = Math.sqrt(r.sse / Math.max(1, r.n));
  return {
    alpha, beta, gamma, phi, sigma,
    forecast(h: number) {
      const out: number[] = [];
      let damp = 0;
      for (let k = 1; k <= h; k++) {
        damp += phi ** k;
        out.push(Math.max(0, r.level + damp * r.trend + (r.season[(y.length + k - 1) % m] as number)));
      }
      return out;
    },
  };
}

/** Seasonal-naive: each week repeats the same week one season earlier. */
export function seasonalNaive(y: readonly number[], m: number, h: number): number[] {
  return Array.from({ length: h }, (_, k) => y[y.length - m + (k % m)] as number);
}

/** Mean absolute percentage error over the weeks with a non-zero actual, in %; null if none. */
export function mape(actual: readonly number[], predicted: readonly number[]): number | null {
  let sum = 0;
  let n = 0;
  actual.forEach((a, i) => {
    if (a !== 0) {
      sum += Math.abs((a - (predicted[i] as number)) / a);
      n++;
    }
  });
  return n === 0 ? null : (sum / n) * 100;
}

/** z for a central 80% interval. */
export const Z80 = 1.2816;
