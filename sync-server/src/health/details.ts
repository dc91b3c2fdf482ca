import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { DeviceStats } from '../sync/stats.ts';
import { SseHub } from '../sync/stream.ts';

/**
 * The sync section of `/health/details`: devices and rejections of one dealership only. The
 * global change sequence is left out (it measures every dealership's activity); the number of
 * open streams of this process is kept, like the memory figures, as a process metric.
 */
export async function dealershipSyncHealth(ctx: AppContext, dealershipId: string): Promise<Record<string, unknown>> {
  await DeviceStats.for(ctx).flush().catch(() => undefined);
  const r = await ctx.db.rows<{ devices: number; active_24h: number; rejections_24h: number }>(sql`
    SELECT (SELECT count(*)::int FROM sync_devices WHERE dealership_id = ${dealershipId}::uuid) AS devices,
           (SELECT count(*)::int FROM sync_devices WHERE dealership_id = ${dealershipId}::uuid
              AND greatest(last_pull_at, last_push_at) > now() - interval '24 hours') AS active_24h,
           (SELECT count(*)::int FROM sync_rejections WHERE dealership_id = ${dealershipId}::uuid
              AND created_at > now() - interval '24 hours') AS rejections_24h`);
  return { status: 'ok', stream_connections: SseHub.for(ctx).size, ...r[0] };
}
