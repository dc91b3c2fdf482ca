import { sql } from 'drizzle-orm';
import type { Sql } from '../db/client.ts';
import type { NotifyInput } from './types.ts';

/**
 * Creates one in-app notification in the replicated `notifications` collection, in the
 * recipient's language. Returns false when it was a duplicate.
 *
 * CONTRACT (issue 10 replaces the body, keeps this signature): dedup by `dedupKey` in the
 * database, channel delivery (push, email) per the user's preferences and quiet hours.
 * This first version dedups by (user, type, entity) within a day.
 */
export async function notify(db: Sql, n: NotifyInput): Promise<boolean> {
  const rows = await db.rows<{ id: string }>(sql`
    INSERT INTO notifications (id, dealership_id, user_id, type, title, body, priority, entity_type, entity_id)
    SELECT gen_random_uuid(), ${n.dealershipId}::uuid, u.id, ${n.type},
      CASE WHEN lower(left(coalesce(to_jsonb(u) ->> 'language', to_jsonb(u) ->> 'locale', d.locale, 'es'), 2)) = 'en' THEN ${n.title.en} ELSE ${n.title.es} END,
      left(CASE WHEN lower(left(coalesce(to_jsonb(u) ->> 'language', to_jsonb(u) ->> 'locale', d.locale, 'es'), 2)) = 'en' THEN ${n.body.en} ELSE ${n.body.es} END, 2000),
      ${n.priority}, ${n.entityType ?? null}, ${n.entityId ?? null}::uuid
    FROM users u LEFT JOIN dealerships d ON d.id = u.dealership_id
    WHERE u.id = ${n.userId}::uuid AND u.dealership_id = ${n.dealershipId}::uuid
      AND NOT EXISTS (
        SELECT 1 FROM notifications x
        WHERE x.user_id = u.id AND x.type = ${n.type}
          AND x.entity_id IS NOT DISTINCT FROM ${n.entityId ?? null}::uuid
          AND x.created_at > now() - interval '1 day' AND NOT x.deleted)
    RETURNING id`);
  return rows.length > 0;
}
