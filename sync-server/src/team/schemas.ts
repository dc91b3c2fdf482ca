import { ROLES, workingHours } from '@lotbook/shared';
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
/** Weekday (1 = Monday) to up to four [start, end) intervals; each must start before it ends. */
const hours = workingHours.and(z.record(z.string(), z.array(z.tuple([hhmm, hhmm]).refine(([a, b]) => a < b, 'must start before it ends'))));

const editable = {
  first_name: z.string().trim().min(1).max(80),
  last_name: z.string().trim().max(80),
  phone: z.string().trim().max(20).nullable(),
  role: z.enum(ROLES),
  specializations: z.array(z.string().trim().min(1).max(60)).max(20),
  working_hours: hours,
  /** Local dates off, e.g. holidays of their own; at most a year and a half of them. */
  days_off: z
    .array(z.iso.date())
    .max(550)
    .transform((d) => [...new Set(d)].toSorted()),
};

export const createMemberBody = z.object({
  ...editable,
  email: z.string().trim().toLowerCase().email().max(200),
  last_name: editable.last_name.default(''),
  phone: editable.phone.default(null),
  specializations: editable.specializations.default([]),
  working_hours: hours.default({}),
  days_off: editable.days_off.default([]),
});

export const editMemberBody = z.object(editable).partial().refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const deactivateBody = z.object({
  /** Where their open leads go: a colleague's id, or null (unassigned, back to routing). */
  reassign_to: z.uuid().nullable().default(null),
});

export type CreateMember = z.infer<typeof createMemberBody>;
export type EditMember = z.infer<typeof editMemberBody>;
