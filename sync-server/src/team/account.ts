import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { refreshTokens, syncDevices, users } from '../db/schema.ts';
import { requireAuth } from '../auth/middleware.ts';
import { revokeFamily } from '../auth/refresh-tokens.ts';
import { sessionsEnded } from '../auth/revocation.ts';
import { recordAudit } from '../audit/log.ts';
import { notFound, readJson } from '../http/errors.ts';
import { isUuid } from '../security/input.ts';

const profileBody = z
  .object({ first_name: z.string().trim().min(1).max(80), last_name: z.string().trim().max(80), phone: z.string().trim().max(20).nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

/**
 * My account, mounted at /api/v1/account, for every role: my name and phone, my signed-in sessions
 * (one refresh-token family per login on a device) with "sign out this one", and my syncing devices.
 * The password change stays at /api/v1/auth/change-password.
 */
export function accountRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx));
  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });

  app.patch('/', async (c) => {
    const me = c.get('user');
    const input = await readJson(c, profileBody);
    const [u] = await ctx.db.tx(async (tx) => {
      await recordAudit(tx, { dealershipId: me.dealership_id, userId: me.id, action: 'update', entity: 'users', entityId: me.id, after: input, requestId: c.get('requestId') });
      return tx.orm.update(users).set(input).where(eq(users.id, me.id)).returning({ first_name: users.first_name, last_name: users.last_name, phone: users.phone });
    });
    return c.json(u);
  });

  app.get('/sessions', async (c) => {
    const me = c.get('user');
    const sessions = await ctx.db.orm
      .select({ family_id: refreshTokens.family_id, signed_in_at: sql<Date>`min(${refreshTokens.created_at})`, last_active_at: sql<Date>`max(${refreshTokens.created_at})` })
      .from(refreshTokens)
      .where(eq(refreshTokens.user_id, me.id))
      .groupBy(refreshTokens.family_id)
      .having(sql`bool_or(${refreshTokens.revoked_at} is null and ${refreshTokens.expires_at} > now())`)
      .orderBy(desc(sql`max(${refreshTokens.created_at})`));
    const devices = await ctx.db.orm
      .select({ device_id: syncDevices.device_id, user_agent: syncDevices.user_agent, last_pull_at: syncDevices.last_pull_at, last_push_at: syncDevices.last_push_at })
      .from(syncDevices)
      .where(eq(syncDevices.user_id, me.id));
    const current = c.get('sessionId');
    return c.json({ sessions: sessions.map((s) => ({ ...s, current: s.family_id === current, signed_in_at: new Date(s.signed_in_at).toISOString(), last_active_at: new Date(s.last_active_at).toISOString() })), devices });
  });

  app.post('/sessions/:family/sign-out', async (c) => {
    const me = c.get('user');
    const family = c.req.param('family');
    if (!isUuid(family)) throw notFound('Session');
    const live = await ctx.db.orm
      .select({ id: refreshTokens.id })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.user_id, me.id), eq(refreshTokens.family_id, family), isNull(refreshTokens.revoked_at), gt(refreshTokens.expires_at, sql`now()`)));
    if (live.length === 0) throw notFound('Session');
    await revokeFamily(ctx.db, me.id, family);
    await recordAudit(ctx.db, { dealershipId: me.dealership_id, userId: me.id, action: 'logout', entity: 'sessions', entityId: family, requestId: c.get('requestId') });
    // That device's access tokens are refused from now on and its change stream closes with `revoked`.
    await sessionsEnded(ctx, me.id, [family]);
    return c.body(null, 204);
  });
  return app;
}
