import { Hono } from 'hono';
import { z } from 'zod';
import { EMPTY_PREFERENCES, notificationPreferences } from '@lotbook/shared';
import type { AppContext } from '../context.ts';
import { requireAuth } from '../auth/middleware.ts';
import { notFound, readJson } from '../http/errors.ts';
import { preferencesOf, savePreferences } from './delivery.ts';
import { removeSubscription, saveSubscription } from './push.ts';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'base64url');

/** A browser PushSubscription as `toJSON()` gives it, plus this device's id. */
export const subscriptionBody = z
  .object({
    endpoint: z
      .string()
      .max(2000)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL'),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: base64url.min(80).max(120), auth: base64url.min(16).max(32) }).strict(),
    device_id: z.string().trim().min(1).max(100).nullable().optional(),
  })
  .strict();

export const unsubscribeBody = z.object({ endpoint: z.string().max(2000).url() }).strict();

/**
 * Mounted at /api/v1/notifications, for every signed-in user: my delivery preferences and quiet
 * hours, and this device's Web Push subscription (with the server's VAPID public key).
 */
export function notificationRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx));
  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });

  app.get('/preferences', async (c) => c.json((await preferencesOf(ctx.db, c.get('user').id)) ?? EMPTY_PREFERENCES));

  app.put('/preferences', async (c) => {
    const me = c.get('user');
    const p = await readJson(c, notificationPreferences);
    await savePreferences(ctx.db, me, p);
    return c.json(p);
  });

  app.get('/push/public-key', (c) => c.json({ public_key: ctx.delivery.vapidPublicKey }));

  app.post('/push/subscriptions', async (c) => {
    const s = await readJson(c, subscriptionBody);
    const id = await saveSubscription(ctx.db, c.get('user'), s);
    return c.json({ id }, 201);
  });

  app.delete('/push/subscriptions', async (c) => {
    const { endpoint } = await readJson(c, unsubscribeBody);
    if (!(await removeSubscription(ctx.db, c.get('user').id, endpoint))) throw notFound('Push subscription');
    return c.body(null, 204);
  });
  return app;
}
