import { z } from 'zod';
import { isoDateTime, shortText, syncFields, uuid } from './common.ts';
import { BODY_TYPES, ROLES } from './enums.ts';

/** Weekly availability used by lead routing: ISO weekday (1=Mon) to [start, end) "HH:MM". */
export const workingHours = z.record(z.string().regex(/^[1-7]$/), z.array(z.tuple([z.string(), z.string()])).max(4));

/** The public part of a user: what the `team` collection replicates. Never the password hash. */
export const teamMemberDoc = z.object({
  ...syncFields,
  email: z.email().max(200),
  first_name: shortText,
  last_name: shortText,
  phone: z.string().max(20).nullable(),
  role: z.enum(ROLES),
  is_active: z.boolean(),
  specializations: z.array(z.string().max(60)).max(20),
  working_hours: workingHours,
});
export type TeamMember = z.infer<typeof teamMemberDoc>;

export const publicUser = z.object({
  id: uuid,
  email: z.string(),
  role: z.enum(ROLES),
  first_name: z.string(),
  last_name: z.string(),
  dealership_id: uuid,
});
export type PublicUser = z.infer<typeof publicUser>;

export const dealership = z.object({
  id: uuid,
  name: shortText,
  currency: z.string().length(3),
  locale: z.string().max(10),
  timezone: z.string().max(60),
  settings: z.record(z.string(), z.unknown()),
  created_at: isoDateTime,
});
export type Dealership = z.infer<typeof dealership>;

export const BODY_TYPE_SPECIALIZATIONS = BODY_TYPES;
