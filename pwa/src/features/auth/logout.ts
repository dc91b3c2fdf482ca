import { clearUserDataCaches } from '../../app/device-cache.ts';
import { api, sessionStore, type DataRuntime } from '../../app/runtime.ts';

const LOGOUT_CALL_TIMEOUT_MS = 3000;

/**
 * Logs out on this device: revokes the refresh token when the server is reachable (best effort),
 * stops replication, wipes the local database, the caches of its data (Today) and the session,
 * then reloads to a clean login.
 * Callers must have checked `pending === 0` or had the user confirm losing unsynced writes.
 */
export async function logoutAndWipe(data: DataRuntime): Promise<void> {
  const session = sessionStore.get();
  // Replication stops first: the logout ends this session's access token and its change stream
  // at once, which a still-running sync would report as "session ended, log in again".
  await data.sync.stop().catch(() => undefined);
  if (session) {
    await Promise.race([
      api.post('/api/v1/auth/logout', { refresh_token: session.refresh_token }).catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, LOGOUT_CALL_TIMEOUT_MS)),
    ]);
  }
  await data.dbApi.wipeLocalData(data.db);
  clearUserDataCaches();
  sessionStore.set(null);
  location.assign('/');
}
