import { BehaviorSubject } from 'rxjs';

export interface SyncStatus {
  /** navigator.onLine && the last request did not fail with a network error. */
  online: boolean;
  /** The SSE stream is open. */
  connected: boolean;
  /** Local writes not yet acknowledged by the server (a refused write, parked in the inbox, is not). */
  pending: number;
  /** Open conflict-inbox entries: refused or merged writes waiting for the user. */
  conflicts: number;
  /** ISO time of the last successful pull or push. */
  lastSyncAt: string | null;
  error: { code: string; message: string } | null;
  /** First-sync progress (total from the server's first page). */
  initial: { done: boolean; pulled: number; total: number | null };
  /** Refresh token dead: show the login screen, keep data and queue. */
  authRequired: boolean;
  /** The server answered 426: offer the app update. */
  updateRequired: boolean;
  paused: boolean;
}

function browserOnline(): boolean {
  const nav = globalThis.navigator as Navigator | undefined;
  return nav?.onLine ?? true;
}

/** The status as a BehaviorSubject that only emits real changes. */
export class StatusStore {
  private networkUp = true;
  readonly subject = new BehaviorSubject<SyncStatus>({
    online: browserOnline(),
    connected: false,
    pending: 0,
    conflicts: 0,
    lastSyncAt: null,
    error: null,
    initial: { done: false, pulled: 0, total: null },
    authRequired: false,
    updateRequired: false,
    paused: false,
  });

  get value(): SyncStatus {
    return this.subject.getValue();
  }

  patch(p: Partial<SyncStatus>): void {
    const cur = this.value;
    const changed = (Object.keys(p) as (keyof SyncStatus)[]).some((k) => JSON.stringify(cur[k]) !== JSON.stringify(p[k]));
    if (changed) this.subject.next({ ...cur, ...p });
  }

  setNetwork(up: boolean): void {
    this.networkUp = up;
    this.patch({ online: up && browserOnline() });
  }

  /** Re-reads navigator.onLine (on the window's online/offline events). */
  refreshOnline(): void {
    this.patch({ online: this.networkUp && browserOnline() });
  }
}
