import { ApiFailure, readFailure } from './api-failure.ts';
import type { SessionStore } from './session.ts';

/**
 * The one place where an answer ends the session: a 401 `session_revoked` (account deactivated,
 * password changed or reset, signed out from another device) marks the store revoked, which halts
 * replication and opens the relogin dialog with the reason (start.ts listens to the store). Local
 * data and unsent writes stay on the device, visible but unsyncable until a new login.
 * Returns true when the failure was such a revocation.
 */
export function endIfRevoked(store: SessionStore, failure: ApiFailure): boolean {
  if (failure.status !== 401 || failure.error !== 'session_revoked') return false;
  if (!(store.authRequired && store.authReason === 'session_revoked')) store.revoked();
  return true;
}

/** For requests outside fetch (XMLHttpRequest uploads): the same rule on a status and a parsed body. */
export function endIfRevokedBody(store: SessionStore, status: number, body: { error?: unknown; message?: unknown }): ApiFailure | null {
  if (status !== 401) return null;
  const failure = new ApiFailure(401, typeof body.error === 'string' ? body.error : 'http_401', typeof body.message === 'string' ? body.message : 'HTTP 401');
  return endIfRevoked(store, failure) ? failure : null;
}

/**
 * Every authenticated /api request of the app goes through here (the JSON client, the chat's
 * streamed answers, imports, exports and report downloads; replication has its own transport that
 * applies the same `endIfRevoked`). Adds the Bearer token; on 401 `token_expired` refreshes once
 * and retries; on 401 `session_revoked` ends the session (see endIfRevoked) and throws; when the
 * refresh token is dead throws 401 `auth_required` (the store already asks for a login); when the
 * device is offline throws status 0 `network_error`. Any other answer is returned as is.
 */
export async function authedFetch(
  store: SessionStore,
  url: string,
  init: RequestInit = {},
  fetchImpl: typeof fetch = (...a) => globalThis.fetch(...a),
): Promise<Response> {
  const send = async (): Promise<Response> => {
    const token = store.get()?.access_token;
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    try {
      return await fetchImpl(url, { ...init, headers });
    } catch (err) {
      throw new ApiFailure(0, 'network_error', (err as Error).message || 'The server cannot be reached');
    }
  };
  let res = await send();
  for (let attempt = 0; res.status === 401; attempt++) {
    const failure = await readFailure(res.clone());
    if (endIfRevoked(store, failure)) throw failure;
    if (failure.error !== 'token_expired' || attempt > 0) return res;
    let next;
    try {
      next = await store.refresh();
    } catch (err) {
      if (err instanceof ApiFailure) throw err;
      throw new ApiFailure(0, 'network_error', (err as Error).message || 'The server cannot be reached');
    }
    if (!next) throw new ApiFailure(401, store.authReason === 'session_revoked' ? 'session_revoked' : 'auth_required', 'The session has ended; log in again');
    res = await send();
  }
  return res;
}
