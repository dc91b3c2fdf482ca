import type { SyncStatus } from '../../db/index.ts';

export type SyncTone = 'ok' | 'pending' | 'offline' | 'error' | 'syncing' | 'auth' | 'attention';

/** The single most important thing to tell the user about sync, in priority order. */
export function syncTone(s: SyncStatus, firstSyncDone: boolean): SyncTone {
  if (s.authRequired) return 'auth';
  // The data layer reports an unreachable server as error code 'offline': not the user's problem.
  if (!s.online || s.error?.code === 'offline') return 'offline';
  if (s.error) return 'error';
  // A refused or contested write waits in the inbox: never "all synced" while one is open.
  if (s.conflicts > 0) return 'attention';
  if (!firstSyncDone) return 'syncing';
  if (s.pending > 0) return 'pending';
  return 'ok';
}
