import { and, eq, sql } from 'drizzle-orm';
import type { AppContext, AuthUser } from '../context.ts';
import { recordAudit } from '../audit/log.ts';
import { users } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';
import { currentAccount } from './me.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { revokeAllForUser } from './refresh-tokens.ts';
import { origin, type RequestMeta } from './request-meta.ts';

/**
 * Replaces the caller's password after checking the current one, and closes every session of the
 * user (all refresh tokens revoked), this device included.
 *
 * Invariants: wrong current passwords count against the same throttle as logins, so a stolen
 * access token cannot be used to guess the password; the hash update, the revocation and the
 * audit row commit together.
 */
export async function changePassword(
  ctx: AppContext,
  throttle: LoginThrottle,
  caller: AuthUser,
  input: { current_password: string; new_password: string },
  meta: RequestMeta,
): Promise<void> {
  const account = await currentAccount(ctx, caller);
  const keys = { email: account.user.email, ip: meta.ip };
  throttle.begin(keys);
  if (!(await verifyPassword(account.passwordHash, input.current_password))) {
    throw new ApiError(400, 'invalid_credentials', 'The current password is incorrect');
  }
  throttle.succeeded(keys);
  const newHash = await hashPassword(input.new_password);
  await ctx.db.tx(async (tx) => {
    await tx.orm
      .update(users)
      .set({ password_hash: newHash, password_changed_at: sql`now()` })
      .where(and(eq(users.id, caller.id), eq(users.dealership_id, caller.dealership_id)));
    const revoked = await revokeAllForUser(tx, caller.id);
    await recordAudit(tx, {
      dealershipId: caller.dealership_id,
      userId: caller.id,
      action: 'password_change',
      entity: 'user',
      entityId: caller.id,
      after: { revoked_tokens: revoked, ...origin(meta) },
      requestId: meta.requestId,
    });
  });
}
