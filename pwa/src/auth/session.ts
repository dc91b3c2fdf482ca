import type { PublicUser } from '@lotbook/shared';
import { ApiFailure, readFailure } from './api-failure.ts';

export { ApiFailure } from './api-failure.ts';
export { createApiClient } from './api-client.ts';

export interface Session {
  access_token: string;
  refresh_token: string;
  user: PublicUser;
  /** `logo_url`: the dealership's logo (`/api/v1/dealership-logos/…`), null or absent when it has none. */
  dealership?: { id: string; name: string; currency: string; locale: string; timezone: string; logo_url?: string | null };
}

export interface SessionStore {
  get(): Session | null;
  set(s: Session | null): void;
  onChange(cb: (s: Session | null) => void): () => void;
  /**
   * Refreshes tokens via POST /api/v1/auth/refresh. Resolves the new session, or null when the
   * refresh token is dead (expired/reused/revoked): then `authRequired` is set, but the session's
   * user and the local data are KEPT. Network failure -> throws. Concurrent calls share one request.
   */
  refresh(): Promise<Session | null>;
  authRequired: boolean;
  /**
   * Why a new login is needed, once `authRequired`: `session_revoked` when the server ended the
   * session (account deactivated or password changed elsewhere), otherwise the refresh failure's
   * code (`refresh_token_expired`, `refresh_token_reused`...). Cleared by the next login.
   */
  authReason: string | null;
  /** The server said `session_revoked` on some request: stop using the session, keep the data. */
  revoked(): void;
}

export const SESSION_KEY = 'lotbook.session';

/** A Storage that lives in memory: for Node tests and for browsers with storage disabled. */
export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

function read(storage: Storage): Session | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** What login and refresh answer; extra fields (token_type, expires_in) are dropped. */
function toSession(body: Session): Session {
  const s: Session = { access_token: body.access_token, refresh_token: body.refresh_token, user: body.user };
  if (body.dealership) {
    const { id, name, currency, locale, timezone, logo_url } = body.dealership;
    s.dealership = { id, name, currency, locale, timezone, logo_url: logo_url ?? null };
  }
  return s;
}

/** Web Locks serialize a refresh across tabs, so two tabs never replay the same refresh token. */
async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return fn();
  return locks.request('lotbook.refresh', fn);
}

export function createSessionStore(opts: { baseUrl: string; storage?: Storage; fetch?: typeof fetch }): SessionStore {
  const storage = opts.storage ?? globalThis.localStorage ?? memoryStorage();
  const fetchImpl = opts.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));
  const listeners = new Set<(s: Session | null) => void>();
  let current = read(storage);
  let inflight: Promise<Session | null> | null = null;

  const emit = () => listeners.forEach((cb) => cb(current));

  async function doRefresh(): Promise<Session | null> {
    const used = current?.refresh_token;
    return withRefreshLock(async () => {
      // Another tab may have rotated the token while we waited for the lock.
      const stored = read(storage);
      if (stored && stored.refresh_token !== used) {
        current = stored;
        store.authRequired = false;
        emit();
        return stored;
      }
      if (!used) {
        store.authRequired = true;
        emit();
        return null;
      }
      const res = await fetchImpl(`${opts.baseUrl}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: used }),
      });
      if (res.ok) {
        const next = toSession((await res.json()) as Session);
        store.set(next);
        return next;
      }
      // 5xx and 429 are transient: the token may still be good, so the caller retries later.
      const failure = await readFailure(res);
      if (res.status >= 500 || res.status === 429) throw failure;
      store.authRequired = true;
      store.authReason = failure.error;
      emit();
      return null;
    });
  }

  const store: SessionStore = {
    authRequired: false,
    authReason: null,
    get: () => current,
    set(s) {
      current = s ? toSession(s) : null;
      if (s) storage.setItem(SESSION_KEY, JSON.stringify(current));
      else storage.removeItem(SESSION_KEY);
      if (s) {
        store.authRequired = false;
        store.authReason = null;
      }
      emit();
    },
    revoked() {
      // The user and the local data (queued writes included) stay; only a login resumes syncing.
      store.authRequired = true;
      store.authReason = 'session_revoked';
      emit();
    },
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    refresh() {
      inflight ??= doRefresh().finally(() => {
        inflight = null;
      });
      return inflight;
    },
  };

  // Another tab logged in, refreshed or logged out.
  if (typeof globalThis.addEventListener === 'function') {
    globalThis.addEventListener('storage', (e: StorageEvent) => {
      if (e.key !== SESSION_KEY) return;
      current = read(storage);
      if (current) {
        store.authRequired = false;
        store.authReason = null;
      }
      emit();
    });
  }
  return store;
}

/** POST /api/v1/auth/login. Throws ApiFailure (status 0 = network error). */
export async function loginRequest(baseUrl: string, email: string, password: string, fetchImpl: typeof fetch = globalThis.fetch): Promise<Session> {
  let res: Response;
  try {
    res = await fetchImpl(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  } catch (err) {
    throw new ApiFailure(0, 'network_error', (err as Error).message || 'The server cannot be reached');
  }
  if (!res.ok) throw await readFailure(res);
  return toSession((await res.json()) as Session);
}
