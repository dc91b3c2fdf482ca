import type { ServerResponse } from 'node:http';
import { STREAM_EVENTS } from '@lotbook/shared';
import type { AppContext, AuthUser } from '../context.ts';
import { onSessionsEnded, readEndedSessions, readUserAuthStates, tokenStillValid } from '../auth/revocation.ts';

interface Tracked {
  res: ServerResponse;
  dealershipId: string;
  /** The stream's access token was issued then (epoch ms): compared with the user's cutoff. */
  issuedAtMs: number;
  /** The token's session (refresh-token family), when it names one: signing it out closes the stream. */
  sessionId: string | null;
}

/** The frame a stream ends with when its session was ended: the device asks for a new login. */
export const REVOKED_FRAME = `event: ${STREAM_EVENTS.revoked}\ndata: ${JSON.stringify({ error: 'session_revoked' })}\n\n`;

const registries = new WeakMap<AppContext, StreamRevocations>();

/**
 * Which open change streams belong to whom, so a revocation closes them. The SSE hub (stream.ts)
 * checks a token only when the stream opens; this registry keeps checking:
 * - at once, for a revocation made on this instance (`sessionsEnded` in auth/revocation.ts),
 *   whether it ends all of a user's sessions or one signed-out session (its refresh-token family);
 * - every `AUTH_REVOCATION_CACHE_MS` (at least 1 s; 5 s when the cache is off), with one batched
 *   query for all users with an open stream, so another instance's revocation (or a plain SQL
 *   update, through the trigger of migration 0004) closes them within seconds too.
 * A closed stream gets a `revoked` event first; the device then confirms with a request, which
 * answers 401 `session_revoked`. The timer runs only while streams are open.
 */
export class StreamRevocations {
  private readonly byUser = new Map<string, Set<Tracked>>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly intervalMs: number;

  static for(ctx: AppContext): StreamRevocations {
    let r = registries.get(ctx);
    if (!r) registries.set(ctx, (r = new StreamRevocations(ctx)));
    return r;
  }

  private constructor(private readonly ctx: AppContext) {
    const ttl = ctx.env.AUTH_REVOCATION_CACHE_MS;
    this.intervalMs = ttl > 0 ? Math.max(1_000, ttl) : 5_000;
    onSessionsEnded(ctx, (userId) => this.recheck([userId]).then(() => undefined));
  }

  /** Streams being watched (open ones). */
  get size(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /** Watches an open stream until its response closes. */
  track(user: AuthUser, issuedAtMs: number, res: ServerResponse, sessionId: string | null = null): void {
    const entry: Tracked = { res, dealershipId: user.dealership_id, issuedAtMs, sessionId };
    let set = this.byUser.get(user.id);
    if (!set) this.byUser.set(user.id, (set = new Set()));
    set.add(entry);
    res.on('close', () => {
      set.delete(entry);
      if (set.size === 0 && this.byUser.get(user.id) === set) this.byUser.delete(user.id);
      if (this.byUser.size === 0) this.stopTimer();
    });
    if (!this.timer) {
      this.timer = setInterval(() => void this.recheck().catch(() => undefined), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Ends every open stream of a user on this instance, telling the device why. Returns how many. */
  closeStreamsOf(userId: string, which: (t: Tracked) => boolean = () => true): number {
    const set = this.byUser.get(userId);
    if (!set) return 0;
    let n = 0;
    for (const t of set) {
      if (!which(t)) continue;
      set.delete(t);
      n++;
      if (!t.res.writableEnded) {
        t.res.write(REVOKED_FRAME);
        t.res.end();
      }
    }
    if (set.size === 0) this.byUser.delete(userId);
    return n;
  }

  /**
   * Checks the given users (all with an open stream by default) against the database, not the
   * cache, and closes the streams whose token the cutoff ended. Returns how many it closed. A
   * failed query closes nothing: the next round tries again.
   */
  async recheck(userIds: readonly string[] = [...this.byUser.keys()]): Promise<number> {
    const ids = userIds.filter((id) => this.byUser.has(id));
    if (ids.length === 0) return 0;
    const states = await readUserAuthStates(this.ctx.db, ids);
    const sessionIds = new Set<string>();
    for (const id of ids) for (const t of this.byUser.get(id) ?? []) if (t.sessionId) sessionIds.add(t.sessionId);
    const ended = sessionIds.size > 0 ? await readEndedSessions(this.ctx.db, [...sessionIds]) : new Set<string>();
    let closed = 0;
    for (const id of ids) {
      const state = states.get(id);
      closed += this.closeStreamsOf(id, (t) => !tokenStillValid(state, t.dealershipId, t.issuedAtMs) || (t.sessionId !== null && ended.has(t.sessionId)));
    }
    return closed;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
