import { and, eq, inArray } from 'drizzle-orm';
import { isAvailableNow, type WeeklyHours } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';
import { dealerships, users } from '../db/schema.ts';

/**
 * Who in a dealership can take a lead at `at`: active people who own leads (admin, manager,
 * sales), inside their working hours, not on a day off, and inside the dealership's business
 * hours and not on one of its holidays, all in its time zone (isAvailableNow, shared with the
 * device). What lead routing asks; ordered by name.
 */
export async function availableMembers(db: Sql, dealershipId: string, at: Date): Promise<{ id: string; first_name: string; last_name: string; role: string }[]> {
  const [d] = await db.orm.select({ timezone: dealerships.timezone, settings: dealerships.settings }).from(dealerships).where(eq(dealerships.id, dealershipId));
  if (!d) return [];
  const settings = (d.settings ?? {}) as { business_hours?: WeeklyHours; holidays?: string[] };
  const dealership = { timezone: d.timezone, business_hours: settings.business_hours ?? {}, holidays: settings.holidays ?? [] };
  const people = await db.orm
    .select({ id: users.id, first_name: users.first_name, last_name: users.last_name, role: users.role, is_active: users.is_active, working_hours: users.working_hours, days_off: users.days_off })
    .from(users)
    .where(and(eq(users.dealership_id, dealershipId), eq(users.deleted, false), eq(users.is_active, true), inArray(users.role, ['admin', 'manager', 'sales'])))
    .orderBy(users.first_name, users.last_name);
  return people
    .filter((p) => isAvailableNow({ is_active: p.is_active, working_hours: p.working_hours as WeeklyHours, days_off: p.days_off }, dealership, at))
    .map(({ id, first_name, last_name, role }) => ({ id, first_name, last_name, role }));
}
