import { ApiFailure, readFailure } from './api-failure.ts';
import type { SessionStore } from './session.ts';

/**
 * fetch wrapper for online-only /api calls: adds Bearer, refreshes once on 401 token_expired,
 * throws ApiFailure (status 0 when the device is offline, 401 `auth_required` when the refresh
 * token is dead, 401 `session_revoked` when the server ended the session: the store is then
 * marked so the app asks for a new login, keeping local data and queued writes).
 */
export function createApiClient(store: SessionStore, baseUrl: string, fetchImpl: typeof fetch = (...a) => globalThis.fetch(...a)) {
  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const token = store.get()?.access_token;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetchImpl(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new ApiFailure(0, 'network_error', (err as Error).message || 'The server cannot be reached');
    }
  }

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res = await send(method, path, body);
    if (res.status === 401) {
      const failure = await readFailure(res);
      if (failure.error === 'session_revoked') {
        store.revoked();
        throw failure;
      }
      if (failure.error !== 'token_expired') throw failure;
      let next;
      try {
        next = await store.refresh();
      } catch (err) {
        if (err instanceof ApiFailure) throw err;
        throw new ApiFailure(0, 'network_error', (err as Error).message || 'The server cannot be reached');
      }
      if (!next) throw new ApiFailure(401, 'auth_required', 'The session has ended; log in again');
      res = await send(method, path, body);
    }
    if (!res.ok) throw await readFailure(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  return {
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  };
}
