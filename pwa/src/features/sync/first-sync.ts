import { useEffect } from 'react';
import { useRequiredSession, useSyncStatus } from '../../app/hooks.ts';

const KEY = 'lotbook.firstSyncDone';

/**
 * True once this device finished one full download for the logged-in user. The replication's
 * `initial.done` restarts as false on every page load (and stays false offline or in a tab that
 * is not the sync leader), which would show the first-sync bar over data that is already here.
 */
export function useFirstSyncDone(): boolean {
  const { user } = useRequiredSession();
  const { initial } = useSyncStatus();
  const remembered = globalThis.localStorage?.getItem(KEY) === user.id;
  useEffect(() => {
    if (initial.done && !remembered) localStorage.setItem(KEY, user.id);
  }, [initial.done, remembered, user.id]);
  return initial.done || remembered;
}

/** Forget it on logout (the local data is wiped). */
export function forgetFirstSync(): void {
  localStorage.removeItem(KEY);
}
