import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { manifest } from './src/app/manifest.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Where `vite dev` forwards the API, sync and health calls (the sync server). */
const API_TARGET = process.env.LOTBOOK_API_URL ?? 'http://127.0.0.1:8787';
const proxied = { target: API_TARGET, changeOrigin: false };

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(`${pkg.version} (${new Date().toISOString().slice(0, 10)})`),
  },
  plugins: [
    react(),
    VitePWA({
      // The user decides when a new version takes over (src/app/UpdatePrompt.tsx).
      registerType: 'prompt',
      // Registration happens in React through useRegisterSW; no inline script (the CSP forbids it).
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        // Demo photos and user images are cached on first view (CacheFirst below), not precached.
        // RxDB's dev-mode and schema validator are only imported with devMode (vite dev, tests).
        globIgnores: ['demo-images/**', 'assets/dev-mode-*.js', 'assets/validate-ajv-*.js'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/sync(\/|$)/, /^\/health(\/|$)/],
        // The first install controls the page at once so it works offline without a reload;
        // later versions still wait for the user's "Update" (skipWaiting stays off).
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // Web Push: the push and notificationclick handlers (public/push-sw.js).
        importScripts: ['push-sw.js'],
        runtimeCaching: [
          {
            urlPattern: ({ request, url }) =>
              request.destination === 'image' && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/sync/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'lotbook-images',
              expiration: { maxEntries: 2000, maxAgeSeconds: 60 * 60 * 24 * 90 },
              cacheableResponse: { statuses: [0, 200] },
            },
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  server: {
    port: 5173,
    proxy: { '/api': proxied, '/sync': proxied, '/health': proxied },
  },
  preview: {
    proxy: { '/api': proxied, '/sync': proxied, '/health': proxied },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
});
