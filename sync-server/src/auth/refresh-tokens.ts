import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Sql } from '../db/client.ts';
import { refreshTokens } from '../db/schema.ts';

/** An opaque refresh token: 32 random bytes, base64url. Only its SHA-256 is ever stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const expiresIn = (ttlSeconds: number) => sql`now() + (${ttlSeconds}::int * interval '1 second')`;

/** Stores a new refresh token for a user (in a new family unless one is given); returns it in plain text once. */
export async function issueRefreshToken(
  db: Sql,
  userId: string,
  ttlSeconds: number,
  opts: { familyId?: string; id?: string } = {},
): Promise<{ id: string; token: string; familyId: string }> {
  const token = newRefreshToken();
  const id = opts.id ?? uuidv7();
  const familyId = opts.familyId ?? uuidv7();
  await db.orm.insert(refreshTokens).values({
    id,
    user_id: userId,
    family_id: familyId,
    token_hash: hashRefreshToken(token),
    expires_at: expiresIn(ttlSeconds),
    // The real instant, not the transaction's start: compared with the revocation cutoff.
    created_at: sql`clock_timestamp()`,
  });
  return { id, token, familyId };
}

export type RotateResult =
  | { ok: true; userId: string; familyId: string; token: string }
  | { ok: false; code: 'invalid_refresh_token' | 'refresh_token_expired' }
  | { ok: false; code: 'refresh_token_reused'; userId: string; issuedAtMs: number };

/**
 * Exchanges a refresh token for a new one in the same family. Run inside a transaction.
 *
 * Concurrency: the old token is consumed by one conditional UPDATE (`revoked_at IS NULL`), so of
 * two simultaneous refreshes exactly one wins; the row lock makes the other re-check and see the
 * token as used, which is treated as reuse. A used (rotated or revoked) token revokes its whole
 * family, including the newest token, because it means a copy of it is in someone else's hands.
 */
export async function rotateRefreshToken(db: Sql, token: string, ttlSeconds: number): Promise<RotateResult> {
  const hash = hashRefreshToken(token);
  const newId = uuidv7();
  const [won] = await db.orm
    .update(refreshTokens)
    .set({ revoked_at: sql`now()`, replaced_by: newId })
    .where(and(eq(refreshTokens.token_hash, hash), isNull(refreshTokens.revoked_at), gt(refreshTokens.expires_at, sql`now()`)))
    .returning({ user_id: refreshTokens.user_id, family_id: refreshTokens.family_id });
  if (won) {
    const next = await issueRefreshToken(db, won.user_id, ttlSeconds, { familyId: won.family_id, id: newId });
    return { ok: true, userId: won.user_id, familyId: won.family_id, token: next.token };
  }
  const [row] = await db.orm
    .select({ user_id: refreshTokens.user_id, family_id: refreshTokens.family_id, revoked_at: refreshTokens.revoked_at, created_at: refreshTokens.created_at })
    .from(refreshTokens)
    .where(eq(refreshTokens.token_hash, hash));
  if (!row) return { ok: false, code: 'invalid_refresh_token' };
  if (row.revoked_at) {
    await revokeFamily(db, row.user_id, row.family_id);
    return { ok: false, code: 'refresh_token_reused', userId: row.user_id, issuedAtMs: row.created_at.getTime() };
  }
  return { ok: false, code: 'refresh_token_expired' };
}

/** Revokes every live token of one of the user's families; returns how many were live. */
export async function revokeFamily(db: Sql, userId: string, familyId: string): Promise<number> {
  const rows = await db.orm
    .update(refreshTokens)
    .set({ revoked_at: sql`now()` })
    .where(and(eq(refreshTokens.user_id, userId), eq(refreshTokens.family_id, familyId), isNull(refreshTokens.revoked_at)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}

/** Revokes the family of `token` if, and only if, the token belongs to `userId`. */
export async function revokeFamilyOfToken(db: Sql, userId: string, token: string): Promise<number> {
  const family = await familyOfToken(db, userId, token);
  return family ? revokeFamily(db, userId, family) : 0;
}

/** Revokes every live refresh token of a user (all devices). */
export async function revokeAllForUser(db: Sql, userId: string): Promise<number> {
  return (await revokeAllSessionsOf(db, userId)).length;
}

/** Revokes every live refresh token of a user (all devices); returns the families it ended. */
export async function revokeAllSessionsOf(db: Sql, userId: string): Promise<string[]> {
  const rows = await db.orm
    .update(refreshTokens)
    .set({ revoked_at: sql`now()` })
    .where(and(eq(refreshTokens.user_id, userId), isNull(refreshTokens.revoked_at)))
    .returning({ family_id: refreshTokens.family_id });
  return rows.map((r) => r.family_id);
}

/** The family of `token` if, and only if, the token belongs to `userId`. */
export async function familyOfToken(db: Sql, userId: string, token: string): Promise<string | null> {
  const [row] = await db.orm
    .select({ family_id: refreshTokens.family_id })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.token_hash, hashRefreshToken(token)), eq(refreshTokens.user_id, userId)));
  return row?.family_id ?? null;
}

/**
 * Deletes tokens that expired more than `graceDays` ago (for a cleanup job). Until then a used
 * token is kept so that replaying it is still recognised as reuse.
 */
export async function purgeExpiredRefreshTokens(db: Sql, graceDays = 7): Promise<number> {
  const old = db.orm
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(lt(refreshTokens.expires_at, sql`now() - (${graceDays}::int * interval '1 day')`));
  const rows = await db.orm.delete(refreshTokens).where(inArray(refreshTokens.id, old)).returning({ id: refreshTokens.id });
  return rows.length;
}
