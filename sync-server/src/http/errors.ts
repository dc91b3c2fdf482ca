import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Logger } from '../log.ts';

/** An error that is part of the API: it becomes `{error, message, details}` with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new ApiError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Authentication required', code = 'unauthorized') => new ApiError(401, code, message);
export const forbidden = (message = 'You do not have permission to do this') => new ApiError(403, 'forbidden', message);
export const notFound = (what = 'Resource') => new ApiError(404, 'not_found', `${what} not found`);

/** zod issues as a compact, client-friendly list. */
export function zodDetails(error: z.ZodError): Record<string, unknown> {
  return { issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })) };
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return details ? { error: code, message, details } : { error: code, message };
}

/** The single place where thrown errors become HTTP responses. Never leaks a stack trace. */
export function handleError(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) {
      // A refusal caused by something else (a library's parse error behind "not a readable file"):
      // the client gets the clear message, the log keeps what actually went wrong.
      if (err.cause !== undefined) log.warn({ err: err.cause, code: err.code, request_id: c.get('requestId') }, 'request refused');
      return c.json(errorBody(err.code, err.message, err.details), err.status);
    }
    if (err instanceof z.ZodError) return c.json(errorBody('validation_error', 'The request is invalid', zodDetails(err)), 400);
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'http_error';
      const message = status === 413 ? 'The request body is too large' : err.message || 'Request failed';
      return c.json(errorBody(code, message), status as ContentfulStatusCode);
    }
    log.error({ err, request_id: c.get('requestId') }, 'unhandled error');
    return c.json(errorBody('internal_error', 'Something went wrong on our side; it has been logged'), 500);
  };
}

/** Parses a JSON body with a zod schema: malformed JSON and invalid shapes are 400s, never 500s. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'validation_error', 'The request body is invalid', zodDetails(parsed.error));
  return parsed.data;
}

/** Parses query parameters with a zod schema (use z.coerce for numbers). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new ApiError(400, 'validation_error', 'The query parameters are invalid', zodDetails(parsed.error));
  return parsed.data;
}
