import { Hono, type MiddlewareHandler } from 'hono';
import { agingRoutes } from './aging/routes.ts';
import { routingRoutes } from './routing/routes.ts';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { PROTOCOL_VERSION } from '@lotbook/shared';
import type { AppContext } from './context.ts';
import { ApiError, errorBody, handleError } from './http/errors.ts';
import { requestLog } from './http/request-log.ts';
import { serveApp } from './http/static.ts';
import { drainUnreadBody } from './http/drain.ts';
import { inputGuard } from './http/input-guard.ts';
import { corsFor } from './http/cors.ts';
import { healthRoutes } from './health/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { vehicleRoutes } from './inventory/routes.ts';
import { chatRoutes } from './chat/routes.ts';
import { openapiRoutes } from './openapi/routes.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import { streamHandler, syncRoutes } from './sync/routes.ts';
import { dealershipRoutes, setupRoutes } from './dealership/routes.ts';
import { publicLogoRoutes } from './dealership/logo.ts';
import { passwordLinkRoutes, teamRoutes } from './team/routes.ts';
import { accountRoutes } from './team/account.ts';
import { adfRoutes, importRoutes } from './imports/routes.ts';
import { exportRoutes } from './exports/routes.ts';
import { jobRoutes } from './jobs/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';

/** POST /api/v1/imports/:entity and …/preview: the streamed CSV/Excel uploads. */
const isTableImport = (method: string, path: string) => method === 'POST' && /^\/api\/v1\/imports\/[^/]+(\/preview)?\/?$/.test(path);

/** Builds the HTTP app. Pure wiring: every route module gets the same AppContext. */
export function createApp(ctx: AppContext): Hono {
  const app = new Hono();
  app.get(`/sync/v${PROTOCOL_VERSION}/stream`, streamHandler(ctx));
  // Outermost for every request with a body: an early answer must not leave its body on the socket.
  app.use('*', drainUnreadBody({ maxBytes: ctx.env.BODY_LIMIT_BYTES, timeoutMs: 10_000 }));
  app.use('*', requestId());
  app.use('*', requestLog(ctx.log));
  app.use(
    '*',
    secureHeaders({
      // The PWA is served from this origin; images may be data: URLs (photos taken offline) or https.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    }),
  );
  const crossOrigin = corsFor(ctx.env.CORS_ORIGINS);
  if (crossOrigin) {
    app.use('/api/*', crossOrigin);
    app.use('/sync/*', crossOrigin);
  }
  const limit = bodyLimit({
    maxSize: ctx.env.BODY_LIMIT_BYTES,
    // The unread rest of the body is still on the socket: close it rather than let a client reuse it.
    onError: (c) =>
      c.json(errorBody('payload_too_large', `The request body is larger than ${ctx.env.BODY_LIMIT_BYTES} bytes`), 413, { connection: 'close' }),
  });
  // CSV/Excel imports take a larger limit of their own and are NOT buffered here (hono's bodyLimit
  // buffers a chunked body): a declared size over the limit is refused at once, and the upload is
  // streamed to a temporary file by imports/table/upload.ts, which stops reading past the limit.
  const importLimit: MiddlewareHandler = async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > ctx.env.IMPORT_BODY_LIMIT_BYTES + 64 * 1024) {
      return c.json(errorBody('payload_too_large', `The file is larger than ${ctx.env.IMPORT_BODY_LIMIT_BYTES} bytes`), 413, { connection: 'close' });
    }
    await next();
  };
  app.use('/api/*', (c, next) => (isTableImport(c.req.method, c.req.path) ? importLimit(c, next) : limit(c, next)));
  app.use('/sync/*', limit);
  app.use('/api/*', inputGuard());
  // Tokens and profiles must never sit in a browser or proxy cache.
  app.use('/api/v1/auth/*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });

  app.route('/health', healthRoutes(ctx));
  app.route('/api/v1/auth', authRoutes(ctx));
  app.route('/api/v1/audit', auditRoutes(ctx));
  app.route('/api/v1/setup', setupRoutes(ctx));
  app.route('/api/v1/password-links', passwordLinkRoutes(ctx));
  app.route('/api/v1/team', teamRoutes(ctx));
  app.route('/api/v1/dealership', dealershipRoutes(ctx));
  app.route('/api/v1/dealership-logos', publicLogoRoutes(ctx));
  app.route('/api/v1/account', accountRoutes(ctx));
  app.route('/api/v1/vehicles', vehicleRoutes(ctx));
  app.route('/api/v1/chat', chatRoutes(ctx));
  app.route('/api/v1/analytics', analyticsRoutes(ctx));
  app.route('/api/v1/leads/import', adfRoutes(ctx));
  app.route('/api/v1/routing', routingRoutes(ctx));
  app.route('/api/v1/aging', agingRoutes(ctx));
  app.route('/api/v1/imports', importRoutes(ctx));
  app.route('/api/v1/exports', exportRoutes(ctx));
  app.route('/api/v1/jobs', jobRoutes(ctx));
  app.route('/api/v1/notifications', notificationRoutes(ctx));
  app.route('/api', openapiRoutes(ctx));
  app.route('/sync', syncRoutes(ctx));
  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', 'No such API route');
  });
  app.all('/sync/*', () => {
    throw new ApiError(404, 'not_found', 'No such sync route');
  });
  serveApp(app, ctx);

  app.notFound((c) => c.json(errorBody('not_found', 'Not found'), 404));
  app.onError(handleError(ctx.log));
  return app;
}
