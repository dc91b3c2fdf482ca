import { z } from 'zod';
import { isoDateTime, longText, shortText, syncFields, uuid } from './common.ts';
import { NOTIFICATION_PRIORITIES, NOTIFICATION_TYPES } from './enums.ts';

export const notificationFields = z.object({
  user_id: uuid,
  type: z.enum(NOTIFICATION_TYPES),
  title: shortText,
  body: longText.max(2000),
  priority: z.enum(NOTIFICATION_PRIORITIES),
  entity_type: shortText.max(40).nullable(),
  entity_id: uuid.nullable(),
  read_at: isoDateTime.nullable(),
});
export type NotificationFields = z.infer<typeof notificationFields>;

export const notificationDoc = notificationFields.extend(syncFields);
export type Notification = z.infer<typeof notificationDoc>;
