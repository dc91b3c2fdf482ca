import { ApiFailure, readFailure } from '../../auth/api-failure.ts';
import { endIfRevoked } from '../../auth/authed-fetch.ts';
import type { SessionStore } from '../../auth/session.ts';

/** Replication must stop, not retry: the refresh token is dead or the app is outdated. */
export class SyncHalted extends Error {
  constructor(readonly why: 'auth' | 'update') {
    super(why === 'auth' ? 'Log in again to resume syncing' : 'This version of the app is outdated');
    this.name = 'SyncHalted';
  }
}

export interface TransportEvents {
  /** fetch itself failed: the device is offline or the server unreachable. */
  networkError(err: unknown): void;
  /** Any HTTP answer came back. */
  reachable(): void;
  /** A request succeeded (2xx). */
  succeeded(method: string): void;
  /** A 4xx/5xx that is neither auth nor version: shown in the status, then retried. */
  failed(failure: ApiFailure): void;
  halted(why: 'auth' | 'update', failure: ApiFailure | null): void;
}

export interface Transport {
  /** JSON request with Bearer and X-Device-Id; refreshes once on 401; throws on anything but 2xx. */
  request<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
}

export function createTransport(opts: { baseUrl: string; session: SessionStore; fetch: typeof fetch; deviceId: string; events: TransportEvents }): Transport {
  const { session, events } = opts;

  async function send(path: string, method: string, body: unknown): Promise<Response> {
    const s = session.get();
    if (!s || session.authRequired) {
      events.halted('auth', null);
      throw new SyncHalted('auth');
    }
    const headers: Record<string, string> = { authorization: `Bearer ${s.access_token}`, 'x-device-id': opts.deviceId, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await opts.fetch(`${opts.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      events.reachable();
      return res;
    } catch (err) {
      events.networkError(err);
      throw err;
    }
  }

  async function refreshed(): Promise<void> {
    let next;
    try {
      next = await session.refresh();
    } catch (err) {
      if (!(err instanceof ApiFailure)) events.networkError(err);
      throw err;
    }
    if (!next) {
      events.halted('auth', null);
      throw new SyncHalted('auth');
    }
  }

  return {
    async request<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
      const method = init.method ?? 'GET';
      let res = await send(path, method, init.body);
      // A fresh token can expire again before the retry lands (a slow link, a short TTL): refresh
      // while the server says token_expired, a few times; any other 401 after a refresh is final.
      for (let attempt = 0; res.status === 401; attempt++) {
        const failure = await readFailure(res);
        // The server ended the session: no refresh can help (its refresh tokens ended too).
        if (endIfRevoked(session, failure)) {
          events.halted('auth', failure);
          throw new SyncHalted('auth');
        }
        if (attempt > 0 && failure.error !== 'token_expired') {
          events.halted('auth', failure);
          throw new SyncHalted('auth');
        }
        if (attempt >= 3) {
          events.failed(failure); // transient: RxDB retries after retryTime
          throw failure;
        }
        await refreshed();
        res = await send(path, method, init.body);
      }
      if (res.status === 426) {
        const failure = await readFailure(res);
        events.halted('update', failure);
        throw new SyncHalted('update');
      }
      if (!res.ok) {
        const failure = await readFailure(res);
        // A push refused as a whole (403) is parked by the push handler, not retried: no error state.
        if (!(method === 'POST' && res.status === 403)) events.failed(failure);
        throw failure;
      }
      events.succeeded(method);
      return (await res.json()) as T;
    },
  };
}
