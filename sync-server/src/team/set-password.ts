import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { hashPassword } from '../auth/passwords.ts';
import { ApiError } from '../http/errors.ts';
import { consumeLink, peekLink } from './links.ts';

const linkInvalid = () => new ApiError(410, 'link_invalid', 'This link has already been used or has expired; ask an admin or manager for a new one');

/** Who a live set-password link is for (the screen greets them), or 410. */
export async function checkPasswordLink(db: Database, token: string): Promise<{ email: string; first_name: string }> {
  const link = await peekLink(db, 'set_password', token);
  if (!link?.userId) throw linkInvalid();
  const [u] = await db.orm
    .select({ email: users.email, first_name: users.first_name })
    .from(users)
    .where(and(eq(users.id, link.userId), eq(users.is_active, true), eq(users.deleted, false)));
  if (!u) throw linkInvalid();
  return u;
}

/**
 * Sets the password from a one-time link. The password_hash change fires the revocation trigger
 * (migration 0004), so every earlier session of the account ends. The hash is computed before the
 * transaction so the row lock is short.
 */
export async function setPasswordFromLink(db: Database, token: string, password: string): Promise<{ email: string; userId: string }> {
  const hash = await hashPassword(password);
  return db.tx(async (tx) => {
    const link = await consumeLink(tx, 'set_password', token);
    if (!link?.userId) throw linkInvalid();
    const [u] = await tx.orm
      .update(users)
      .set({ password_hash: hash, password_changed_at: sql`now()` })
      .where(and(eq(users.id, link.userId), eq(users.is_active, true), eq(users.deleted, false)))
      .returning({ email: users.email, userId: users.id });
    if (!u) throw linkInvalid();
    return u;
  });
}
