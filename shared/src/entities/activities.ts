import { z } from 'zod';
import { isoDateTime, jsonObject, longText, syncFields, uuid } from './common.ts';
import { ACTIVITY_TYPES } from './enums.ts';

/** Activities are append-only facts with client-generated UUIDv7 ids, so they never conflict. */
export const activityFields = z.object({
  lead_id: uuid,
  user_id: uuid,
  activity_type: z.enum(ACTIVITY_TYPES),
  description: longText,
  activity_date: isoDateTime,
  due_at: isoDateTime.nullable(),
  done: z.boolean(),
  metadata: jsonObject,
});
export type ActivityFields = z.infer<typeof activityFields>;

export const activityDoc = activityFields.extend(syncFields);
export type LeadActivity = z.infer<typeof activityDoc>;
