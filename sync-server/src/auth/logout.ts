import type { AppContext, AuthUser } from '../context.ts';
import { recordAudit } from '../audit/log.ts';
import { familyOfToken, revokeAllSessionsOf, revokeFamily } from './refresh-tokens.ts';
import { sessionsEnded } from './revocation.ts';
import { origin, type RequestMeta } from './request-meta.ts';

/**
 * Ends sessions of the caller: the family of the given refresh token, or every session with
 * `all`. Only the caller's own tokens can be revoked; an unknown or foreign token revokes nothing
 * and still succeeds (logout is idempotent and reveals nothing). The access tokens of the ended
 * sessions are refused from then on too (they name their session, see revocation.ts), and their
 * change streams close.
 */
export async function logout(ctx: AppContext, user: AuthUser, input: { refresh_token?: string; all?: boolean }, meta: RequestMeta): Promise<void> {
  const ended = await ctx.db.tx(async (tx) => {
    let revoked = 0;
    let families: string[] = [];
    if (input.all) {
      families = await revokeAllSessionsOf(tx, user.id);
      revoked = families.length;
    } else if (input.refresh_token) {
      const family = await familyOfToken(tx, user.id, input.refresh_token);
      if (family) {
        revoked = await revokeFamily(tx, user.id, family);
        families = [family];
      }
    }
    await recordAudit(tx, {
      dealershipId: user.dealership_id,
      userId: user.id,
      action: 'logout',
      entity: 'user',
      entityId: user.id,
      after: { all: input.all === true, revoked_tokens: revoked, ...origin(meta) },
      requestId: meta.requestId,
    });
    return [...new Set(families)];
  });
  if (ended.length > 0) await sessionsEnded(ctx, user.id, ended);
}
