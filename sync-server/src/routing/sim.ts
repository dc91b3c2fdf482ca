/**
 * `pnpm sim:routing`: a month of web leads through the real routing rules (shared routeLead,
 * scoreLead, business time), with simulated reps who answer after a random delay and close
 * leads after some days. Pure and seeded: the same figures on every run.
 */
import { addBusinessMinutes, DEFAULT_ROUTING, routeLead, scoreLead, type AvailabilityDealership, type RoutingCandidate, type StockItem, isAvailableNow, type WeeklyHours } from '@lotbook/shared';
import { Rng } from '../seed/random.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const OPEN: WeeklyHours = Object.fromEntries(['1', '2', '3', '4', '5', '6'].map((d) => [d, [['09:00', '21:00']]]));

export interface SimRep {
  id: string;
  name: string;
  specializations: string[];
  /** The rep's true closing rate (their history, as routing reads it). */
  conversion_rate: number;
  /** Mean minutes to call a new lead. */
  mean_response: number;
}

export interface SimOptions {
  seed?: number;
  days?: number;
  leadsPerDay?: number;
  reps?: SimRep[];
  start?: string;
}

export interface SimResult {
  leads: number;
  perRep: { id: string; name: string; leads: number; deviation: number }[];
  /** Largest |leads − mean| ÷ mean among the reps. */
  maxDeviation: number;
  hot: number;
  hotToTop: number;
  escalations: number;
  pooled: number;
  medianFirstResponseMinutes: number;
}

export const DEFAULT_TEAM: SimRep[] = [
  { id: 'r1', name: 'Ana', specializations: [], conversion_rate: 0.3, mean_response: 20 },
  { id: 'r2', name: 'Luis', specializations: [], conversion_rate: 0.22, mean_response: 35 },
  { id: 'r3', name: 'Marta', specializations: [], conversion_rate: 0.18, mean_response: 25 },
  { id: 'r4', name: 'Pablo', specializations: [], conversion_rate: 0.12, mean_response: 60 },
];

const STOCK: StockItem[] = Array.from({ length: 60 }, (_, i) => ({ price: 12_000 + i * 700, body_type: ['suv', 'sedan', 'hatchback'][i % 3]!, make: ['Toyota', 'Kia', 'SEAT', 'BMW'][i % 4]! }));

function median(xs: number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  if (s.length === 0) return 0;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export function simulateRouting(opts: SimOptions = {}): SimResult {
  const rng = new Rng(opts.seed ?? 14);
  const team = opts.reps ?? DEFAULT_TEAM;
  const dealership: AvailabilityDealership = { timezone: 'Europe/Madrid', business_hours: OPEN, holidays: [] };
  const start = Date.parse(opts.start ?? '2026-11-02T00:00:00Z');
  const days = opts.days ?? 30;
  const perDay = opts.leadsPerDay ?? 14;
  // Arrivals: spread over the day, busier in the evening; sorted in time.
  const arrivals = Array.from({ length: days * perDay }, () => start + rng.int(0, days - 1) * DAY + rng.int(7 * 60, 23 * 60) * MIN).toSorted((a, b) => a - b);
  const active = new Map(team.map((r) => [r.id, [] as number[]])); // close times of each rep's open leads
  const received = new Map(team.map((r) => [r.id, 0]));
  const top = new Set(team.filter((r) => r.conversion_rate >= median(team.map((x) => x.conversion_rate))).map((r) => r.id));
  let hot = 0;
  let hotToTop = 0;
  let escalations = 0;
  let pooled = 0;
  const firstResponse: number[] = [];

  for (const arrived of arrivals) {
    const lead = { source: 'website' as const, status: 'new' as const, budget_min: null, budget_max: rng.chance(0.7) ? rng.int(10, 45) * 1000 : null, preferences: { body_types: rng.chance(0.6) ? [rng.pick(['suv', 'sedan', 'hatchback'])] : [], vehicle_id: rng.chance(0.3) ? 'car' : null }, created_at: new Date(arrived).toISOString(), last_contact_at: null, activities: [] };
    const score = scoreLead(lead, STOCK, new Date(arrived)).score;
    // A lead that arrives with nobody working waits in the pool until the next opening, when it is claimed.
    let at = arrived;
    const availableAt = (t: number, exclude: string[]): RoutingCandidate[] =>
      team.map((r) => ({ id: r.id, name: r.name, specializations: r.specializations, conversion_rate: r.conversion_rate, active_leads: (active.get(r.id) ?? []).filter((c) => c > t).length, available: !exclude.includes(r.id) && isAvailableNow({ is_active: true, working_hours: OPEN }, dealership, new Date(t)) }));
    let decision = routeLead({ score, body_types: lead.preferences.body_types, makes: [] }, availableAt(at, []), DEFAULT_ROUTING);
    if (decision.pool) {
      pooled += 1;
      at = addBusinessMinutes(new Date(at), 0, dealership)!.getTime();
      decision = routeLead({ score, body_types: lead.preferences.body_types, makes: [] }, availableAt(at, []), DEFAULT_ROUTING);
    }
    if (decision.hot) {
      hot += 1;
      if (decision.assigned_to && top.has(decision.assigned_to)) hotToTop += 1;
    }
    let owner = decision.assigned_to!;
    // The owner answers after a random delay in business time; past the escalation delay the lead moves.
    let answerAt = 0;
    for (let hops = 0; hops < team.length; hops += 1) {
      const rep = team.find((r) => r.id === owner)!;
      const delay = Math.round(-Math.log(1 - rng.next()) * rep.mean_response);
      if (delay < DEFAULT_ROUTING.escalation_minutes) {
        answerAt = addBusinessMinutes(new Date(at), delay, dealership)!.getTime();
        break;
      }
      escalations += 1;
      at = addBusinessMinutes(new Date(at), DEFAULT_ROUTING.escalation_minutes, dealership)!.getTime();
      const next = routeLead({ score, body_types: lead.preferences.body_types, makes: [] }, availableAt(at, [owner]), DEFAULT_ROUTING, [owner]);
      owner = next.assigned_to ?? owner;
    }
    if (answerAt === 0) answerAt = at;
    firstResponse.push((answerAt - arrived) / MIN);
    received.set(owner, (received.get(owner) ?? 0) + 1);
    const closesAt = at + rng.int(3, 15) * DAY;
    active.get(owner)!.push(closesAt);
  }
  const mean = arrivals.length / team.length;
  const perRep = team.map((r) => ({ id: r.id, name: r.name, leads: received.get(r.id) ?? 0, deviation: Math.round((((received.get(r.id) ?? 0) - mean) / mean) * 1000) / 1000 }));
  return {
    leads: arrivals.length,
    perRep,
    maxDeviation: Math.max(...perRep.map((p) => Math.abs(p.deviation))),
    hot,
    hotToTop,
    escalations,
    pooled,
    medianFirstResponseMinutes: Math.round(median(firstResponse)),
  };
}
