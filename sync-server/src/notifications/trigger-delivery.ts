import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Sql } from '../db/client.ts';
import { deliverOutside } from './delivery.ts';
import type { NotificationPriority, NotificationType } from './types.ts';

/** Only what notify() did not send itself: the `lead_assigned` rows of the 0006 trigger. */
const TRIGGER_TYPES = ['lead_assigned'];

/**
 * Sends the trigger-made notifications of one dealership that nobody has sent yet on push and
 * email (per preferences and quiet hours). A row in `notification_deliveries` claims each one, so
 * with several instances hearing the same change it goes out once. Returns how many were sent.
 */
export async function deliverTriggered(db: Sql, dealershipId: string): Promise<number> {
  const rows = await db.rows<{ id: string; user_id: string; type: NotificationType; priority: NotificationPriority; title: string; body: string; entity_id: string | null; email: string; lang: string; timezone: string }>(sql`
    WITH fresh AS (
      SELECT n.id FROM notifications n
      WHERE n.dealership_id = ${dealershipId}::uuid AND n.dedup_key IS NULL AND NOT n.deleted AND n.read_at IS NULL
        AND n.type = ANY(${`{${TRIGGER_TYPES.join(',')}}`}::text[]) AND n.created_at > now() - interval '10 minutes'
        AND NOT EXISTS (SELECT 1 FROM notification_deliveries x WHERE x.notification_id = n.id)
      ORDER BY n.created_at LIMIT 100
    ), claimed AS (
      INSERT INTO notification_deliveries (notification_id) SELECT id FROM fresh ON CONFLICT DO NOTHING RETURNING notification_id
    )
    SELECT n.id, n.user_id, n.type, n.priority, n.title, n.body, n.entity_id, u.email, coalesce(d.timezone, 'UTC') AS timezone,
      CASE WHEN lower(left(coalesce(to_jsonb(u) ->> 'language', to_jsonb(u) ->> 'locale', d.locale, 'es'), 2)) = 'en' THEN 'en' ELSE 'es' END AS lang
    FROM claimed c JOIN notifications n ON n.id = c.notification_id JOIN users u ON u.id = n.user_id
    LEFT JOIN dealerships d ON d.id = n.dealership_id`);
  for (const n of rows) {
    await deliverOutside(db, {
      id: n.id, userId: n.user_id, dealershipId, email: n.email, lang: n.lang === 'en' ? 'en' : 'es', timezone: n.timezone,
      type: n.type, priority: n.priority, title: n.title, body: n.body, link: n.entity_id ? `/leads/${n.entity_id}` : null, data: { type: n.type },
    });
  }
  return rows.length;
}

/** Listens for notification changes and delivers trigger-made ones at once (one run per dealership at a time). */
export function startTriggerDelivery(ctx: AppContext): () => void {
  const running = new Set<string>();
  const again = new Set<string>();
  const run = async (dealershipId: string) => {
    if (running.has(dealershipId)) {
      again.add(dealershipId);
      return;
    }
    running.add(dealershipId);
    try {
      do {
        again.delete(dealershipId);
        await deliverTriggered(ctx.db, dealershipId);
      } while (again.has(dealershipId));
    } catch (err) {
      ctx.log.warn({ err }, 'delivering trigger-made notifications failed');
    } finally {
      running.delete(dealershipId);
    }
  };
  return ctx.changes.onChange((h) => {
    if (h.collection === 'notifications') void run(h.dealershipId);
  });
}
