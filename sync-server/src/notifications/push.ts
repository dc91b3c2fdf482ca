import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { Sql } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../log.ts';
import type { DeliveryChannel, OutgoingNotification } from './delivery.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** VAPID keys from the environment, or generated once and kept in DATA_DIR (per process for memory://). */
export function vapidKeys(env: Env): VapidKeys {
  const subject = env.VAPID_SUBJECT;
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject };
  if (env.DATA_DIR.startsWith('memory://')) return { ...webpush.generateVAPIDKeys(), subject };
  mkdirSync(env.DATA_DIR, { recursive: true });
  const file = join(env.DATA_DIR, 'vapid.json');
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600 });
  const keys = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
  return { publicKey: keys.publicKey, privateKey: keys.privateKey, subject };
}

/** What the service worker receives (public/push-sw.js shows it and opens `url` on click). */
export interface PushPayload {
  id: string;
  type: string;
  title: string;
  body: string;
  url: string;
}

/** Web Push through the `web-push` package: every subscription of the user; 404/410 removes one. */
export class WebPushChannel implements DeliveryChannel {
  constructor(
    private readonly keys: VapidKeys,
    private readonly log?: Logger,
    /** The HTTPS agent (tests trust their local push service's certificate with it). */
    private readonly opts: { agent?: Agent } = {},
  ) {}

  async send(db: Sql, n: OutgoingNotification): Promise<void> {
    const subs = await db.rows<{ id: string; endpoint: string; p256dh: string; auth: string }>(sql`
      SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ${n.userId}::uuid`);
    const payload: PushPayload = { id: n.id, type: n.type, title: n.title, body: n.body, url: n.link ?? '/notifications' };
    await Promise.all(subs.map((s) => this.sendOne(db, s, payload, n.priority)));
  }

  private async sendOne(db: Sql, s: { id: string; endpoint: string; p256dh: string; auth: string }, payload: PushPayload, priority: string) {
    try {
      await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, JSON.stringify(payload), {
        vapidDetails: this.keys,
        TTL: 24 * 3600,
        urgency: priority === 'urgent' || priority === 'high' ? 'high' : priority === 'low' ? 'low' : 'normal',
        contentEncoding: 'aes128gcm',
        timeout: 10_000,
        ...(this.opts.agent ? { agent: this.opts.agent } : {}),
      });
      await db.rows(sql`UPDATE push_subscriptions SET last_success_at = now(), failures = 0 WHERE id = ${s.id}::uuid`);
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) {
        // The push service says this subscription is gone: forget it.
        await db.rows(sql`DELETE FROM push_subscriptions WHERE id = ${s.id}::uuid`);
        return;
      }
      await db.rows(sql`UPDATE push_subscriptions SET failures = failures + 1 WHERE id = ${s.id}::uuid`);
      this.log?.warn({ status, subscription: s.id }, 'web push failed');
    }
  }
}

export interface SubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  device_id?: string | null;
}

/** Stores (or moves to this user) a device's push subscription; one row per endpoint. */
export async function saveSubscription(db: Sql, user: { id: string; dealership_id: string }, s: SubscriptionInput): Promise<string> {
  const rows = await db.rows<{ id: string }>(sql`
    INSERT INTO push_subscriptions (id, user_id, dealership_id, device_id, endpoint, p256dh, auth)
    VALUES (${randomUUID()}::uuid, ${user.id}::uuid, ${user.dealership_id}::uuid, ${s.device_id ?? null}, ${s.endpoint}, ${s.keys.p256dh}, ${s.keys.auth})
    ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, dealership_id = EXCLUDED.dealership_id,
      device_id = EXCLUDED.device_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, failures = 0
    RETURNING id`);
  return rows[0]!.id;
}

export async function removeSubscription(db: Sql, userId: string, endpoint: string): Promise<boolean> {
  const rows = await db.rows(sql`DELETE FROM push_subscriptions WHERE user_id = ${userId}::uuid AND endpoint = ${endpoint} RETURNING id`);
  return rows.length > 0;
}
