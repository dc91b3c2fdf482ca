/**
 * Lead routing (issue 14): who gets a new lead, and why. Pure, so the server routes and the
 * simulation, tests and device explain with the same code.
 */

export interface RoutingWeights {
  /** A rep specialised in the lead's body type or make. */
  specialization: number;
  /** The best converter of the candidates gets all of it; others in proportion. */
  conversion: number;
  /** Subtracted per lead the rep already has open. */
  per_active_lead: number;
  /** Inside working hours, not off, and the dealership open. */
  available: number;
}

export interface RoutingSettings {
  weights: RoutingWeights;
  /** A lead with at least this score is hot and goes to the top performers. */
  hot_threshold: number;
  /** Business minutes without a first human contact before the lead is reassigned. */
  escalation_minutes: number;
}

export const DEFAULT_ROUTING: RoutingSettings = {
  weights: { specialization: 30, conversion: 20, per_active_lead: 5, available: 10 },
  hot_threshold: 70,
  escalation_minutes: 120,
};

export interface RoutingCandidate {
  id: string;
  name: string;
  /** Body types and makes, as typed in the team screen ("suv", "Toyota"). */
  specializations: readonly string[];
  /** Leads won ÷ leads received over the history window, 0..1. */
  conversion_rate: number;
  active_leads: number;
  available: boolean;
}

export interface RoutingLead {
  score: number;
  body_types: readonly string[];
  makes: readonly string[];
}

export type RoutingFactorName = 'specialization' | 'conversion' | 'active_leads' | 'available';

export interface RoutingFactor {
  factor: RoutingFactorName;
  points: number;
  /** What the points rest on: the matched specialization, the rate, the count. */
  value: string | number;
}

export interface CandidateScore {
  user_id: string;
  name: string;
  factors: RoutingFactor[];
  total: number;
  eligible: boolean;
  top_performer: boolean;
}

export type WinReason = 'highest_score' | 'tie_fewer_active' | 'tie_by_id' | 'only_candidate';

export interface RoutingDecision {
  assigned_to: string | null;
  /** Nobody could take it: the lead waits in the up-for-grabs pool. */
  pool: boolean;
  hot: boolean;
  /** Why the winner won, as a code; with `runner_up` the UI can say "45 vs 35 for Luis". */
  why: WinReason | 'nobody_available';
  runner_up: { user_id: string; name: string; total: number } | null;
  candidates: CandidateScore[];
}

const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** Scores one candidate; `bestRate` is the best conversion rate among the candidates. */
export function scoreCandidate(c: RoutingCandidate, lead: RoutingLead, w: RoutingWeights, bestRate: number): CandidateScore {
  const wanted = new Set([...lead.body_types, ...lead.makes].map(norm));
  const match = c.specializations.find((s) => wanted.has(norm(s)));
  const factors: RoutingFactor[] = [];
  if (match) factors.push({ factor: 'specialization', points: w.specialization, value: match });
  const conv = bestRate > 0 ? Math.round((w.conversion * c.conversion_rate) / bestRate) : 0;
  factors.push({ factor: 'conversion', points: conv, value: Math.round(c.conversion_rate * 100) });
  if (c.active_leads > 0) factors.push({ factor: 'active_leads', points: -w.per_active_lead * c.active_leads, value: c.active_leads });
  if (c.available) factors.push({ factor: 'available', points: w.available, value: 1 });
  const total = factors.reduce((s, f) => s + f.points, 0);
  return { user_id: c.id, name: c.name, factors, total, eligible: c.available, top_performer: false };
}

/**
 * Picks the owner of a lead. Only available candidates not in `exclude` are eligible; none → the
 * pool. A hot lead (score ≥ hot_threshold) is limited to the top performers: the eligible reps
 * whose conversion rate is at least the median of the eligible. The highest total wins; ties
 * break by fewer active leads, then by user id, so the same inputs always give the same owner.
 */
export function routeLead(lead: RoutingLead, candidates: readonly RoutingCandidate[], settings: RoutingSettings, exclude: readonly string[] = []): RoutingDecision {
  const pool = candidates.filter((c) => c.available && !exclude.includes(c.id));
  const bestRate = Math.max(0, ...pool.map((c) => c.conversion_rate));
  const hot = lead.score >= settings.hot_threshold;
  const rates = pool.map((c) => c.conversion_rate).toSorted((a, b) => a - b);
  const median = rates.length === 0 ? 0 : rates.length % 2 ? rates[(rates.length - 1) / 2]! : (rates[rates.length / 2 - 1]! + rates[rates.length / 2]!) / 2;
  const scored = candidates.map((c) => {
    const s = scoreCandidate(c, lead, settings.weights, bestRate);
    const eligible = s.eligible && !exclude.includes(c.id);
    return { ...s, eligible, top_performer: eligible && c.conversion_rate >= median && pool.length > 0, active: c.active_leads };
  });
  const order = (a: (typeof scored)[number], b: (typeof scored)[number]) => b.total - a.total || a.active - b.active || (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0);
  const field = scored.filter((s) => s.eligible && (!hot || s.top_performer)).toSorted(order);
  const out = scored.toSorted(order).map(({ active: _active, ...s }) => s);
  const [first, second] = field;
  if (!first) return { assigned_to: null, pool: true, hot, why: 'nobody_available', runner_up: null, candidates: out };
  const why: WinReason = !second ? 'only_candidate' : first.total > second.total ? 'highest_score' : first.active < second.active ? 'tie_fewer_active' : 'tie_by_id';
  return {
    assigned_to: first.user_id,
    pool: false,
    hot,
    why,
    runner_up: second ? { user_id: second.user_id, name: second.name, total: second.total } : null,
    candidates: out,
  };
}
