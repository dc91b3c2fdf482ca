import { daysInStock } from '@lotbook/shared';
import { HOUR, type SeedClock } from './clock.ts';
import type { Rng } from './random.ts';
import type { ActivityRow, CustomerRow, LeadRow, NotificationRow, Team, UserRow, VehicleRow } from './types.ts';

const SOURCE_ES: Readonly<Record<string, string>> = {
  website: 'web', phone: 'teléfono', walk_in: 'visita al concesionario', adf: 'portal (ADF)', social: 'redes sociales',
  referral: 'recomendación', email: 'email', event: 'evento', other: 'otro',
};

export interface NotificationInput {
  team: Team;
  leads: LeadRow[];
  activities: ActivityRow[];
  customers: CustomerRow[];
  vehicles: VehicleRow[];
}

/**
 * A few recent notifications per user, pointing at real records: new and hot leads and due
 * follow-ups for reps; unanswered leads, aged cars and the daily report for managers. The older
 * ones are read.
 */
export function buildNotifications(rng: Rng, clock: SeedClock, input: NotificationInput): NotificationRow[] {
  const rows: NotificationRow[] = [];
  const names = new Map(input.customers.map((c) => [c.id, `${c.first_name} ${c.last_name}`]));
  // The dedup key of the hot-lead check (notifications/jobs.ts), so its first run does not repeat these.
  const add = (user: UserRow, n: Pick<NotificationRow, 'type' | 'title' | 'body' | 'priority' | 'entity_type' | 'entity_id'>, dedup_key: string | null = null) => {
    const hoursAgo = rng.int(0, 72);
    const at = clock.past(clock.now.getTime() - hoursAgo * HOUR - rng.int(1, 59) * 60_000);
    rows.push({ id: rng.uuid(), dealership_id: user.dealership_id, created_at: at, deleted: false, user_id: user.id, ...n, read_at: hoursAgo > 24 ? clock.after(at, rng.int(5, 120) * 60_000) : null, dedup_key, link: null, data: {} });
  };
  const newest = input.leads.toSorted((a, b) => b.created_at.getTime() - a.created_at.getTime());

  for (const rep of input.team.reps) {
    const mine = newest.filter((l) => l.assigned_to === rep.id);
    for (const l of mine.filter((x) => x.status === 'new' || x.status === 'contacted').slice(0, 3)) {
      add(rep, { type: 'lead_assigned', title: 'Nuevo lead asignado', body: `${names.get(l.customer_id) ?? 'Cliente'} · ${SOURCE_ES[l.source] ?? l.source}`, priority: 'normal', entity_type: 'lead', entity_id: l.id });
    }
    const hot = mine.find((l) => l.score >= 70 && l.status !== 'closed_won' && l.status !== 'closed_lost');
    if (hot) add(rep, { type: 'hot_lead', title: `Lead caliente (puntuación ${hot.score})`, body: names.get(hot.customer_id) ?? '', priority: 'high', entity_type: 'lead', entity_id: hot.id }, `hot_lead:${hot.id}:${rep.id}`);
    const leadIds = new Set(mine.map((l) => l.id));
    const due = input.activities.filter((a) => a.activity_type === 'task' && !a.done && a.due_at && a.due_at <= clock.now && leadIds.has(a.lead_id)).slice(0, 2);
    for (const task of due) {
      add(rep, { type: 'follow_up_due', title: 'Seguimiento pendiente', body: task.description, priority: 'normal', entity_type: 'lead', entity_id: task.lead_id });
    }
  }

  const aged = input.vehicles
    .filter((v) => !v.deleted && v.status === 'available' && daysInStock(v.acquired_at.toISOString(), clock.now) > 90)
    .slice(0, 2);
  const unassigned = newest.filter((l) => l.assigned_to === null).slice(0, 2);
  for (const boss of [input.team.manager, input.team.admin]) {
    for (const v of aged) {
      const days = daysInStock(v.acquired_at.toISOString(), clock.now);
      add(boss, { type: 'aged_inventory', title: `${v.make} ${v.model} lleva ${days} días en stock`, body: `Stock ${v.stock_number} · ${v.lot_location ?? ''}`, priority: 'normal', entity_type: 'vehicle', entity_id: v.id });
    }
    for (const l of unassigned) {
      add(boss, { type: 'lead_unanswered', title: 'Lead sin asignar ni contactar', body: `${names.get(l.customer_id) ?? 'Cliente'} · ${SOURCE_ES[l.source] ?? l.source}`, priority: 'high', entity_type: 'lead', entity_id: l.id });
    }
    add(boss, { type: 'daily_report', title: 'Informe diario', body: 'Resumen de ventas, leads e inventario de ayer.', priority: 'low', entity_type: null, entity_id: null });
  }
  add(input.team.viewer, { type: 'daily_report', title: 'Informe diario', body: 'Resumen de ventas, leads e inventario de ayer.', priority: 'low', entity_type: null, entity_id: null });
  return rows;
}
