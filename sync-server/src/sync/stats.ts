import { sql } from 'drizzle-orm';
import type { AppContext, AuthUser } from '../context.ts';
import { syncDevices } from '../db/schema.ts';
import { SseHub } from './stream.ts';

/** Records when a device last pulled or pushed, and how many of its writes conflicted. */
export async function touchDevice(
  ctx: AppContext,
  user: AuthUser,
  deviceId: string | null,
  what: { pull?: { collection: string; seq: number }; push?: { docs: number; conflicts: number }; userAgent?: string },
): Promise<void> {
  if (!deviceId) return;
  const now = new Date();
  await ctx.db.orm
    .insert(syncDevices)
    .values({
      device_id: deviceId,
      user_id: user.id,
      dealership_id: user.dealership_id,
      last_pull_at: what.pull ? now : null,
      last_push_at: what.push ? now : null,
      last_checkpoint: what.pull ? { [what.pull.collection]: what.pull.seq } : {},
      pushed_docs: what.push?.docs ?? 0,
      conflicts: what.push?.conflicts ?? 0,
      user_agent: what.userAgent?.slice(0, 300) ?? null,
    })
    .onConflictDoUpdate({
      target: [syncDevices.device_id, syncDevices.user_id],
      set: what.pull
        ? {
            last_pull_at: now,
            last_checkpoint: sql`${syncDevices.last_checkpoint} || ${JSON.stringify({ [what.pull.collection]: what.pull.seq })}::jsonb`,
          }
        : {
            last_push_at: now,
            pushed_docs: sql`${syncDevices.pushed_docs} + ${what.push?.docs ?? 0}`,
            conflicts: sql`${syncDevices.conflicts} + ${what.push?.conflicts ?? 0}`,
          },
    });
}

/** Per-device stats for a dealership (managers), including each user's pending rejections. */
export async function deviceStats(ctx: AppContext, dealershipId: string) {
  return ctx.db.rows(sql`
    SELECT d.device_id, d.user_id, u.email, lotbook_iso(d.last_pull_at) AS last_pull_at, lotbook_iso(d.last_push_at) AS last_push_at,
           d.pushed_docs, d.conflicts, d.user_agent,
           (SELECT count(*)::int FROM sync_rejections r WHERE r.user_id = d.user_id AND r.device_id = d.device_id) AS rejections
    FROM sync_devices d JOIN users u ON u.id = d.user_id
    WHERE d.dealership_id = ${dealershipId}::uuid
    ORDER BY greatest(d.last_pull_at, d.last_push_at) DESC NULLS LAST
    LIMIT 500`);
}

/** The sync section of GET /health. */
export async function syncHealth(ctx: AppContext): Promise<Record<string, unknown>> {
  const r = await ctx.db.rows<{ devices: number; active_24h: number; rejections_24h: number; seq: number }>(sql`
    SELECT (SELECT count(*)::int FROM sync_devices) AS devices,
           (SELECT count(*)::int FROM sync_devices WHERE greatest(last_pull_at, last_push_at) > now() - interval '24 hours') AS active_24h,
           (SELECT count(*)::int FROM sync_rejections WHERE created_at > now() - interval '24 hours') AS rejections_24h,
           (SELECT last_value::float8 FROM change_seq) AS seq`);
  return { status: 'ok', stream_connections: SseHub.for(ctx).size, ...r[0] };
}
