import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Sql } from '../db/client.ts';
import { oneTimeTokens } from '../db/schema.ts';

export type LinkPurpose = 'setup' | 'set_password';

/** How long a link works: the start-up setup link for an hour, a handed-over password link for three days. */
export const LINK_TTL_SECONDS: Record<LinkPurpose, number> = { setup: 3600, set_password: 3 * 24 * 3600 };

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Issues a one-time token (32 random bytes, base64url) and stores only its SHA-256, with an expiry.
 * Earlier unused links of the same purpose (and user) stop working: only the newest one counts.
 */
export async function issueLink(db: Sql, purpose: LinkPurpose, userId: string | null, ttlSeconds = LINK_TTL_SECONDS[purpose]): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const sameKind = userId ? and(eq(oneTimeTokens.purpose, purpose), eq(oneTimeTokens.user_id, userId)) : eq(oneTimeTokens.purpose, purpose);
  await db.orm.update(oneTimeTokens).set({ used_at: sql`now()` }).where(and(sameKind, isNull(oneTimeTokens.used_at)));
  await db.orm.insert(oneTimeTokens).values({
    id: uuidv7(),
    purpose,
    user_id: userId,
    token_hash: hashToken(token),
    expires_at: sql`now() + (${ttlSeconds}::int * interval '1 second')`,
  });
  return token;
}

/** Whether a token is live (unused, unexpired) for the purpose; returns its user id (null for setup). */
export async function peekLink(db: Sql, purpose: LinkPurpose, token: string): Promise<{ userId: string | null } | null> {
  const [row] = await db.orm
    .select({ user_id: oneTimeTokens.user_id })
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.token_hash, hashToken(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.used_at), gt(oneTimeTokens.expires_at, sql`now()`)));
  return row ? { userId: row.user_id } : null;
}

/**
 * Uses a token up: one conditional UPDATE, so of two simultaneous uses exactly one wins.
 * Run inside the transaction that does the work, so a failure leaves the link usable.
 */
export async function consumeLink(db: Sql, purpose: LinkPurpose, token: string): Promise<{ userId: string | null } | null> {
  const [row] = await db.orm
    .update(oneTimeTokens)
    .set({ used_at: sql`now()` })
    .where(and(eq(oneTimeTokens.token_hash, hashToken(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.used_at), gt(oneTimeTokens.expires_at, sql`now()`)))
    .returning({ user_id: oneTimeTokens.user_id });
  return row ? { userId: row.user_id } : null;
}

/** Ends every live link of a user (deactivation). */
export async function revokeUserLinks(db: Sql, userId: string): Promise<void> {
  await db.orm.update(oneTimeTokens).set({ used_at: sql`now()` }).where(and(eq(oneTimeTokens.user_id, userId), isNull(oneTimeTokens.used_at)));
}

/** The URL a person opens: the token travels in the fragment, so it never reaches a server or proxy log. */
export function linkUrl(baseUrl: string, purpose: LinkPurpose, token: string): string {
  const path = purpose === 'setup' ? '/setup' : '/set-password';
  return `${baseUrl.replace(/\/+$/, '')}${path}#token=${token}`;
}
