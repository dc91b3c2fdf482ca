import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_ROUTING, type AvailabilityDealership, type RoutingSettings, type WeeklyHours } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';

const points = z.number().int().min(0).max(100);

/** The routing settings a manager edits (PUT /api/v1/routing/settings); kept under `dealerships.settings.routing`. */
export const routingSettingsBody = z.strictObject({
  weights: z.strictObject({ specialization: points, conversion: points, per_active_lead: z.number().int().min(0).max(50), available: points }),
  hot_threshold: z.number().int().min(1).max(100),
  escalation_minutes: z.number().int().min(15).max(7 * 24 * 60),
});

/** Stored settings over the defaults: a dealership that never saved any routes by the spec's rule. */
export function routingSettingsOf(stored: unknown): RoutingSettings {
  const parsed = routingSettingsBody.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_ROUTING;
}

export interface RoutingContext {
  dealershipId: string;
  dealership: AvailabilityDealership;
  settings: RoutingSettings;
}

/** The dealership's time zone, business hours, holidays and routing settings (issue 13's settings plus ours). */
export async function routingContext(db: Sql, dealershipId: string): Promise<RoutingContext | null> {
  const [d] = await db.rows<{ timezone: string; settings: Record<string, unknown> | null }>(sql`SELECT timezone, settings FROM dealerships WHERE id = ${dealershipId}::uuid`);
  if (!d) return null;
  const s = d.settings ?? {};
  return {
    dealershipId,
    dealership: { timezone: d.timezone, business_hours: (s.business_hours as WeeklyHours | undefined) ?? {}, holidays: (s.holidays as string[] | undefined) ?? [] },
    settings: routingSettingsOf(s.routing),
  };
}

/** Saves the routing settings (whole object, validated by the route). */
export async function saveRoutingSettings(db: Sql, dealershipId: string, body: RoutingSettings): Promise<RoutingSettings> {
  await db.rows(sql`UPDATE dealerships SET settings = coalesce(settings, '{}'::jsonb) || jsonb_build_object('routing', ${JSON.stringify(body)}::jsonb) WHERE id = ${dealershipId}::uuid`);
  return body;
}
