import { z } from 'zod';
import { isoDateTime, longText, money, syncFields, uuid } from './common.ts';
import { BODY_TYPES, FUEL_TYPES, LEAD_PRIORITIES, LEAD_SOURCES, LEAD_STATUSES } from './enums.ts';

export const leadPreferences = z.object({
  body_types: z.array(z.enum(BODY_TYPES)).max(10).default([]),
  makes: z.array(z.string().max(60)).max(20).default([]),
  fuel_types: z.array(z.enum(FUEL_TYPES)).max(4).default([]),
  vehicle_id: uuid.nullable().default(null),
});

export const scoreFactor = z.object({ factor: z.string().max(60), points: z.number() });

export const leadFields = z.object({
  customer_id: uuid,
  /** null means the lead is up for grabs. */
  assigned_to: uuid.nullable(),
  source: z.enum(LEAD_SOURCES),
  status: z.enum(LEAD_STATUSES),
  priority: z.enum(LEAD_PRIORITIES),
  budget_min: money.nullable(),
  budget_max: money.nullable(),
  preferences: leadPreferences,
  notes: longText.nullable(),
  score: z.number().int().min(0).max(100),
  score_factors: z.array(scoreFactor).max(20),
  last_contact_at: isoDateTime.nullable(),
  first_response_at: isoDateTime.nullable(),
});
export type LeadFields = z.infer<typeof leadFields>;

export const leadDoc = leadFields.extend(syncFields);
export type Lead = z.infer<typeof leadDoc>;
