import type { ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import { COLLECTIONS, type CollectionName } from '@lotbook/shared';
import type { AppContext, AuthUser } from '../context.ts';
import { pullChanges, type PullResult } from './pull.ts';
import { PullCache, pullCacheFor } from './pull-cache.ts';
import { scopePredicate } from './scope.ts';
import { bindUser } from './sql-params.ts';
import { touchDevice } from './stats.ts';
import { TABLES } from './tables.ts';

interface Client {
  user: AuthUser;
  res: ServerResponse;
  /** Access token expiry (epoch seconds): the stream ends then, and the client reconnects with a fresh token. */
  exp: number;
  /** The change seq when it connected: its `resync` covers everything up to there. */
  since: number;
  /** The device's id (`?device_id=`), for its statistics when a hint carries its changes. */
  deviceId: string | null;
  /** The device applies the changes a hint carries (`?changes=1`); older apps only pull. */
  carries: boolean;
}

/** How a device opened its stream (query parameters of GET /sync/v1/stream). */
export interface StreamClientInfo {
  deviceId?: string | null;
  carries?: boolean;
}

/**
 * A hint carries the changes it announces (issue 17) when they fit: at most this many documents
 * and bytes; a larger answer is left to the device's pull. The answer is computed with the page
 * size the PWA pulls with, so a device that pulls instead (its checkpoint was elsewhere) is
 * answered from the same shared query (pull-cache.ts).
 */
export const CARRY_LIMIT = 1000;
const CARRY_MAX_BYTES = 64 * 1024;

const HEARTBEAT_MS = 25_000;
/**
 * Open streams per user on one instance. A device keeps one (only the leader tab streams), so
 * this allows a phone, a tablet and a desktop plus reconnects whose old socket has not closed yet.
 */
export const MAX_STREAMS_PER_USER = 5;
/**
 * Hints are coalesced per dealership and collection for at least this long. A hint carries its
 * changes (carry()), so a crowd of devices that apply them costs one query per role or user and
 * one write per stream, not a pull each. Measured with `pnpm bench:load large` (issue 17): 20 ms
 * took write -> other device p95 from 80 ms (with the 60 ms window below) to 41 ms.
 */
export const COALESCE_MS = 20;

/**
 * Devices that only pull (older apps) still cost a pull each per hint: the window grows by 1 ms
 * per 2.5 of them on the instance, up to 60 ms at 100, which kept their pull storm down (measured
 * before hints carried changes: 40 and 45 ms gave worse tails, 80 ms a later propagation).
 */
export function coalesceMs(pullers: number): number {
  return COALESCE_MS + Math.min(40, Math.floor(pullers / 2.5));
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
  /** Per dealership, the open streams of devices that do not apply carried changes (coalesceMs). */
  private readonly pullers = new Map<string, number>();
  /**
   * Per pull-cache key (role or user, pull-cache.ts): where the next carried answer starts (see
   * carry()), so that the devices that followed the previous hint can apply it.
   */
  private readonly carriedFrom = new Map<string, number>();
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
  add(user: AuthUser, exp: number, res: ServerResponse, since = 0, info: StreamClientInfo = {}): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const client: Client = { user, res, exp, since, deviceId: info.deviceId ?? null, carries: info.carries === true };
    const d = user.dealership_id;
    if (!client.carries) this.pullers.set(d, (this.pullers.get(d) ?? 0) + 1);
    let set = this.byDealership.get(user.dealership_id);
    if (!set) this.byDealership.set(user.dealership_id, (set = new Set()));
    set.add(client);
    this.perUser.set(user.id, (this.perUser.get(user.id) ?? 0) + 1);
    res.on('close', () => {
      set.delete(client);
      if (!client.carries) {
        const left = (this.pullers.get(d) ?? 1) - 1;
        if (left <= 0) this.pullers.delete(d);
        else this.pullers.set(d, left);
      }
      if (set.size === 0) this.byDealership.delete(user.dealership_id);
      const n = (this.perUser.get(user.id) ?? 1) - 1;
      if (n <= 0) {
        this.perUser.delete(user.id);
        for (const c of Object.keys(COLLECTIONS) as CollectionName[]) this.carriedFrom.delete(PullCache.key({ collection: c, user, seq: 0, limit: 0 }));
      } else this.perUser.set(user.id, n);
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
        coalesceMs(this.pullers.get(dealershipId) ?? 0),
      ),
    );
  }

  /**
   * Hints follow the pull scope (SECURITY.md): whoever pulls the whole collection gets every
   * hint; a salesperson, and everyone for notifications, gets one only when a row in their scope
   * changed since the last hint, or a row's scope changed (it may have left theirs: the pull then
   * brings its tombstone). One query per user, not per connection.
   *
   * A hint also carries the changes themselves when they fit (`changes`, see carry()): one
   * answer per role or user, written to each of their streams, so a device that applied the
   * previous hint needs no pull at all.
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
    const whole = new Map<string, { user: AuthUser; clients: Client[] }>();
    const perUser = new Map<string, { user: AuthUser; since: number; clients: Client[] }>();
    for (const c of clients) {
      if (scopePredicate(collection, c.user) === 'true') {
        const e = whole.get(c.user.role);
        if (e) e.clients.push(c);
        else whole.set(c.user.role, { user: c.user, clients: [c] });
        continue;
      }
      const from = Math.max(since, c.since);
      const e = perUser.get(c.user.id);
      if (e) {
        e.since = Math.min(e.since, from);
        e.clients.push(c);
      } else perUser.set(c.user.id, { user: c.user, since: from, clients: [c] });
    }
    /** Carried changes go only to devices that apply them; the others get the bare hint. */
    const send = (mine: Client[], seqOfHint: number, carried: Carried | null) => {
      const bare = changeFrame(collection, seqOfHint, null);
      const full = carried ? changeFrame(collection, seqOfHint, carried) : bare;
      for (const c of mine) {
        if (carried && c.carries) {
          c.res.write(full);
          // The changes reached the device: as far as its statistics go, that is a pull.
          touchDevice(this.ctx, c.user, c.deviceId, { pull: { collection, seq: carried.to } });
        } else c.res.write(bare);
      }
    };
    const anyCarries = (mine: Client[]) => mine.some((c) => c.carries);
    await Promise.all([
      // Whoever pulls the whole collection: one answer per role (the role picks the visible fields).
      ...[...whole.values()].map(async ({ user, clients: mine }) => {
        const carried = seq > since && anyCarries(mine) ? await this.carry(user, collection, since, seq, seq) : null;
        send(mine, seq, carried);
      }),
      // Scoped users: a hint only when a row in their scope changed (or left it) since the last one.
      ...[...perUser.values()].map(async ({ user, since: from, clients: mine }) => {
        try {
          const scope = bindUser(scopePredicate(collection, user), user.id);
          const r = await this.ctx.db.reads.rows<{ seq: number | null }>(sql`
            SELECT max(t.seq)::float8 AS seq FROM ${sql.raw(t.sqlName)} t
            WHERE t.dealership_id = ${dealershipId}::uuid AND t.seq > ${from} AND ((${scope}) OR t.scope_seq > ${from})`);
          const top = r[0]?.seq;
          if (!top) return;
          const carried = anyCarries(mine) ? await this.carry(user, collection, from, Math.max(top, seq), top) : null;
          send(mine, top, carried);
        } catch {
          // No hint: the device still pulls on its next resync.
        }
      }),
    ]);
  }

  /**
   * The changes a hint carries for one role or user, or null (too many, too large, or the query
   * failed: the hint then goes out alone and devices pull).
   *
   * The answer is the pull from `since`, served through the pull cache with `covers` as its hint:
   * its snapshot holds every change up to `covers`, a seq known committed (read from the database
   * before the query). So its checkpoint `to` is the larger of its last row and `covers`: every
   * row with a seq up to there was committed before the snapshot, and seqs commit in order per
   * dealership (invariant 1), so nothing below `to` is missing from it. A device whose checkpoint
   * X is at least `since` applies the rows past X (less the scope tombstones X already had, as
   * pull-cache.ts answerFrom) and moves to `to`; any other device pulls as before.
   *
   * `since` is the last row of this key's previous answer (or, when there was none or it was too
   * large, the seq of the hint sent with it): both a device that applied that answer (it moved
   * past it) and one that pulled instead (its pull ended at or after that row) hold at least that.
   */
  private async carry(user: AuthUser, collection: CollectionName, fallback: number, covers: number, hinted: number): Promise<Carried | null> {
    const input = { collection, user, seq: 0, limit: CARRY_LIMIT };
    const key = PullCache.key(input);
    input.seq = this.carriedFrom.get(key) ?? fallback;
    if (input.seq <= 0 || input.seq >= covers) return null;
    let answer: PullResult;
    try {
      answer = await pullCacheFor(this.ctx).get(input, covers, this.knownCommitted(user.dealership_id, collection), () => pullChanges(this.ctx.db.reads, input));
    } catch {
      return null;
    }
    if (answer.count >= CARRY_LIMIT || answer.body.length > CARRY_MAX_BYTES) {
      this.carriedFrom.set(key, hinted);
      return null;
    }
    this.carriedFrom.set(key, answer.checkpoint);
    return { from: input.seq, to: Math.max(answer.checkpoint, covers), answer };
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
    this.carriedFrom.clear();
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const set of this.byDealership.values()) for (const c of set) c.res.end();
    this.byDealership.clear();
    this.perUser.clear();
    this.pullers.clear();
    hubs.delete(this.ctx);
  }
}

interface Carried {
  from: number;
  to: number;
  answer: PullResult;
}

/**
 * A `change` event (shared/src/sync/protocol.ts StreamHint), with the changes when carried:
 * documents exactly as a pull returns them, each with its seq and, for a scope tombstone, the seq
 * its scope changed at (null otherwise). Built from the pull's JSON text, not re-serialized.
 */
function changeFrame(collection: CollectionName, seq: number, carried: Carried | null): string {
  let data = `{"collection":"${collection}","checkpoint":{"seq":${seq}}`;
  if (carried) {
    const { from, to, answer } = carried;
    data +=
      `,"changes":{"since":${from},"to":${to},"schema_version":${COLLECTIONS[collection].schemaVersion},` +
      `"documents":[${answer.docs.join(',')}],"seqs":[${answer.seqs.join(',')}],"scope_seqs":[${answer.tombs.map((s) => (s === null ? 'null' : s)).join(',')}]}`;
  }
  data += '}';
  // An event's data is one line: JSON text has line breaks only as whitespace, never inside a string.
  if (data.includes('\n') || data.includes('\r')) data = data.replace(/[\r\n]/g, ' ');
  return `event: change\ndata: ${data}\n\n`;
}
