import type { ManifestOptions } from 'vite-plugin-pwa';

/** The web app manifest. Shortcut URLs are routes of the app (see src/app/routes.tsx). */
export const manifest: Partial<ManifestOptions> = {
  name: 'Lotbook',
  short_name: 'Lotbook',
  description: 'Inventario, leads y ventas del concesionario, también sin conexión.',
  lang: 'es',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  background_color: '#ffffff',
  theme_color: '#1d4ed8',
  categories: ['business', 'productivity'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  shortcuts: [
    {
      name: 'Nuevo lead / New lead',
      short_name: 'Nuevo lead',
      url: '/leads/new',
      icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
    },
    {
      name: 'Escanear VIN / Scan VIN',
      short_name: 'Escanear VIN',
      url: '/inventory/scan',
      icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
    },
    {
      name: 'Inventario / Inventory',
      short_name: 'Inventario',
      url: '/inventory',
      icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
    },
  ],
};
