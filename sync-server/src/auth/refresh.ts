import type { AppContext } from '../context.ts';
import { recordAudit } from '../audit/log.ts';
import { ApiError } from '../http/errors.ts';
import { findAccountById, type Account } from './account.ts';
import { revokeFamily, rotateRefreshToken } from './refresh-tokens.ts';
import type { RequestMeta } from './request-meta.ts';
import { buildSession, type SessionResponse } from './session.ts';

const MESSAGES = {
  invalid_refresh_token: 'The refresh token is not valid; log in again',
  refresh_token_expired: 'The refresh token has expired; log in again',
  refresh_token_reused: 'The refresh token was already used; every session of that login has been closed',
  session_revoked: 'This session was ended (account deactivated or password changed); log in again',
} as const;

type Outcome = { ok: true; account: Account; token: string; familyId: string } | { ok: false; code: keyof typeof MESSAGES };

/**
 * Rotates a refresh token and signs a fresh access token with the user's current role.
 *
 * Invariants: one token yields at most one successor; replaying a used token revokes its whole
 * family (committed even though the request fails); a deactivated or deleted user's family is
 * revoked on their next refresh. A token revoked by a deactivation or a password change (issued
 * before the user's cutoff, see revocation.ts) answers `session_revoked`, not reuse.
 */
export async function refreshSession(ctx: AppContext, refreshToken: string, meta: RequestMeta): Promise<SessionResponse> {
  const outcome = await ctx.db.tx(async (tx): Promise<Outcome> => {
    const r = await rotateRefreshToken(tx, refreshToken, ctx.env.REFRESH_TOKEN_TTL_SECONDS);
    if (!r.ok) {
      if (r.code === 'refresh_token_reused') {
        const owner = await findAccountById(tx, r.userId);
        if (!owner?.active || r.issuedAtMs <= owner.validAfterMs) return { ok: false, code: 'session_revoked' };
        await recordAudit(tx, {
          dealershipId: owner?.user.dealership_id ?? null,
          userId: r.userId,
          action: 'refresh_token_reused',
          entity: 'user',
          entityId: r.userId,
          after: { ip: meta.ip ?? null },
          requestId: meta.requestId,
        });
      }
      return { ok: false, code: r.code };
    }
    const account = await findAccountById(tx, r.userId);
    if (!account?.active) {
      await revokeFamily(tx, r.userId, r.familyId);
      return { ok: false, code: 'session_revoked' };
    }
    return { ok: true, account, token: r.token, familyId: r.familyId };
  });
  if (!outcome.ok) throw new ApiError(401, outcome.code, MESSAGES[outcome.code]);
  return buildSession(ctx, outcome.account, outcome.token, outcome.familyId);
}
