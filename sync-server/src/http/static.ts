import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppContext } from '../context.ts';

const DEFAULT_DIST = fileURLToPath(new URL('../../../pwa/dist', import.meta.url));

/**
 * Serves the built PWA on the same origin as the API, with an SPA fallback to index.html.
 * The service worker must never be cached by HTTP caches, or updates would stall.
 */
export function serveApp(app: Hono, ctx: AppContext): void {
  const root = resolve(ctx.env.PWA_DIST ?? DEFAULT_DIST);
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', (c) =>
      c.html('<!doctype html><title>Lotbook</title><p>Lotbook sync server is running. The PWA has not been built: run <code>pnpm build</code>.</p>'),
    );
    return;
  }
  app.use('/sw.js', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-cache');
  });
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/*', serveStatic({ root }));
  const index = () => readFileSync(join(root, 'index.html'), 'utf8');
  app.get('*', (c) => c.html(index()));
}
