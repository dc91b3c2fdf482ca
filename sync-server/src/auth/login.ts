import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { recordAudit } from '../audit/log.ts';
import { ApiError } from '../http/errors.ts';
import { findAccountByEmail } from './account.ts';
import { normalizeEmail } from './email.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { issueRefreshToken } from './refresh-tokens.ts';
import { origin, type RequestMeta } from './request-meta.ts';
import { buildSession, type SessionResponse } from './session.ts';

let dummyHash: Promise<string> | undefined;
/** A real argon2 hash of a random secret: verifying against it costs what a real check costs. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('hex'));
  return dummyHash;
}

export const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'The email or password is incorrect');

/**
 * Checks a password login and opens a session (a new refresh-token family).
 *
 * Invariants: the answer and the work done are the same whether the email is unknown, the
 * account is inactive or soft-deleted, or the password is wrong (one argon2 verify and one audit
 * insert in every case), so responses do not reveal which accounts exist. The throttle is
 * consulted before any password check.
 */
export async function login(ctx: AppContext, throttle: LoginThrottle, input: { email: string; password: string }, meta: RequestMeta): Promise<SessionResponse> {
  const email = normalizeEmail(input.email);
  const keys = { email, ip: meta.ip };
  throttle.begin(keys);
  const account = await findAccountByEmail(ctx.db, email);
  const passwordOk = await verifyPassword(account?.passwordHash ?? (await dummy()), input.password);
  if (!account || !account.active || !passwordOk) {
    const reason = !account ? 'unknown_email' : !account.active ? 'inactive_account' : 'wrong_password';
    await recordAudit(ctx.db, {
      dealershipId: account?.user.dealership_id ?? null,
      userId: account?.user.id ?? null,
      action: 'login_failed',
      entity: 'user',
      entityId: account?.user.id ?? null,
      after: { reason, ...origin(meta) },
      requestId: meta.requestId,
    });
    throw invalidCredentials();
  }
  throttle.succeeded(keys);
  const refresh = await ctx.db.tx(async (tx) => {
    const issued = await issueRefreshToken(tx, account.user.id, ctx.env.REFRESH_TOKEN_TTL_SECONDS);
    await recordAudit(tx, {
      dealershipId: account.user.dealership_id,
      userId: account.user.id,
      action: 'login',
      entity: 'user',
      entityId: account.user.id,
      after: { family_id: issued.familyId, ...origin(meta) },
      requestId: meta.requestId,
    });
    return issued;
  });
  return buildSession(ctx, account, refresh.token, refresh.familyId);
}
