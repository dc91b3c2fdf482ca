import { and, eq, sql } from 'drizzle-orm';
import type { AppContext, AuthUser } from '../context.ts';
import { recordAudit } from '../audit/log.ts';
import { users } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';
import { findAccountById } from './account.ts';
import { currentAccount } from './me.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { issueRefreshToken, revokeAllForUser } from './refresh-tokens.ts';
import { origin, type RequestMeta } from './request-meta.ts';
import { sessionsEnded } from './revocation.ts';
import { buildSession, type SessionResponse } from './session.ts';

/**
 * Replaces the caller's password after checking the current one, ends every other session of
 * the user and answers a fresh session for the device that made the change.
 *
 * Invariants: wrong current passwords count against the same throttle as logins, so a stolen
 * access token cannot be used to guess the password; the hash update, the revocation (every
 * refresh token, and the cutoff that ends existing access tokens: migration 0004's trigger) and
 * the audit row commit together, and the new session is issued after the cutoff.
 */
export async function changePassword(
  ctx: AppContext,
  throttle: LoginThrottle,
  caller: AuthUser,
  input: { current_password: string; new_password: string },
  meta: RequestMeta,
): Promise<SessionResponse> {
  const account = await currentAccount(ctx, caller);
  const keys = { email: account.user.email, ip: meta.ip };
  throttle.begin(keys);
  if (!(await verifyPassword(account.passwordHash, input.current_password))) {
    throw new ApiError(400, 'invalid_credentials', 'The current password is incorrect');
  }
  throttle.succeeded(keys);
  const newHash = await hashPassword(input.new_password);
  const next = await ctx.db.tx(async (tx) => {
    const revoked = await revokeAllForUser(tx, caller.id);
    await tx.orm
      .update(users)
      .set({ password_hash: newHash, password_changed_at: sql`now()` })
      .where(and(eq(users.id, caller.id), eq(users.dealership_id, caller.dealership_id)));
    const issued = await issueRefreshToken(tx, caller.id, ctx.env.REFRESH_TOKEN_TTL_SECONDS);
    await recordAudit(tx, {
      dealershipId: caller.dealership_id,
      userId: caller.id,
      action: 'password_change',
      entity: 'user',
      entityId: caller.id,
      after: { revoked_tokens: revoked, family_id: issued.familyId, ...origin(meta) },
      requestId: meta.requestId,
    });
    return issued;
  });
  await sessionsEnded(ctx, caller.id);
  const fresh = await findAccountById(ctx.db, caller.id, caller.dealership_id);
  if (!fresh?.active) throw new ApiError(401, 'session_revoked', 'This session was ended; log in again');
  return buildSession(ctx, fresh, next.token, next.familyId);
}
