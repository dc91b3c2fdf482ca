import type { MiddlewareHandler } from 'hono';

/**
 * Keeps keep-alive connections usable after an early answer (401, 403, 404, 426, a validation
 * error...) given without reading the request body.
 *
 * HTTP/1.1 sends the next request on the same socket right after this one's body. When a handler
 * answers without reading the body, the unread bytes are still on the socket: the Node adapter
 * tries to discard them for a short moment and then destroys the socket, so a keep-alive client
 * that reuses it sees "socket hang up". This middleware, outermost in app.ts, reads and discards
 * an unread body of at most `maxBytes` (the server would have accepted that much anyway) before
 * the answer goes out. A larger or slower body is not read: the answer then says
 * `Connection: close`, so the client opens a new connection for its next request.
 */
export function drainUnreadBody(opts: { maxBytes: number; timeoutMs: number }): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw;
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || !raw.body || raw.bodyUsed) return;
    const declared = Number(raw.headers.get('content-length') ?? NaN);
    const drained = Number.isFinite(declared) && declared > opts.maxBytes ? false : await discard(raw.body, opts);
    if (!drained) {
      try {
        c.res.headers.set('connection', 'close');
      } catch {
        // An immutable response (never built by our routes): the adapter's own cleanup applies.
      }
    }
  };
}

/** Reads a stream to its end, dropping the bytes; false when it is too long or too slow. */
async function discard(body: ReadableStream<Uint8Array>, opts: { maxBytes: number; timeoutMs: number }): Promise<boolean> {
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = body.getReader();
  } catch {
    return false; // locked: someone else is reading it
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), opts.timeoutMs);
  });
  let total = 0;
  try {
    for (;;) {
      const chunk = await Promise.race([reader.read(), timeout]);
      if (chunk === 'timeout') return false;
      if (chunk.done) return true;
      total += chunk.value.byteLength;
      if (total > opts.maxBytes) return false;
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => undefined);
  }
}
