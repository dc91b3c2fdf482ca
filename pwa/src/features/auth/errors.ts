/** The shape loginRequest/createApiClient throw (ApiFailure in auth/session.ts). */
export interface ApiFailureLike {
  status: number;
  error: string;
  message: string;
}

export function isApiFailure(e: unknown): e is ApiFailureLike {
  return typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number' && typeof (e as { error?: unknown }).error === 'string';
}

/** The `auth` namespace key explaining why a login failed. */
export function loginErrorKey(e: unknown): string {
  const offline = globalThis.navigator?.onLine === false;
  // ApiFailure uses status 0 for "the request never reached the server".
  if (!isApiFailure(e) || e.status === 0) return offline ? 'error.offline' : 'error.network';
  if (e.status === 401 || e.error === 'invalid_credentials') return 'error.invalidCredentials';
  if (e.status === 429 || e.error === 'rate_limited' || e.error === 'too_many_requests') return 'error.rateLimited';
  if (e.status === 403) return 'error.disabled';
  if (e.status === 400 || e.status === 422) return 'error.invalidInput';
  return 'error.server';
}
