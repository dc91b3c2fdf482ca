import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { FakeClock } from '../jobs/clock.ts';
import type { JobContext } from '../jobs/types.ts';
import { createLogger } from '../log.ts';
import { testEnv } from '../test/harness.ts';

export const ALL_WEEK = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['00:00', '24:00']]]));
export const WEEKDAYS_9_TO_8 = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [['09:00', '20:00']]]));

export function jobContext(db: Database, clock: FakeClock): JobContext {
  const env = testEnv();
  return { db, clock, env, log: createLogger('silent'), instanceId: 'test' };
}

/** A web lead as a device pushes it: no owner, status new. */
export function webLead(dealershipId: string, customerId: string, over: Record<string, unknown> = {}) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    dealership_id: dealershipId,
    customer_id: customerId,
    assigned_to: null,
    source: 'website',
    status: 'new',
    priority: 'medium',
    budget_min: 20_000,
    budget_max: 30_000,
    preferences: { body_types: ['suv'], makes: [], fuel_types: [], vehicle_id: null },
    notes: null,
    score: 0,
    score_factors: [],
    last_contact_at: null,
    first_response_at: null,
    seq: 0,
    version: 0,
    created_at: now,
    updated_at: now,
    _deleted: false,
    ...over,
  };
}

export async function setHours(db: Database, dealershipId: string, business: Record<string, unknown>, people: Record<string, { working_hours: unknown; specializations?: string[] }>) {
  await db.rows(sql`UPDATE dealerships SET timezone = 'Europe/Madrid', settings = settings || jsonb_build_object('business_hours', ${JSON.stringify(business)}::jsonb) WHERE id = ${dealershipId}::uuid`);
  for (const [id, p] of Object.entries(people)) {
    await db.rows(sql`UPDATE users SET working_hours = ${JSON.stringify(p.working_hours)}::jsonb, specializations = ${JSON.stringify(p.specializations ?? [])}::jsonb WHERE id = ${id}::uuid`);
  }
}
