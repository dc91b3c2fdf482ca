import type { ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { CollectionName } from '@lotbook/shared';
import type { AppContext, AuthUser } from '../context.ts';
import { scopePredicate } from './scope.ts';
import { bindUser } from './sql-params.ts';
import { TABLES } from './tables.ts';

interface Client {
  user: AuthUser;
  res: ServerResponse;
  /** Access token expiry (epoch seconds): the stream ends then, and the client reconnects with a fresh token. */
  exp: number;
  /** The change seq when it connected: its `resync` covers everything up to there. */
  since: number;
}

const HEARTBEAT_MS = 25_000;
/**
 * Open streams per user on one instance. A device keeps one (only the leader tab streams), so
 * this allows a phone, a tablet and a desktop plus reconnects whose old socket has not closed yet.
 */
export const MAX_STREAMS_PER_USER = 5;
const COALESCE_MS = 20;
/**
 * A crowded dealership waits a little longer before hinting: every hint to a collection everyone
 * sees (inventory) costs one pull per open stream (answered from one shared query, pull-cache.ts,
 * but each still a request). From 100 streams on an instance the window is 60 ms: measured with
 * `pnpm bench:load large`, 40 and 45 ms gave worse tails (more pulls on a saturated CPU), 80 ms a
 * later propagation, and a hint sent at the window's start rather than its end more hints and
 * worse tails (issue 17).
 */
export function coalesceMs(streams: number): number {
  return COALESCE_MS + Math.min(40, Math.floor(streams / 2.5));
}
const hubs = new WeakMap<AppContext, SseHub>();

/**
 * The SSE fan-out of one server instance. Each connection is a bare Node response (no per-client
 * stream objects or timers), so an idle connection costs only its socket. Hints are coalesced per
 * dealership and collection, so a burst of writes costs one max(seq) query and one event per client.
 */
export class SseHub {
  private readonly byDealership = new Map<string, Set<Client>>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The highest seq already hinted per `dealership:collection`: the next hint covers what is newer. */
  private readonly hinted = new Map<string, number>();
  private readonly perUser = new Map<string, number>();
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

  /** The current change seq: a new stream's starting point (its resync covers what came before). */
  async currentSeq(): Promise<number> {
    try {
      const r = await this.ctx.db.rows<{ seq: number }>(sql`SELECT last_value::float8 AS seq FROM change_seq`);
      return r[0]?.seq ?? 0;
    } catch {
      return 0;
    }
  }

  /**
   * The highest seq of a dealership's collection this instance read from the database for a hint:
   * committed, and (seqs commit in order per dealership) everything below it too. 0 when unknown.
   */
  knownCommitted(dealershipId: string, collection: CollectionName): number {
    return this.hinted.get(`${dealershipId}:${collection}`) ?? 0;
  }

  /** Streams one user may hold on this instance: MAX_STREAMS_PER_USER unless SYNC_MAX_STREAMS_PER_USER says otherwise. */
  get maxPerUser(): number {
    return this.ctx.env.SYNC_MAX_STREAMS_PER_USER ?? MAX_STREAMS_PER_USER;
  }

  /** Whether this user may open another stream on this instance. */
  hasRoomFor(user: AuthUser): boolean {
    return (this.perUser.get(user.id) ?? 0) < this.maxPerUser;
  }

  /** Takes over a Node response and keeps it open as an event stream. */
  add(user: AuthUser, exp: number, res: ServerResponse, since = 0): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const client: Client = { user, res, exp, since };
    let set = this.byDealership.get(user.dealership_id);
    if (!set) this.byDealership.set(user.dealership_id, (set = new Set()));
    set.add(client);
    this.perUser.set(user.id, (this.perUser.get(user.id) ?? 0) + 1);
    res.on('close', () => {
      set.delete(client);
      if (set.size === 0) this.byDealership.delete(user.dealership_id);
      const n = (this.perUser.get(user.id) ?? 1) - 1;
      if (n <= 0) this.perUser.delete(user.id);
      else this.perUser.set(user.id, n);
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
      setTimeout(
        () => {
          this.pending.delete(key);
          void this.emit(dealershipId, collection);
        },
        coalesceMs(this.byDealership.get(dealershipId)?.size ?? 0),
      ),
    );
  }

  /**
   * Hints follow the pull scope (SECURITY.md): whoever pulls the whole collection gets every
   * hint; a salesperson, and everyone for notifications, gets one only when a row in their scope
   * changed since the last hint, or a row's scope changed (it may have left theirs: the pull then
   * brings its tombstone). One query per user, not per connection.
   */
  private async emit(dealershipId: string, collection: CollectionName): Promise<void> {
    const clients = this.byDealership.get(dealershipId);
    if (!clients?.size) return;
    const t = TABLES[collection];
    const key = `${dealershipId}:${collection}`;
    const since = this.hinted.get(key) ?? 0;
    let seq = 0;
    try {
      const r = await this.ctx.db.reads.rows<{ seq: number | null }>(
        sql`SELECT max(seq)::float8 AS seq FROM ${sql.raw(t.sqlName)} WHERE dealership_id = ${dealershipId}::uuid`,
      );
      seq = r[0]?.seq ?? 0;
      this.hinted.set(key, Math.max(seq, since));
    } catch {
      // The hint still goes out to those who see everything; scoped users wait for their next one.
    }
    const frame = (s: number) => `event: change\ndata: ${JSON.stringify({ collection, checkpoint: { seq: s } })}\n\n`;
    const full = frame(seq);
    const perUser = new Map<string, { user: AuthUser; since: number; clients: Client[] }>();
    for (const c of clients) {
      // Whoever pulls the whole collection is told at once, never held up by the scoped queries.
      if (scopePredicate(collection, c.user) === 'true') {
        c.res.write(full);
        continue;
      }
      const from = Math.max(since, c.since);
      const e = perUser.get(c.user.id);
      if (e) {
        e.since = Math.min(e.since, from);
        e.clients.push(c);
      } else perUser.set(c.user.id, { user: c.user, since: from, clients: [c] });
    }
    for (const { user, since: from, clients: mine } of perUser.values()) {
      try {
        const scope = bindUser(scopePredicate(collection, user), user.id);
        const r = await this.ctx.db.reads.rows<{ seq: number | null }>(sql`
          SELECT max(t.seq)::float8 AS seq FROM ${sql.raw(t.sqlName)} t
          WHERE t.dealership_id = ${dealershipId}::uuid AND t.seq > ${from} AND ((${scope}) OR t.scope_seq > ${from})`);
        const top = r[0]?.seq;
        if (top) for (const c of mine) c.res.write(frame(top));
      } catch {
        // No hint: the device still pulls on its next resync.
      }
    }
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
    this.perUser.clear();
    hubs.delete(this.ctx);
  }
}
