import { sql, type SQL } from 'drizzle-orm';
import { localClock } from '@lotbook/shared';
import type { Env } from '../env.ts';
import type { JobContext, JobDefinition, JobResult } from '../jobs/types.ts';
import { notify } from './notify.ts';

const iso = (d: Date) => d.toISOString();
/** Leads and follow-ups older than this are history, not news: checks never notify about them. */
const LOOKBACK_HOURS = 72;

function dealershipFilter(ctx: JobContext, column: string): SQL {
  return ctx.dealershipId ? sql`AND ${sql.raw(column)} = ${ctx.dealershipId}::uuid` : sql``;
}

/** Unanswered leads, hot leads and follow-ups due: one notification per event and owner. */
export async function runNotificationChecks(ctx: JobContext): Promise<JobResult> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - LOOKBACK_HOURS * 3600_000);
  let items = 0;

  const unanswered = await ctx.db.rows<{ id: string; dealership_id: string; assigned_to: string; who: string }>(sql`
    SELECT l.id, l.dealership_id, l.assigned_to, trim(c.first_name || ' ' || c.last_name) AS who
    FROM leads l JOIN customers c ON c.id = l.customer_id
    WHERE NOT l.deleted AND l.assigned_to IS NOT NULL AND l.status = 'new'
      AND l.first_response_at IS NULL AND l.last_contact_at IS NULL
      AND l.created_at <= ${iso(new Date(now.getTime() - ctx.env.LEAD_UNANSWERED_MINUTES * 60_000))}::timestamptz
      AND l.created_at > ${iso(since)}::timestamptz ${dealershipFilter(ctx, 'l.dealership_id')}`);
  for (const l of unanswered) {
    const mins = ctx.env.LEAD_UNANSWERED_MINUTES;
    items += Number(
      await notify(ctx.db, {
        dealershipId: l.dealership_id,
        userId: l.assigned_to,
        type: 'lead_unanswered',
        priority: 'high',
        dedupKey: `lead_unanswered:${l.id}:${l.assigned_to}`,
        title: { es: 'Lead sin respuesta', en: 'Unanswered lead' },
        body: { es: `${l.who || 'Cliente'} lleva más de ${mins} min sin respuesta`, en: `${l.who || 'Customer'} has waited over ${mins} min for an answer` },
        link: `/leads/${l.id}`,
        data: { lead_id: l.id, minutes: mins },
        entityType: 'lead',
        entityId: l.id,
      }),
    );
  }

  const hot = await ctx.db.rows<{ id: string; dealership_id: string; assigned_to: string; who: string; score: number }>(sql`
    SELECT l.id, l.dealership_id, l.assigned_to, l.score, trim(c.first_name || ' ' || c.last_name) AS who
    FROM leads l JOIN customers c ON c.id = l.customer_id
    WHERE NOT l.deleted AND l.assigned_to IS NOT NULL AND l.status NOT IN ('closed_won', 'closed_lost')
      AND l.score >= ${ctx.env.HOT_LEAD_SCORE} AND l.updated_at > ${iso(since)}::timestamptz ${dealershipFilter(ctx, 'l.dealership_id')}`);
  for (const l of hot) {
    items += Number(
      await notify(ctx.db, {
        dealershipId: l.dealership_id,
        userId: l.assigned_to,
        type: 'hot_lead',
        priority: 'high',
        dedupKey: `hot_lead:${l.id}:${l.assigned_to}`,
        title: { es: 'Lead caliente', en: 'Hot lead' },
        body: { es: `${l.who || 'Cliente'} (puntuación ${l.score})`, en: `${l.who || 'Customer'} (score ${l.score})` },
        link: `/leads/${l.id}`,
        data: { lead_id: l.id, score: l.score },
        entityType: 'lead',
        entityId: l.id,
      }),
    );
  }

  const due = await ctx.db.rows<{ id: string; dealership_id: string; user_id: string; lead_id: string; description: string; due_at: string; who: string }>(sql`
    SELECT a.id, a.dealership_id, a.user_id, a.lead_id, a.description, lotbook_iso(a.due_at) AS due_at, trim(c.first_name || ' ' || c.last_name) AS who
    FROM lead_activities a JOIN leads l ON l.id = a.lead_id JOIN customers c ON c.id = l.customer_id
    WHERE NOT a.deleted AND NOT a.done AND a.due_at IS NOT NULL
      AND a.due_at <= ${iso(now)}::timestamptz AND a.due_at > ${iso(since)}::timestamptz ${dealershipFilter(ctx, 'a.dealership_id')}`);
  for (const a of due) {
    const what = a.description.trim().slice(0, 120);
    items += Number(
      await notify(ctx.db, {
        dealershipId: a.dealership_id,
        userId: a.user_id,
        type: 'follow_up_due',
        priority: 'normal',
        dedupKey: `follow_up_due:${a.id}:${a.due_at}`,
        title: { es: 'Seguimiento pendiente', en: 'Follow-up due' },
        body: { es: `${a.who || 'Cliente'}${what ? `: ${what}` : ''}`, en: `${a.who || 'Customer'}${what ? `: ${what}` : ''}` },
        link: `/leads/${a.lead_id}`,
        data: { lead_id: a.lead_id, activity_id: a.id, due_at: a.due_at },
        entityType: 'lead',
        entityId: a.lead_id,
      }),
    );
  }
  return { items };
}

/** The calendar day before `date` ("YYYY-MM-DD"). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export interface DailyFigures {
  new_leads: number;
  sales: number;
  won: number;
  lost: number;
  in_stock: number;
}

/** Yesterday's figures of each dealership in the run's time zone, to every manager and admin. */
export async function runDailyReport(ctx: JobContext): Promise<JobResult> {
  const where = ctx.dealershipId ? sql`id = ${ctx.dealershipId}::uuid` : ctx.timezone ? sql`timezone = ${ctx.timezone}` : sql`true`;
  const dealerships = await ctx.db.rows<{ id: string; timezone: string }>(sql`SELECT id, timezone FROM dealerships WHERE ${where}`);
  let items = 0;
  for (const d of dealerships) {
    const day = dayBefore(localClock(ctx.clock.now(), d.timezone).date);
    const local = (col: string) => sql.raw(`(${col} AT TIME ZONE '${d.timezone.replace(/'/g, "''")}')::date`);
    const [f] = await ctx.db.rows<DailyFigures>(sql`
      SELECT
        (SELECT count(*)::int FROM leads WHERE dealership_id = ${d.id}::uuid AND NOT deleted AND ${local('created_at')} = ${day}::date) AS new_leads,
        (SELECT count(*)::int FROM sales WHERE dealership_id = ${d.id}::uuid AND NOT deleted AND status = 'completed' AND ${local('sale_date')} = ${day}::date) AS sales,
        (SELECT count(*)::int FROM leads WHERE dealership_id = ${d.id}::uuid AND NOT deleted AND status = 'closed_won' AND ${local('updated_at')} = ${day}::date) AS won,
        (SELECT count(*)::int FROM leads WHERE dealership_id = ${d.id}::uuid AND NOT deleted AND status = 'closed_lost' AND ${local('updated_at')} = ${day}::date) AS lost,
        (SELECT count(*)::int FROM vehicles WHERE dealership_id = ${d.id}::uuid AND NOT deleted AND status = 'available') AS in_stock`);
    const figures = f!;
    const managers = await ctx.db.rows<{ id: string }>(sql`
      SELECT id FROM users WHERE dealership_id = ${d.id}::uuid AND role IN ('manager', 'admin') AND is_active AND NOT deleted`);
    for (const m of managers) {
      items += Number(
        await notify(ctx.db, {
          dealershipId: d.id,
          userId: m.id,
          type: 'daily_report',
          priority: 'normal',
          dedupKey: `daily_report:${day}`,
          title: { es: `Informe diario del ${day}`, en: `Daily report for ${day}` },
          body: {
            es: `${figures.sales} ventas, ${figures.new_leads} leads nuevos, ${figures.won} ganados, ${figures.lost} perdidos, ${figures.in_stock} vehículos en stock`,
            en: `${figures.sales} sales, ${figures.new_leads} new leads, ${figures.won} won, ${figures.lost} lost, ${figures.in_stock} vehicles in stock`,
          },
          link: '/notifications/daily-report',
          data: { date: day, figures },
        }),
      );
    }
  }
  return { items };
}

export const notificationChecksJob = (env: Env): JobDefinition => ({
  name: 'notification-checks',
  description: 'Unanswered leads, hot leads and follow-ups due: notifies their owners once per event',
  schedule: `*/${env.NOTIFICATION_CHECK_INTERVAL_MINUTES} * * * *`,
  run: runNotificationChecks,
});

export const dailyReportJob = (env: Env): JobDefinition => {
  const [hh, mm] = env.DAILY_REPORT_TIME.split(':').map(Number);
  return {
    name: 'daily-report',
    description: "Yesterday's figures to every manager, at DAILY_REPORT_TIME in the dealership's time zone",
    schedule: `${mm} ${hh} * * *`,
    perDealershipTimezone: true,
    run: runDailyReport,
  };
};
