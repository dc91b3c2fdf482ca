/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/react" />
/// <reference types="vite-plugin-pwa/info" />

/** package version + build date, set by vite.config.ts. */
declare const __APP_VERSION__: string;
