import type { PublicUser } from '@lotbook/shared';
import type { AppContext } from '../context.ts';
import type { Account, DealershipSummary } from './account.ts';
import { issueTimeAfter } from './revocation.ts';
import { signAccessToken } from './tokens.ts';

/** What login and refresh answer. */
export interface SessionResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  /** Lifetime of the access token, in seconds. */
  expires_in: number;
  /** Lifetime of the refresh token, in seconds (it is renewed by every refresh). */
  refresh_expires_in: number;
  user: PublicUser;
  dealership: DealershipSummary;
}

/**
 * Signs an access token for the account and pairs it with an already stored refresh token of the
 * family `sessionId` (named in the access token, so signing that session out ends it at once).
 */
export async function buildSession(ctx: AppContext, account: Account, refreshToken: string, sessionId: string): Promise<SessionResponse> {
  const { user } = account;
  const accessToken = await signAccessToken(
    { id: user.id, dealership_id: user.dealership_id, role: user.role, email: user.email },
    ctx.jwtSecret,
    ctx.env.ACCESS_TOKEN_TTL_SECONDS,
    Date.now(),
    issueTimeAfter(account.validAfterMs),
    sessionId,
  );
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    token_type: 'Bearer',
    expires_in: ctx.env.ACCESS_TOKEN_TTL_SECONDS,
    refresh_expires_in: ctx.env.REFRESH_TOKEN_TTL_SECONDS,
    user,
    dealership: account.dealership,
  };
}
