import { checkLead, type LeadPriority, type LeadSource, type LeadStatus } from '@lotbook/shared';
import { buildTimeline, type Timeline } from './activities.ts';
import { HOUR, type SeedClock } from './clock.ts';
import type { Rng } from './random.ts';
import type { ActivityRow, LeadRow, VehicleRow } from './types.ts';

export const SOURCE_WEIGHTS: readonly (readonly [LeadSource, number])[] = [
  ['website', 30], ['phone', 15], ['walk_in', 15], ['adf', 12], ['social', 10], ['referral', 8], ['email', 5], ['event', 3], ['other', 2],
];
const SOURCE_POINTS: Readonly<Record<LeadSource, number>> = {
  referral: 20, walk_in: 18, phone: 14, website: 12, event: 10, adf: 10, email: 8, social: 6, other: 4,
};
const LOST_NOTES = [
  'Compró en otro concesionario.', 'El precio queda fuera de su presupuesto.', 'No responde tras varios intentos.',
  'Financiación denegada.', 'Ha decidido esperar unos meses.',
];
const OPEN_NOTES = [
  'Busca {body} para uso familiar.', 'Quiere entregar su coche actual como parte de pago.', 'Interesado en financiación a 60 meses.',
  'Prefiere {fuel}.', 'Necesita maletero grande.', 'Le interesa el {car}.',
];
const BODY_ES: Readonly<Record<string, string>> = {
  sedan: 'una berlina', suv: 'un SUV', hatchback: 'un compacto', wagon: 'un familiar', coupe: 'un coupé',
  convertible: 'un descapotable', pickup: 'un pick-up', van: 'una furgoneta', minivan: 'un monovolumen',
};
const FUEL_ES: Readonly<Record<string, string>> = { gasoline: 'gasolina', diesel: 'diésel', hybrid: 'un híbrido', electric: 'un eléctrico' };

export interface LeadInput {
  customerId: string;
  dealershipId: string;
  assignedTo: string | null;
  source: LeadSource;
  status: LeadStatus;
  createdAt: Date;
  closedAt: Date | null;
  /** The car the customer asked about (or the one they bought). */
  vehicle: VehicleRow;
  interestedInThisCar: boolean;
}

export interface BuiltLead {
  lead: LeadRow;
  activities: ActivityRow[];
}

function score(rng: Rng, clock: SeedClock, l: LeadInput, tl: Timeline, budgetKnown: boolean) {
  const ageDays = clock.daysAgo(l.createdAt);
  const contacts = tl.activities.filter((a) => a.activity_type !== 'note' && a.activity_type !== 'task' && !(a.metadata as { auto_reply?: boolean }).auto_reply).length;
  const drove = tl.activities.some((a) => a.activity_type === 'test_drive');
  const factors = [
    { factor: 'source', points: SOURCE_POINTS[l.source] },
    { factor: 'budget_fit', points: budgetKnown ? rng.int(8, 20) : 4 },
    { factor: 'recency', points: ageDays <= 7 ? 20 : ageDays <= 30 ? 12 : ageDays <= 90 ? 6 : 0 },
    { factor: 'engagement', points: Math.min(30, contacts * 5 + (drove ? 10 : 0)) },
  ];
  const idleHours = (clock.now.getTime() - (tl.last_contact_at ?? l.createdAt).getTime()) / HOUR;
  if (l.status !== 'closed_won' && l.status !== 'closed_lost' && idleHours > 48) {
    factors.push({ factor: 'no_contact', points: -Math.min(20, Math.round(idleHours / 48) * 2) });
  }
  const total = Math.max(0, Math.min(100, factors.reduce((s, f) => s + f.points, 0)));
  return { score: total, factors };
}

function priorityFor(rng: Rng, s: number): LeadPriority {
  if (s >= 80) return rng.chance(0.5) ? 'urgent' : 'high';
  if (s >= 60) return 'high';
  return s >= 35 ? 'medium' : 'low';
}

/**
 * One lead with its activity history. Invariants (checkLead): last_contact_at is set whenever
 * status ≠ new; budget_min ≤ budget_max when both are set; unassigned leads are always `new`.
 */
export function buildLead(rng: Rng, clock: SeedClock, l: LeadInput): BuiltLead {
  const id = rng.uuid();
  const v = l.vehicle;
  const car = `${v.make} ${v.model}`;
  const tl = buildTimeline(rng, clock, {
    leadId: id, dealershipId: l.dealershipId, userId: l.assignedTo, status: l.status, source: l.source,
    createdAt: l.createdAt, closedAt: l.closedAt, car, vehicleId: l.interestedInThisCar ? v.id : null,
  });
  const listPrice = v.promo_price ?? v.price;
  const budgetMax = Math.round((listPrice * rng.float(1, 1.2)) / 500) * 500;
  const budgetKind = rng.weighted([['both', 75], ['max', 10], ['none', 15]] as const);
  const budget_max = budgetKind === 'none' ? null : budgetMax;
  const budget_min = budgetKind === 'both' ? Math.round((budgetMax * rng.float(0.6, 0.85)) / 500) * 500 : null;
  const { score: s, factors } = score(rng, clock, l, tl, budget_max !== null);
  const note = l.status === 'closed_lost' ? rng.pick(LOST_NOTES) : rng.chance(0.5) ? rng.pick(OPEN_NOTES) : null;
  const lead: LeadRow = {
    id,
    dealership_id: l.dealershipId,
    created_at: l.createdAt,
    deleted: false,
    customer_id: l.customerId,
    assigned_to: l.assignedTo,
    source: l.source,
    status: l.status,
    priority: priorityFor(rng, s),
    budget_min,
    budget_max,
    preferences: {
      body_types: [v.body_type],
      makes: rng.chance(0.7) ? [v.make] : [],
      fuel_types: rng.chance(0.5) ? [v.fuel_type] : [],
      vehicle_id: l.interestedInThisCar ? v.id : null,
    },
    notes: note?.replace('{body}', BODY_ES[v.body_type] ?? 'un coche').replace('{fuel}', FUEL_ES[v.fuel_type] ?? 'gasolina').replace('{car}', car) ?? null,
    score: s,
    score_factors: factors,
    last_contact_at: tl.last_contact_at,
    first_response_at: tl.first_response_at,
  };
  const check = checkLead({ status: l.status, last_contact_at: lead.last_contact_at?.toISOString() ?? null, budget_min, budget_max });
  if (!check.ok) throw new Error(`seed produced an invalid lead: ${check.message}`);
  return { lead, activities: tl.activities };
}
