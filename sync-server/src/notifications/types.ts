/** Notification types and priorities, as stored in the replicated `notifications` collection. */
export const NOTIFICATION_TYPES = [
  'lead_assigned',
  'lead_unanswered',
  'hot_lead',
  'follow_up_due',
  'aged_inventory',
  'daily_report',
  'lead_reassigned',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFICATION_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
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
