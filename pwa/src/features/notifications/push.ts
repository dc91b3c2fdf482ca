import { api } from '../../app/runtime.ts';
import { deviceId } from '../../db/sync/device-id.ts';

/** Web Push on this device: browser support, permission, and the subscription the server keeps. */
export function pushSupported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await navigator.serviceWorker.getRegistration();
  return (await reg?.pushManager.getSubscription()) ?? null;
}

/** Asks for permission, subscribes through the service worker and stores the subscription for me. */
export async function enablePush(): Promise<'enabled' | 'denied' | 'unsupported'> {
  if (!pushSupported()) return 'unsupported';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'denied';
  const reg = await navigator.serviceWorker.ready;
  const { public_key } = await api.get<{ public_key: string }>('/api/v1/notifications/push/public-key');
  const sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(public_key) }));
  const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
  await api.post('/api/v1/notifications/push/subscriptions', { endpoint: json.endpoint, keys: json.keys, device_id: deviceId() });
  return 'enabled';
}

/** Removes this device's subscription on the server and in the browser. */
export async function disablePush(): Promise<void> {
  const sub = await currentSubscription();
  if (!sub) return;
  await api.delete('/api/v1/notifications/push/subscriptions', { endpoint: sub.endpoint }).catch((err: unknown) => {
    if ((err as { status?: number }).status !== 404) throw err;
  });
  await sub.unsubscribe();
}
