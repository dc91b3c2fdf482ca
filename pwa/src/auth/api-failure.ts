/** An /api or /sync request that failed: the server's `{error, message, details}`, or status 0 when offline. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** Reads the server's error body; a body that is not the error shape still yields a failure. */
export async function readFailure(res: Response): Promise<ApiFailure> {
  let body: { error?: unknown; message?: unknown; details?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status.
  }
  const code = typeof body.error === 'string' ? body.error : `http_${res.status}`;
  const message = typeof body.message === 'string' ? body.message : res.statusText || `HTTP ${res.status}`;
  const details = body.details && typeof body.details === 'object' ? (body.details as Record<string, unknown>) : undefined;
  return new ApiFailure(res.status, code, message, details);
}
