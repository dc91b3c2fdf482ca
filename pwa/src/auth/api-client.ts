import { readFailure } from './api-failure.ts';
import { authedFetch } from './authed-fetch.ts';
import type { SessionStore } from './session.ts';

/**
 * JSON client for online-only /api calls, over authedFetch (Bearer, one refresh on 401
 * token_expired, 401 `session_revoked` ends the session and opens the relogin dialog). Throws
 * ApiFailure: status 0 when the device is offline, 401 `auth_required` when the refresh token is
 * dead, the server's error otherwise.
 */
export function createApiClient(store: SessionStore, baseUrl: string, fetchImpl: typeof fetch = (...a) => globalThis.fetch(...a)) {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await authedFetch(store, `${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, fetchImpl);
    if (!res.ok) throw await readFailure(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  return {
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
    patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
    delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
  };
}
