import { sql } from 'drizzle-orm';
import type { Env } from '../env.ts';
import type { JobContext, JobDefinition, JobResult } from './types.ts';

const iso = (d: Date) => d.toISOString();

/**
 * Removes what has outlived its use: expired refresh tokens, read notifications past
 * NOTIFICATION_RETENTION_DAYS, sync rejections past REJECTION_RETENTION_DAYS and finished job runs
 * past the same. Read notifications are deleted as tombstones (`deleted = true`) so devices drop
 * them through sync like any other deletion.
 */
export async function runCleanup(ctx: JobContext): Promise<JobResult> {
  const now = ctx.clock.now().getTime();
  const notifCutoff = iso(new Date(now - ctx.env.NOTIFICATION_RETENTION_DAYS * 86_400_000));
  const rejCutoff = iso(new Date(now - ctx.env.REJECTION_RETENTION_DAYS * 86_400_000));
  const tokens = await ctx.db.rows(sql`DELETE FROM refresh_tokens WHERE expires_at < ${iso(new Date(now))}::timestamptz RETURNING id`);
  const notifications = await ctx.db.rows(sql`
    UPDATE notifications SET deleted = true
    WHERE NOT deleted AND read_at IS NOT NULL AND read_at < ${notifCutoff}::timestamptz RETURNING id`);
  const rejections = await ctx.db.rows(sql`DELETE FROM sync_rejections WHERE created_at < ${rejCutoff}::timestamptz RETURNING id`);
  const runs = await ctx.db.rows(sql`DELETE FROM job_runs WHERE status <> 'running' AND started_at < ${rejCutoff}::timestamptz RETURNING id`);
  await ctx.db.rows(sql`DELETE FROM notification_deliveries WHERE delivered_at < ${notifCutoff}::timestamptz`);
  ctx.log.info({ tokens: tokens.length, notifications: notifications.length, rejections: rejections.length, runs: runs.length }, 'cleanup');
  return { items: tokens.length + notifications.length + rejections.length + runs.length };
}

export const cleanupJob = (env: Env): JobDefinition => ({
  name: 'cleanup',
  description: 'Expired refresh tokens, read notifications and sync rejections past their retention',
  schedule: `0 */${env.CLEANUP_INTERVAL_HOURS} * * *`,
  run: runCleanup,
});
