import type { ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { CollectionName } from '@lotbook/shared';
import type { AppContext, AuthUser } from '../context.ts';
import { TABLES } from './tables.ts';

interface Client {
  user: AuthUser;
  res: ServerResponse;
  /** Access token expiry (epoch seconds): the stream ends then, and the client reconnects with a fresh token. */
  exp: number;
}

const HEARTBEAT_MS = 25_000;
const COALESCE_MS = 20;
const hubs = new WeakMap<AppContext, SseHub>();

/**
 * The SSE fan-out of one server instance. Each connection is a bare Node response (no per-client
 * stream objects or timers), so an idle connection costs only its socket. Hints are coalesced per
 * dealership and collection, so a burst of writes costs one max(seq) query and one event per client.
 */
export class SseHub {
  private readonly byDealership = new Map<string, Set<Client>>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  static for(ctx: AppContext): SseHub {
    let hub = hubs.get(ctx);
    if (!hub) {
      hub = new SseHub(ctx);
      hubs.set(ctx, hub);
    }
    return hub;
  }

  private constructor(private readonly ctx: AppContext) {
    this.unsubscribe = ctx.changes.onChange(({ dealershipId, collection }) => this.schedule(dealershipId, collection));
    this.heartbeat = setInterval(() => this.ping(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    let n = 0;
    for (const set of this.byDealership.values()) n += set.size;
    return n;
  }

  /** Takes over a Node response and keeps it open as an event stream. */
  add(user: AuthUser, exp: number, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const client: Client = { user, res, exp };
    let set = this.byDealership.get(user.dealership_id);
    if (!set) this.byDealership.set(user.dealership_id, (set = new Set()));
    set.add(client);
    res.on('close', () => {
      set.delete(client);
      if (set.size === 0) this.byDealership.delete(user.dealership_id);
    });
    // Whatever happened while this device was disconnected: pull everything from its checkpoints.
    res.write('retry: 3000\nevent: resync\ndata: {}\n\n');
  }

  private schedule(dealershipId: string, collection: CollectionName): void {
    if (!this.byDealership.has(dealershipId)) return;
    const key = `${dealershipId}:${collection}`;
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.emit(dealershipId, collection);
      }, COALESCE_MS),
    );
  }

  private async emit(dealershipId: string, collection: CollectionName): Promise<void> {
    const clients = this.byDealership.get(dealershipId);
    if (!clients?.size) return;
    let seq = 0;
    try {
      const t = TABLES[collection];
      const r = await this.ctx.db.rows<{ seq: number | null }>(
        sql`SELECT max(seq)::float8 AS seq FROM ${sql.raw(t.sqlName)} WHERE dealership_id = ${dealershipId}::uuid`,
      );
      seq = r[0]?.seq ?? 0;
    } catch {
      // The hint still goes out: the client pulls from its own checkpoint either way.
    }
    const frame = `event: change\ndata: ${JSON.stringify({ collection, checkpoint: { seq } })}\n\n`;
    for (const c of clients) c.res.write(frame);
  }

  private ping(): void {
    const now = Date.now() / 1000;
    for (const set of this.byDealership.values()) {
      for (const c of set) {
        if (c.exp <= now) c.res.end();
        else c.res.write('event: ping\ndata: {}\n\n');
      }
    }
  }

  closeAll(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const set of this.byDealership.values()) for (const c of set) c.res.end();
    this.byDealership.clear();
    hubs.delete(this.ctx);
  }
}
