import type { ActivityType, LeadSource, LeadStatus } from '@lotbook/shared';
import { DAY, HOUR, MINUTE, type SeedClock } from './clock.ts';
import type { Rng } from './random.ts';
import type { ActivityRow } from './types.ts';

const TEXT: Readonly<Record<ActivityType, readonly string[]>> = {
  call: [
    'Llamada inicial: interesado en el {car}.', 'Llamada de seguimiento, pide presupuesto de financiación.',
    'No contesta, se deja mensaje en el buzón de voz.', 'Llamada: confirma interés y pregunta por la tasación de su coche.',
    'Llamada para concertar la prueba de conducción.',
  ],
  whatsapp: [
    'WhatsApp con fotos y ficha técnica del {car}.', 'Envío de la ubicación del concesionario por WhatsApp.',
    'Pregunta por WhatsApp si el precio es negociable.', 'Recordatorio de la cita por WhatsApp.',
  ],
  email: ['Email con la oferta detallada y condiciones de financiación.', 'Email con el informe de revisión del {car}.'],
  meeting: ['Visita al concesionario, ve el {car} en exposición.', 'Reunión para revisar la oferta final.'],
  test_drive: ['Prueba de conducción del {car}: muy satisfecho.', 'Prueba de conducción de 30 minutos por autovía y ciudad.'],
  note: [
    'Tiene un vehículo para entregar como parte de pago.', 'Prefiere que le llamemos por la tarde.',
    'Compara con una oferta de otro concesionario.', 'Necesita el coche antes de fin de mes.',
  ],
  task: [
    'Llamar para seguimiento de la oferta.', 'Enviar presupuesto de financiación.',
    'Confirmar cita de prueba de conducción.', 'Preparar documentación para la firma.',
  ],
};
const AUTO_REPLY = 'Respuesta automática: gracias por su interés, le contactaremos en breve.';

/** How many human contacts a lead in each status has had. */
const CONTACTS: Readonly<Record<LeadStatus, readonly [number, number]>> = {
  new: [0, 0], contacted: [1, 3], qualified: [2, 5], negotiating: [3, 7], closed_won: [3, 7], closed_lost: [1, 4],
};
const TEST_DRIVE_ODDS: Readonly<Record<LeadStatus, number>> = {
  new: 0, contacted: 0, qualified: 0.6, negotiating: 0.85, closed_won: 0.95, closed_lost: 0.25,
};

export interface TimelineInput {
  leadId: string;
  dealershipId: string;
  userId: string | null;
  status: LeadStatus;
  source: LeadSource;
  createdAt: Date;
  /** When the lead was closed (the sale, the loss); open leads end around now. */
  closedAt: Date | null;
  car: string;
  vehicleId: string | null;
}

export interface Timeline {
  activities: ActivityRow[];
  first_response_at: Date | null;
  last_contact_at: Date | null;
}

function firstContactType(rng: Rng, source: LeadSource): ActivityType {
  if (source === 'walk_in' || source === 'event') return 'meeting';
  if (source === 'phone') return 'call';
  return rng.weighted([['call', 5], ['whatsapp', 3], ['email', 2]] as const);
}

/**
 * The activity history of one lead. Invariants: every lead past `new` has at least one human
 * contact, and the returned first_response_at / last_contact_at are the first and last of them
 * (auto-replies, notes and tasks do not count); nothing is dated after now; open leads get a
 * pending follow-up task that is overdue, due today or due later.
 */
export function buildTimeline(rng: Rng, clock: SeedClock, t: TimelineInput): Timeline {
  const activities: ActivityRow[] = [];
  const add = (type: ActivityType, at: Date, extra: Partial<ActivityRow> = {}) => {
    activities.push({
      id: rng.uuid(), dealership_id: t.dealershipId, created_at: at, deleted: false, lead_id: t.leadId,
      user_id: t.userId ?? '', activity_type: type, description: rng.pick(TEXT[type]).replace('{car}', t.car),
      activity_date: at, due_at: null, done: false, metadata: {}, ...extra,
    });
  };
  if (t.userId === null) return { activities, first_response_at: null, last_contact_at: null };
  if (t.source === 'website' || t.source === 'adf' || t.source === 'email') {
    if (rng.chance(0.7)) add('email', clock.after(t.createdAt, rng.int(1, 3) * MINUTE), { description: AUTO_REPLY, metadata: { auto_reply: true } });
  }
  const [lo, hi] = CONTACTS[t.status];
  const contacts = rng.int(lo, hi);
  if (contacts === 0) return { activities, first_response_at: null, last_contact_at: null };

  const delay = rng.weighted([[rng.int(5, 30) * MINUTE, 40], [rng.int(30, 120) * MINUTE, 30], [rng.int(2, 8) * HOUR, 20], [rng.int(24, 48) * HOUR, 10]] as const);
  const first = clock.after(t.createdAt, delay);
  const end = clock.past(Math.max(first.getTime(), (t.closedAt ?? clock.now).getTime()));
  const times = [first.getTime()];
  for (let i = 1; i < contacts; i++) times.push(clock.between(rng, first.getTime(), end.getTime()));
  if (t.closedAt) times[times.length - 1] = end.getTime();
  times.sort((a, b) => a - b);

  const driveAt = rng.chance(TEST_DRIVE_ODDS[t.status]) && times.length > 1 ? rng.int(1, times.length - 1) : -1;
  times.forEach((ms, i) => {
    const at = new Date(ms);
    if (i === 0) add(firstContactType(rng, t.source), at);
    else if (i === driveAt) add('test_drive', at, { metadata: { vehicle_id: t.vehicleId, duration_minutes: rng.pick([20, 30, 45]) } });
    else if (i === times.length - 1 && t.status === 'closed_won') add('meeting', at, { description: 'Firma del contrato y entrega de documentación.' });
    else add(rng.weighted([['call', 35], ['whatsapp', 30], ['email', 15], ['meeting', 10]] as const), at);
    const last = activities[activities.length - 1];
    if (last?.activity_type === 'call') last.metadata = { duration_seconds: rng.int(20, 900), outcome: rng.chance(0.8) ? 'answered' : 'voicemail' };
  });
  if (rng.chance(0.5)) add('note', new Date(clock.between(rng, first.getTime(), end.getTime())));

  const lastContact = new Date(times[times.length - 1] ?? first.getTime());
  const open = t.status === 'contacted' || t.status === 'qualified' || t.status === 'negotiating';
  if (open) {
    const idle = clock.daysAgo(lastContact);
    const kind = rng.weighted([['overdue', 30], ['today', 20], ['later', 50]] as const);
    const due =
      kind === 'overdue' && idle >= 2 ? clock.day(rng.int(1, Math.min(5, idle - 1)))
      : kind === 'later' ? clock.day(-rng.int(1, 7))
      : clock.day(0);
    add('task', lastContact, { due_at: new Date(due + rng.int(8, 17) * HOUR) });
  } else if (rng.chance(0.6)) {
    add('task', first, { due_at: new Date(Math.min(end.getTime(), first.getTime() + 2 * DAY)), done: true });
  }
  return { activities, first_response_at: first, last_contact_at: lastContact };
}
