import { sql } from 'drizzle-orm';
import { deliveryChannels, notificationPreferences, type DeliveryDecision, type NotificationPreferences } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';
import { systemClock, type Clock } from '../jobs/clock.ts';
import type { Logger } from '../log.ts';
import { preferencesDocId } from './preferences-id.ts';
import type { NotificationPriority, NotificationType } from './types.ts';

/** One created notification, as the channels need it (text already in the recipient's language). */
export interface OutgoingNotification {
  id: string;
  userId: string;
  dealershipId: string;
  email: string;
  lang: 'es' | 'en';
  timezone: string;
  type: NotificationType;
  priority: NotificationPriority;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
}

export interface DeliveryChannel {
  send(db: Sql, n: OutgoingNotification): Promise<void>;
}

interface DeliveryConfig {
  clock: Clock;
  log?: Logger;
  push?: DeliveryChannel;
  email?: DeliveryChannel;
}

/**
 * The channels outside the app, configured once per process at start-up (server.ts): notify()'s
 * signature is the shared contract and takes only the database. Without configuration a
 * notification is in-app only.
 */
let config: DeliveryConfig = { clock: systemClock };

export function configureDelivery(next: Partial<DeliveryConfig>): void {
  config = { ...config, ...next };
}

export function deliveryConfig(): Readonly<DeliveryConfig> {
  return config;
}

export async function preferencesOf(db: Sql, userId: string): Promise<NotificationPreferences | null> {
  const rows = await db.rows<NotificationPreferences>(sql`
    SELECT channels, quiet_start, quiet_end, time_zone FROM notification_preferences WHERE user_id = ${userId}::uuid AND NOT deleted`);
  if (!rows[0]) return null;
  const parsed = notificationPreferences.safeParse(rows[0]);
  return parsed.success ? parsed.data : null;
}

/**
 * Writes a user's preferences from the REST endpoint into the replicated document (id derived from the user id):
 * the stamp trigger gives it a seq and a version, so the user's devices pull it like any write,
 * and a device that edited an older version meets the ordinary conflict policy when it pushes.
 */
export async function savePreferences(db: Sql, user: { id: string; dealership_id: string }, p: NotificationPreferences): Promise<void> {
  await db.rows(sql`
    INSERT INTO notification_preferences (id, user_id, dealership_id, channels, quiet_start, quiet_end, time_zone)
    VALUES (${preferencesDocId(user.id)}::uuid, ${user.id}::uuid, ${user.dealership_id}::uuid, ${JSON.stringify(p.channels)}::jsonb, ${p.quiet_start}, ${p.quiet_end}, ${p.time_zone})
    ON CONFLICT (id) DO UPDATE SET channels = EXCLUDED.channels, quiet_start = EXCLUDED.quiet_start,
      quiet_end = EXCLUDED.quiet_end, time_zone = EXCLUDED.time_zone, deleted = false`);
}

/** Sends a new notification on push and email as the user's preferences and quiet hours allow. Never throws. */
export async function deliverOutside(db: Sql, n: OutgoingNotification): Promise<DeliveryDecision | null> {
  try {
    if (!config.push && !config.email) return null;
    const prefs = await preferencesOf(db, n.userId);
    const decision = deliveryChannels({ type: n.type, priority: n.priority, prefs, at: config.clock.now(), defaultTimeZone: n.timezone });
    const sends: Promise<void>[] = [];
    if (decision.push && config.push) sends.push(config.push.send(db, n));
    if (decision.email && config.email) sends.push(config.email.send(db, n));
    const results = await Promise.allSettled(sends);
    for (const r of results) if (r.status === 'rejected') config.log?.warn({ err: r.reason, notification: n.id }, 'notification delivery failed');
    return decision;
  } catch (err) {
    config.log?.warn({ err, notification: n.id }, 'notification delivery failed');
    return null;
  }
}
