import { z } from 'zod';
import { preferenceShape, QUIET_HOURS_PAIRED, quietHoursPaired } from '../rules/notification-delivery.ts';
import { syncFields, uuid } from './common.ts';

/**
 * A user's notification preferences (channels per type) and quiet hours, replicated like any other
 * document: one per user, pushable by that user only. Its id is deterministic, the name-based
 * UUIDv3 of the user's id in this namespace (`uuid`'s v3 on the device and the server,
 * `lotbook_uuid_v3` in SQL, migration 0022), so two devices that create it offline write the same
 * document and meet in the ordinary conflict policy, and it never equals an id of another collection.
 */
export const NOTIFICATION_PREFERENCES_NAMESPACE = 'c6a3f0e2-5b1d-4f8e-9a47-2f1d8e3b7a10';

const preferenceObject = z.object({ user_id: uuid, ...preferenceShape });

export const notificationPreferenceFields = preferenceObject.refine(quietHoursPaired, QUIET_HOURS_PAIRED);
export type NotificationPreferenceFields = z.infer<typeof notificationPreferenceFields>;

export const notificationPreferenceDoc = preferenceObject.extend(syncFields);
export type NotificationPreferenceDoc = z.infer<typeof notificationPreferenceDoc>;
