import { NOTIFICATION_PRIORITIES as WIRE_PRIORITIES, PREFERENCE_TYPES } from '@lotbook/shared';

/**
 * Notification types and priorities the server works with. The types are the shared list users set
 * channels for (`PREFERENCE_TYPES`); the replicated document carries the wire enums
 * (`lead_reassigned` travels as `lead_assigned`, `urgent` as `high`: see notify.ts).
 */
export const NOTIFICATION_TYPES = PREFERENCE_TYPES;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFICATION_PRIORITIES = [...WIRE_PRIORITIES, 'urgent'] as const;
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number];

/** Text in both languages: the recipient's language picks one. */
export interface Localized {
  es: string;
  en: string;
}

export interface NotifyInput {
  dealershipId: string;
  userId: string;
  type: NotificationType;
  priority: NotificationPriority;
  /** The same event never notifies twice: a second notify() with the same key for the same user is a no-op. */
  dedupKey: string;
  title: Localized;
  body: Localized;
  /** In-app deep link, e.g. `/leads/<id>`. */
  link?: string;
  data?: Record<string, unknown>;
  entityType?: 'lead' | 'vehicle' | 'customer' | 'sale' | 'activity';
  entityId?: string;
}
