import { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import { paths } from './paths.ts';
import { componentSchemas } from './schemas.ts';

/** The OpenAPI 3.1 description of the HTTP API (built once; it only depends on the code). */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lotbook API',
      version: '1.0.0',
      description: 'Offline-first dealership CRM: auth, inventory REST and the RxDB sync protocol. Errors are `{error, message, details?}`.',
    },
    servers: [{ url: '/' }],
    tags: [{ name: 'health' }, { name: 'auth' }, { name: 'inventory' }, { name: 'sync' }, { name: 'meta' }],
    security: [{ bearerAuth: [] }],
    paths: paths(),
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: componentSchemas(),
    },
  };
}

/** Serves GET /api/openapi.json (public, like most API descriptions). Mounted at /api. */
export function openapiRoutes(_ctx: AppContext): Hono {
  const app = new Hono();
  let doc: Record<string, unknown> | undefined;
  app.get('/openapi.json', (c) => {
    doc ??= openApiDocument();
    c.header('cache-control', 'public, max-age=300');
    return c.json(doc);
  });
  return app;
}
