/*
 * Web Push in the service worker (issue 10). Workbox's generated worker imports this file
 * (vite.config.ts: workbox.importScripts), so the precache, the offline fallback and the update
 * prompt stay exactly as they are. The server sends {id, type, title, body, url}
 * (sync-server/src/notifications/push.ts); a click opens `url`, a path inside this app.
 */
/* global self, clients */
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const url = typeof data.url === 'string' && data.url.startsWith('/') && !data.url.startsWith('//') ? data.url : '/notifications';
  event.waitUntil(
    self.registration.showNotification(typeof data.title === 'string' && data.title ? data.title : 'Lotbook', {
      body: typeof data.body === 'string' ? data.body : '',
      tag: typeof data.id === 'string' ? data.id : undefined,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = event.notification.data && typeof event.notification.data.url === 'string' ? event.notification.data.url : '/notifications';
  const target = new URL(path, self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (list) => {
      for (const client of list) {
        if (new URL(client.url).origin === self.location.origin && 'focus' in client) {
          const moved = 'navigate' in client ? await client.navigate(target.href).catch(() => null) : null;
          return (moved || client).focus();
        }
      }
      return clients.openWindow(target.href);
    }),
  );
});
