import type { Role } from '@lotbook/shared';
import { DAY, type SeedClock } from './clock.ts';
import type { Rng } from './random.ts';
import type { Team, UserRow } from './types.ts';

type Hours = Record<string, [string, string][]>;

const SPLIT: [string, string][] = [['09:00', '14:00'], ['16:00', '20:00']];
const OFFICE: Hours = { '1': [['09:00', '18:00']], '2': [['09:00', '18:00']], '3': [['09:00', '18:00']], '4': [['09:00', '18:00']], '5': [['09:00', '15:00']] };

interface Member {
  local: string;
  role: Role;
  first_name: string;
  last_name: string;
  phone: string;
  specializations: string[];
  working_hours: Hours;
}

/** The demo team. Specializations are body types or makes, which lead routing matches on. */
const MEMBERS: readonly Member[] = [
  { local: 'admin', role: 'admin', first_name: 'Carmen', last_name: 'Ruiz Ortega', phone: '+34600100001', specializations: [], working_hours: OFFICE },
  { local: 'gerente', role: 'manager', first_name: 'Javier', last_name: 'Morales Prieto', phone: '+34600100002', specializations: [], working_hours: OFFICE },
  {
    local: 'ana', role: 'sales', first_name: 'Ana', last_name: 'García López', phone: '+34600100003',
    specializations: ['suv', 'Toyota', 'Hyundai', 'Kia'],
    working_hours: { '1': SPLIT, '2': SPLIT, '3': SPLIT, '4': SPLIT, '5': SPLIT, '6': [['10:00', '14:00']] },
  },
  {
    local: 'luis', role: 'sales', first_name: 'Luis', last_name: 'Fernández Castro', phone: '+34600100004',
    specializations: ['sedan', 'coupe', 'BMW', 'Mercedes-Benz', 'Audi'],
    working_hours: { '1': [['10:00', '14:00'], ['16:30', '20:30']], '2': [['10:00', '14:00'], ['16:30', '20:30']], '3': [['10:00', '14:00'], ['16:30', '20:30']], '4': [['10:00', '14:00'], ['16:30', '20:30']], '5': [['10:00', '14:00']] },
  },
  {
    local: 'marta', role: 'sales', first_name: 'Marta', last_name: 'Sánchez Vidal', phone: '+34600100005',
    specializations: ['hatchback', 'wagon', 'van', 'Tesla', 'Volkswagen', 'SEAT'],
    working_hours: { '2': [['09:30', '14:00'], ['16:00', '19:30']], '3': [['09:30', '14:00'], ['16:00', '19:30']], '4': [['09:30', '14:00'], ['16:00', '19:30']], '5': [['09:30', '14:00'], ['16:00', '19:30']], '6': [['10:00', '14:00']] },
  },
  { local: 'visor', role: 'viewer', first_name: 'Víctor', last_name: 'Santos Gil', phone: '+34600100006', specializations: [], working_hours: {} },
];

/** The six users of a dealership, with emails `<local>@<emailDomain>`. */
export function buildTeam(rng: Rng, clock: SeedClock, dealershipId: string, emailDomain: string): Team {
  const created = new Date(clock.day(400) + 9 * 3_600_000);
  const users: UserRow[] = MEMBERS.map((m, i) => ({
    id: rng.uuid(),
    dealership_id: dealershipId,
    created_at: new Date(created.getTime() + i * DAY),
    deleted: false,
    email: `${m.local}@${emailDomain}`,
    first_name: m.first_name,
    last_name: m.last_name,
    phone: m.phone,
    role: m.role,
    is_active: true,
    specializations: m.specializations,
    working_hours: m.working_hours,
    days_off: [],
    password_changed_at: null,
  }));
  const [admin, manager, ana, luis, marta, viewer] = users;
  if (!admin || !manager || !ana || !luis || !marta || !viewer) throw new Error('team is incomplete');
  return { admin, manager, reps: [ana, luis, marta], viewer };
}

export function teamUsers(team: Team): UserRow[] {
  return [team.admin, team.manager, ...team.reps, team.viewer];
}

/** Reps are not equally busy: Ana sells most, Marta least. */
export function pickRep(rng: Rng, team: Team): UserRow {
  return rng.weighted(team.reps.map((r, i) => [r, [40, 33, 27][i] ?? 30] as const));
}
