import { sql } from 'drizzle-orm';
import type { AppContext, AuthUser } from '../context.ts';

/** What one request tells about a device. */
export interface DeviceActivity {
  pull?: { collection: string; seq: number };
  push?: { docs: number; conflicts: number };
  userAgent?: string;
}

interface Pending {
  device_id: string;
  user_id: string;
  dealership_id: string;
  last_pull_at: Date | null;
  last_push_at: Date | null;
  checkpoint: Record<string, number>;
  pushed_docs: number;
  conflicts: number;
  user_agent: string | null;
}

const buffers = new WeakMap<AppContext, DeviceStats>();

/**
 * Device statistics (last pull and push, checkpoints, pushed documents, conflicts), kept in memory
 * and written in one statement every SYNC_STATS_FLUSH_MS (issue 17: a pull used to write its
 * device's row, a committed write with a disk flush per pull, and a device's two simultaneous
 * pulls waited on each other's row lock). Readers (`/sync/v1/devices`, `/health/details`) flush
 * first, so they report exactly what a write per request would have. A crash loses at most one
 * interval of statistics, never data: nothing here decides what a device receives.
 */
export class DeviceStats {
  private pending = new Map<string, Pending>();
  private readonly timer: ReturnType<typeof setInterval> | null;
  private flushing: Promise<void> = Promise.resolve();

  static for(ctx: AppContext): DeviceStats {
    let s = buffers.get(ctx);
    if (!s) buffers.set(ctx, (s = new DeviceStats(ctx)));
    return s;
  }

  private constructor(private readonly ctx: AppContext) {
    const every = ctx.env.SYNC_STATS_FLUSH_MS;
    this.timer = every > 0 ? setInterval(() => void this.flush().catch((err) => ctx.log.warn({ err }, 'device stats flush failed')), every) : null;
    this.timer?.unref();
  }

  /** Devices with activity not yet written. */
  get size(): number {
    return this.pending.size;
  }

  record(user: AuthUser, deviceId: string | null, what: DeviceActivity): void {
    if (!deviceId) return;
    const key = `${deviceId}\u0000${user.id}`;
    let p = this.pending.get(key);
    if (!p) {
      p = {
        device_id: deviceId,
        user_id: user.id,
        dealership_id: user.dealership_id,
        last_pull_at: null,
        last_push_at: null,
        checkpoint: {},
        pushed_docs: 0,
        conflicts: 0,
        user_agent: null,
      };
      this.pending.set(key, p);
    }
    const now = new Date();
    if (what.pull) {
      p.last_pull_at = now;
      p.checkpoint[what.pull.collection] = Math.max(p.checkpoint[what.pull.collection] ?? 0, what.pull.seq);
    }
    if (what.push) {
      p.last_push_at = now;
      p.pushed_docs += what.push.docs;
      p.conflicts += what.push.conflicts;
    }
    if (what.userAgent) p.user_agent = what.userAgent.slice(0, 300);
    // With flushing off (SYNC_STATS_FLUSH_MS=0) every request is written as it comes.
    if (!this.timer) void this.flush().catch((err) => this.ctx.log.warn({ err }, 'device stats write failed'));
  }

  /** Writes everything recorded so far in one statement; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => undefined).then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    const rows = batch.map((p) => ({ ...p, last_pull_at: p.last_pull_at?.toISOString() ?? null, last_push_at: p.last_push_at?.toISOString() ?? null }));
    try {
      await this.ctx.db.rows(sql`
        INSERT INTO sync_devices AS d (device_id, user_id, dealership_id, last_pull_at, last_push_at, last_checkpoint, pushed_docs, conflicts, user_agent)
        SELECT r.device_id, r.user_id, r.dealership_id, r.last_pull_at, r.last_push_at, coalesce(r.checkpoint, '{}'::jsonb),
               r.pushed_docs, r.conflicts, r.user_agent
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
          device_id text, user_id uuid, dealership_id uuid, last_pull_at timestamptz, last_push_at timestamptz,
          checkpoint jsonb, pushed_docs int, conflicts int, user_agent text)
        ON CONFLICT (device_id, user_id) DO UPDATE SET
          last_pull_at = greatest(d.last_pull_at, excluded.last_pull_at),
          last_push_at = greatest(d.last_push_at, excluded.last_push_at),
          last_checkpoint = d.last_checkpoint || excluded.last_checkpoint,
          pushed_docs = d.pushed_docs + excluded.pushed_docs,
          conflicts = d.conflicts + excluded.conflicts,
          user_agent = coalesce(excluded.user_agent, d.user_agent)`);
    } catch (err) {
      // Put them back (merged with what came meanwhile) for the next flush.
      for (const p of batch) {
        const key = `${p.device_id}\u0000${p.user_id}`;
        const q = this.pending.get(key);
        if (!q) this.pending.set(key, p);
        else {
          q.last_pull_at ??= p.last_pull_at;
          q.last_push_at ??= p.last_push_at;
          q.checkpoint = { ...p.checkpoint, ...q.checkpoint };
          q.pushed_docs += p.pushed_docs;
          q.conflicts += p.conflicts;
          q.user_agent ??= p.user_agent;
        }
      }
      throw err;
    }
  }

  /** On shutdown: stop the timer and write what is left. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    buffers.delete(this.ctx);
    await this.flush().catch((err) => this.ctx.log.warn({ err }, 'device stats final flush failed'));
  }
}

/** Records when a device last pulled or pushed, and how many of its writes conflicted. */
export function touchDevice(ctx: AppContext, user: AuthUser, deviceId: string | null, what: DeviceActivity): void {
  DeviceStats.for(ctx).record(user, deviceId, what);
}

/** Per-device stats for a dealership (managers), including each user's pending rejections. */
export async function deviceStats(ctx: AppContext, dealershipId: string) {
  await DeviceStats.for(ctx).flush().catch(() => undefined);
  return ctx.db.rows(sql`
    SELECT d.device_id, d.user_id, u.email, lotbook_iso(d.last_pull_at) AS last_pull_at, lotbook_iso(d.last_push_at) AS last_push_at,
           d.pushed_docs, d.conflicts, d.user_agent,
           (SELECT count(*)::int FROM sync_rejections r WHERE r.user_id = d.user_id AND r.device_id = d.device_id) AS rejections
    FROM sync_devices d JOIN users u ON u.id = d.user_id
    WHERE d.dealership_id = ${dealershipId}::uuid
    ORDER BY greatest(d.last_pull_at, d.last_push_at) DESC NULLS LAST
    LIMIT 500`);
}
