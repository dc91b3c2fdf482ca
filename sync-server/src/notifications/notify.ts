import { sql } from 'drizzle-orm';
import type { Sql } from '../db/client.ts';
import { deliverOutside } from './delivery.ts';
import type { NotifyInput } from './types.ts';

/**
 * The replicated document keeps today's enums (devices validate `type` and `priority` against
 * them): `lead_reassigned` travels as `lead_assigned` and `urgent` as `high`. The full type and
 * priority stay on the server in `data` and drive push/email delivery and quiet hours.
 */
const WIRE_TYPE: Record<string, string> = { lead_reassigned: 'lead_assigned' };
const WIRE_PRIORITY: Record<string, string> = { urgent: 'high' };

/**
 * Creates one in-app notification in the replicated `notifications` collection, in the
 * recipient's language, then sends it on the channels the recipient chose (push, email) unless
 * their quiet hours hold it back. Returns false when it was a duplicate (or the user is not an
 * active member of the dealership).
 *
 * Dedup: `(user_id, dedup_key)` is unique in the database (migration 0018), so a job that runs
 * again, or two instances running it at once, never notify twice.
 */
export async function notify(db: Sql, n: NotifyInput): Promise<boolean> {
  const data = { ...n.data, type: n.type, priority: n.priority };
  const rows = await db.rows<{ id: string; lang: string; title: string; body: string; timezone: string; email: string }>(sql`
    WITH target AS (
      SELECT u.id, u.email, coalesce(d.timezone, 'UTC') AS timezone,
        CASE WHEN lower(left(coalesce(to_jsonb(u) ->> 'language', to_jsonb(u) ->> 'locale', d.locale, 'es'), 2)) = 'en' THEN 'en' ELSE 'es' END AS lang
      FROM users u LEFT JOIN dealerships d ON d.id = u.dealership_id
      WHERE u.id = ${n.userId}::uuid AND u.dealership_id = ${n.dealershipId}::uuid AND u.is_active AND NOT u.deleted
    ), ins AS (
      INSERT INTO notifications (id, dealership_id, user_id, type, title, body, priority, entity_type, entity_id, dedup_key, link, data)
      SELECT gen_random_uuid(), ${n.dealershipId}::uuid, t.id, ${WIRE_TYPE[n.type] ?? n.type},
        left(CASE WHEN t.lang = 'en' THEN ${n.title.en} ELSE ${n.title.es} END, 200),
        left(CASE WHEN t.lang = 'en' THEN ${n.body.en} ELSE ${n.body.es} END, 2000),
        ${WIRE_PRIORITY[n.priority] ?? n.priority}, ${n.entityType ?? null}, ${n.entityId ?? null}::uuid,
        ${n.dedupKey}, ${n.link ?? null}, ${JSON.stringify(data)}::jsonb
      FROM target t
      ON CONFLICT (user_id, dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING
      RETURNING id, title, body
    )
    SELECT ins.id, ins.title, ins.body, t.lang, t.timezone, t.email FROM ins CROSS JOIN target t`);
  const row = rows[0];
  if (!row) return false;
  await deliverOutside(db, {
    id: row.id,
    userId: n.userId,
    dealershipId: n.dealershipId,
    email: row.email,
    lang: row.lang === 'en' ? 'en' : 'es',
    timezone: row.timezone,
    type: n.type,
    priority: n.priority,
    title: row.title,
    body: row.body,
    link: n.link ?? null,
    data,
  });
  return true;
}
