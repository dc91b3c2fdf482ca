import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log.ts';

/** One structured line per request: method, path, status, duration, request id and user. */
export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const path = c.req.path;
    if (path.startsWith('/health/live')) return;
    const user = c.get('user');
    log.info(
      {
        request_id: c.get('requestId'),
        method: c.req.method,
        path,
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
        user_id: user?.id,
      },
      'request',
    );
  };
}
