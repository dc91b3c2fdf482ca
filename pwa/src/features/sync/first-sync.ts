import { useSyncStatus } from '../../app/hooks.ts';

/**
 * True once this device finished one full download for the logged-in user. The data layer keeps
 * that across reloads, offline starts and follower tabs (src/db/owner.ts), so the first-sync bar
 * only shows over a real first download.
 */
export function useFirstSyncDone(): boolean {
  return useSyncStatus().initial.done;
}
