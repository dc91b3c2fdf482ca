import type { LeadStatus } from '@lotbook/shared';
import { DAY, SeedClock } from './clock.ts';
import { buildCustomers, settleCustomers } from './customers.ts';
import { buildLead, SOURCE_WEIGHTS, type BuiltLead } from './leads.ts';
import { buildMovements } from './movements.ts';
import { buildNotifications } from './notifications.ts';
import { Rng } from './random.ts';
import { buildCancelledSales, buildCompletedSales, buildPendingSales } from './sales.ts';
import { buildStock } from './stock.ts';
import { buildTeam, pickRep, teamUsers } from './team.ts';
import { SCALES, type Dataset, type SeedScale } from './types.ts';
import { newVehicle, type VehicleFactory } from './vehicles.ts';

export interface DatasetOptions {
  name: string;
  emailDomain: string;
  /** Two or three letters that start every stock number ("AD25-00042"). */
  stockPrefix: string;
  scale: SeedScale;
  now: Date;
  seed: number;
}

/** Status of an open (not sold) lead, by how many days ago it came in. */
function openStatus(rng: Rng, ageDays: number): LeadStatus {
  if (ageDays <= 2) return rng.weighted([['new', 55], ['contacted', 35], ['qualified', 10]] as const);
  if (ageDays <= 14) return rng.weighted([['new', 18], ['contacted', 32], ['qualified', 25], ['negotiating', 15], ['closed_lost', 10]] as const);
  if (ageDays <= 60) return rng.weighted([['new', 3], ['contacted', 17], ['qualified', 22], ['negotiating', 18], ['closed_lost', 40]] as const);
  return rng.weighted([['contacted', 5], ['qualified', 5], ['negotiating', 3], ['closed_lost', 87]] as const);
}

/**
 * Builds a whole dealership in memory. Pure: the same options give deep-equal output (ids, VINs,
 * dates), since every value comes from a PRNG seeded with `seed` and from `now`.
 */
export function buildDataset(o: DatasetOptions): Dataset {
  const root = new Rng(o.seed);
  const clock = new SeedClock(o.now);
  const spec = SCALES[o.scale];
  const dealershipId = root.fork('dealership').uuid();
  const team = buildTeam(root.fork('team'), clock, dealershipId, o.emailDomain);
  const f: VehicleFactory = { rng: root.fork('vehicles'), clock, dealershipId, stockPrefix: o.stockPrefix, vins: new Set(), nextStock: 1 };
  const stock = buildStock(f, team, spec.stock);
  const completed = buildCompletedSales(f, team, spec.sold);
  const pending = buildPendingSales(f, team, stock);
  const cancelled = buildCancelledSales(f, team, stock, Math.max(1, Math.round(spec.sold * 0.03)));

  const rng = root.fork('crm');
  const customers = buildCustomers(root.fork('customers'), clock, dealershipId, spec.customers, spec.sold, team.reps.map((r) => r.id));
  const prospects = customers.slice(spec.sold);
  const built: BuiltLead[] = [];
  completed.forEach((s, i) => {
    const customer = customers[i] ?? rng.pick(customers);
    s.sale.customer_id = customer.id;
    built.push(buildLead(rng, clock, {
      customerId: customer.id, dealershipId, assignedTo: s.rep.id, source: rng.weighted(SOURCE_WEIGHTS), status: 'closed_won',
      createdAt: new Date(s.sale.sale_date.getTime() - rng.int(3, 40) * DAY), closedAt: s.sale.sale_date, vehicle: s.vehicle, interestedInThisCar: true,
    }));
  });
  for (const s of [...pending, ...cancelled]) {
    const customer = rng.pick(prospects);
    s.sale.customer_id = customer.id;
    const open = s.sale.status === 'pending';
    built.push(buildLead(rng, clock, {
      customerId: customer.id, dealershipId, assignedTo: s.rep.id, source: rng.weighted(SOURCE_WEIGHTS), status: open ? 'negotiating' : 'closed_lost',
      createdAt: new Date(s.sale.sale_date.getTime() - rng.int(2, 20) * DAY), closedAt: open ? null : s.sale.sale_date, vehicle: s.vehicle, interestedInThisCar: true,
    }));
  }
  const onLot = stock.filter((v) => !v.deleted && v.status !== 'sold');
  const others = Math.max(0, spec.leads - built.length);
  for (let i = 0; i < others; i++) {
    const ageDays = rng.weighted([[rng.int(0, 7), 16], [rng.int(8, 30), 20], [rng.int(31, 90), 24], [rng.int(91, 364), 40]] as const);
    const createdAt = clock.businessTime(rng, ageDays);
    const status = openStatus(rng, clock.daysAgo(createdAt));
    const unassigned = status === 'new' && rng.chance(0.35);
    // Some ask about a car that is on the lot; the rest describe one we do not have (shapes budget and preferences).
    const inStock = rng.chance(0.6);
    const wanted = inStock ? rng.pick(onLot) : newVehicle({ ...f, rng, vins: new Set() }, createdAt);
    built.push(buildLead(rng, clock, {
      customerId: rng.pick(prospects).id, dealershipId, assignedTo: unassigned ? null : pickRep(rng, team).id, source: rng.weighted(SOURCE_WEIGHTS), status,
      createdAt, closedAt: status === 'closed_lost' ? clock.past(createdAt.getTime() + rng.int(2, 45) * DAY) : null,
      vehicle: wanted, interestedInThisCar: inStock,
    }));
  }

  const leads = built.map((b) => b.lead);
  const firstLead = new Map<string, { at: Date; by: string | null }>();
  for (const l of leads) {
    const seen = firstLead.get(l.customer_id);
    if (!seen || l.created_at < seen.at) firstLead.set(l.customer_id, { at: l.created_at, by: l.assigned_to });
  }
  settleCustomers(rng, customers, firstLead);

  const activities = built.flatMap((b) => b.activities);
  const sold = [...completed, ...pending, ...cancelled];
  const vehicles = [...stock, ...completed.map((s) => s.vehicle)];
  return {
    dealership: {
      id: dealershipId, name: o.name, currency: 'EUR', locale: 'es-ES', timezone: 'Europe/Madrid',
      settings: { demo: true, lead_reassign_after_minutes: 120, aged_after_days: 60 }, created_at: new Date(clock.day(420)),
    },
    users: teamUsers(team),
    vehicles,
    customers,
    leads,
    activities,
    sales: sold.map((s) => s.sale),
    movements: buildMovements(root.fork('movements'), clock, team, vehicles, completed),
    notifications: buildNotifications(root.fork('notifications'), clock, { team, leads, activities, customers, vehicles }),
  };
}
