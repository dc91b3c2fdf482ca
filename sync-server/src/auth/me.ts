import type { AppContext, AuthUser } from '../context.ts';
import { ApiError } from '../http/errors.ts';
import { findAccountById, type Account } from './account.ts';

/**
 * The caller's account, read fresh from the database within the caller's dealership. An access
 * token outlives a deactivation by at most its TTL; this check closes that gap for /me.
 */
export async function currentAccount(ctx: AppContext, caller: AuthUser): Promise<Account> {
  const account = await findAccountById(ctx.db, caller.id, caller.dealership_id);
  if (!account?.active) throw new ApiError(401, 'session_revoked', 'The account no longer exists or is inactive; log in again');
  return account;
}
