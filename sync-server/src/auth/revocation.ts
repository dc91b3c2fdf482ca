import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Role } from '@lotbook/shared';
import type { AppContext } from '../context.ts';
import type { Sql } from '../db/client.ts';
import { refreshTokens, userTokenCutoffs, users } from '../db/schema.ts';

/** What every authenticated request needs to know about its user, fresh within the cache window. */
export interface UserAuthState {
  active: boolean;
  dealershipId: string;
  role: Role;
  /** Access tokens issued at or before this instant (epoch ms, may be fractional) are refused. */
  validAfterMs: number;
}

/** Reads a user's state, or null when no such user exists. */
export async function readUserAuthState(db: Sql, userId: string): Promise<UserAuthState | null> {
  return (await readUserAuthStates(db, [userId])).get(userId) ?? null;
}

/**
 * The per-instance cache behind revocation. Deactivating a user, soft-deleting them or changing
 * their password (any path, even plain SQL: a trigger in migration 0004 does it) moves the user's
 * cutoff to now and revokes their refresh tokens. Every authenticated request, REST and sync
 * alike (the SSE stream included, when it opens), compares its token's issue time with the
 * cutoff. The cutoff is cached per user for `AUTH_REVOCATION_CACHE_MS` (5 s by default), so a
 * revocation reaches every instance within that window, at the cost of one indexed lookup per
 * user per window. An instance that makes the change itself forgets its entry at once.
 */
export class RevocationCache {
  private readonly entries = new Map<string, { state: UserAuthState | null; at: number }>();

  constructor(
    private readonly db: Sql,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50_000,
  ) {}

  async get(userId: string): Promise<UserAuthState | null> {
    const hit = this.entries.get(userId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.state;
    const state = await readUserAuthState(this.db, userId);
    if (this.ttlMs > 0) {
      this.entries.delete(userId);
      this.entries.set(userId, { state, at: this.now() });
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return state;
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }
}

/**
 * Which sessions (refresh-token families) were signed out, for access tokens that name their
 * session (`sid`). A family is ended when its newest token (the one not replaced by a rotation)
 * is revoked: "sign out this device", a logout, a detected reuse, or every session at once.
 * Read per family through the family index and cached like the user's state, so an access token
 * of a signed-out session is refused within `AUTH_REVOCATION_CACHE_MS` on every instance, and at
 * once on the instance that signed it out (sessionsEnded forgets the entry).
 */
export class SessionEndCache {
  private readonly entries = new Map<string, { ended: boolean; at: number }>();

  constructor(
    private readonly db: Sql,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50_000,
  ) {}

  async ended(familyId: string): Promise<boolean> {
    const hit = this.entries.get(familyId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.ended;
    const ended = (await readEndedSessions(this.db, [familyId])).has(familyId);
    if (this.ttlMs > 0) {
      this.entries.delete(familyId);
      this.entries.set(familyId, { ended, at: this.now() });
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return ended;
  }

  forget(familyId: string): void {
    this.entries.delete(familyId);
  }
}

/** Of the given refresh-token families, those that were signed out (see SessionEndCache). */
export async function readEndedSessions(db: Sql, familyIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < familyIds.length; i += 1000) {
    const rows = await db.orm
      .selectDistinct({ family_id: refreshTokens.family_id })
      .from(refreshTokens)
      .where(and(inArray(refreshTokens.family_id, familyIds.slice(i, i + 1000)), isNull(refreshTokens.replaced_by), isNotNull(refreshTokens.revoked_at)));
    for (const row of rows) out.add(row.family_id);
  }
  return out;
}

const sessionCaches = new WeakMap<AppContext, SessionEndCache>();

/** The one signed-out-sessions cache of a server instance. */
export function sessionEndCache(ctx: AppContext): SessionEndCache {
  let cache = sessionCaches.get(ctx);
  if (!cache) sessionCaches.set(ctx, (cache = new SessionEndCache(ctx.db, ctx.env.AUTH_REVOCATION_CACHE_MS)));
  return cache;
}

const caches = new WeakMap<AppContext, RevocationCache>();

/** The one cache of a server instance (tests start several servers in one process). */
export function revocationCache(ctx: AppContext): RevocationCache {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new RevocationCache(ctx.db, ctx.env.AUTH_REVOCATION_CACHE_MS)));
  return cache;
}

/** Issue time (epoch ms) for a new access token: never at or before the user's cutoff. */
export function issueTimeAfter(validAfterMs: number, now = Date.now()): number {
  return Math.max(now, Math.floor(validAfterMs) + 1);
}

/** Reads many users' states in one query (the SSE streams' periodic re-check); unknown ids are absent. */
export async function readUserAuthStates(db: Sql, userIds: readonly string[]): Promise<Map<string, UserAuthState>> {
  const out = new Map<string, UserAuthState>();
  for (let i = 0; i < userIds.length; i += 1000) {
    const rows = await db.orm
      .select({
        id: users.id,
        is_active: users.is_active,
        deleted: users.deleted,
        dealership_id: users.dealership_id,
        role: users.role,
        valid_after_ms: sql<number | null>`(extract(epoch from ${userTokenCutoffs.valid_after}) * 1000)::float8`,
      })
      .from(users)
      .leftJoin(userTokenCutoffs, eq(userTokenCutoffs.user_id, users.id))
      .where(inArray(users.id, userIds.slice(i, i + 1000)));
    for (const row of rows) {
      out.set(row.id, {
        active: row.is_active && !row.deleted,
        dealershipId: row.dealership_id,
        role: row.role as Role,
        validAfterMs: row.valid_after_ms === null ? 0 : Number(row.valid_after_ms),
      });
    }
  }
  return out;
}

/** Whether a token of this user, issued at `issuedAtMs`, is still good (the middleware's rule). */
export function tokenStillValid(state: UserAuthState | null | undefined, dealershipId: string, issuedAtMs: number): boolean {
  return Boolean(state?.active && state.dealershipId === dealershipId && issuedAtMs > state.validAfterMs);
}

type SessionsEndedListener = (userId: string) => Promise<void> | void;
const endedListeners = new WeakMap<AppContext, Set<SessionsEndedListener>>();

/**
 * Subscribes to "this user's sessions may have ended on this instance" (the SSE streams close
 * theirs). Returns the unsubscribe function.
 */
export function onSessionsEnded(ctx: AppContext, cb: SessionsEndedListener): () => void {
  let set = endedListeners.get(ctx);
  if (!set) endedListeners.set(ctx, (set = new Set()));
  set.add(cb);
  return () => set.delete(cb);
}

/**
 * Call after committing a deactivation, a password change or reset, a deletion, or the sign-out of
 * some of the user's sessions (`familyIds`): this instance forgets the user's (and those
 * sessions') cached state at once and the listeners (the user's open change streams) check again
 * and close what ended. Other instances notice within their cache window and their streams'
 * periodic re-check.
 */
export async function sessionsEnded(ctx: AppContext, userId: string, familyIds: readonly string[] = []): Promise<void> {
  revocationCache(ctx).forget(userId);
  const sessions = sessionEndCache(ctx);
  for (const f of familyIds) sessions.forget(f);
  const set = endedListeners.get(ctx);
  if (!set) return;
  await Promise.allSettled([...set].map(async (cb) => cb(userId)));
}
