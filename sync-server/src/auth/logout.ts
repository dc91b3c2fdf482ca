import type { AppContext, AuthUser } from '../context.ts';
import { recordAudit } from '../audit/log.ts';
import { revokeAllForUser, revokeFamilyOfToken } from './refresh-tokens.ts';
import { origin, type RequestMeta } from './request-meta.ts';

/**
 * Ends sessions of the caller: the family of the given refresh token, or every session with
 * `all`. Only the caller's own tokens can be revoked; an unknown or foreign token revokes nothing
 * and still succeeds (logout is idempotent and reveals nothing). The access token itself stays
 * valid until it expires: it is stateless and short-lived.
 */
export async function logout(ctx: AppContext, user: AuthUser, input: { refresh_token?: string; all?: boolean }, meta: RequestMeta): Promise<void> {
  await ctx.db.tx(async (tx) => {
    let revoked = 0;
    if (input.all) revoked = await revokeAllForUser(tx, user.id);
    else if (input.refresh_token) revoked = await revokeFamilyOfToken(tx, user.id, input.refresh_token);
    await recordAudit(tx, {
      dealershipId: user.dealership_id,
      userId: user.id,
      action: 'logout',
      entity: 'user',
      entityId: user.id,
      after: { all: input.all === true, revoked_tokens: revoked, ...origin(meta) },
      requestId: meta.requestId,
    });
  });
}
