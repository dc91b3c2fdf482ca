/**
 * Who the local database belongs to, and what the data layer knows about it across page loads.
 *
 * The replication checkpoints are keyed by server, not by user, and the sync scope differs per
 * user: another user's documents must never stay on the device when someone else logs in. The
 * record lives in localStorage (same origin as IndexedDB, readable synchronously by the login
 * screen before the database code is loaded). It holds no secrets.
 */
const KEY = 'lotbook.device_owner';

export interface DeviceOwner {
  user_id: string;
  email: string;
  /** ISO time when a full first download finished for this user on this device, else null. */
  first_sync_done_at: string | null;
  /** Local writes not yet acknowledged by the server, as last seen by the data layer. */
  pending: number;
}

function storage(): Storage | undefined {
  return globalThis.localStorage as Storage | undefined;
}

export function readDeviceOwner(): DeviceOwner | null {
  const raw = storage()?.getItem(KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<DeviceOwner>;
    if (typeof v.user_id !== 'string' || typeof v.email !== 'string') return null;
    return {
      user_id: v.user_id,
      email: v.email,
      first_sync_done_at: typeof v.first_sync_done_at === 'string' ? v.first_sync_done_at : null,
      pending: typeof v.pending === 'number' && v.pending >= 0 ? v.pending : 0,
    };
  } catch {
    return null;
  }
}

function write(owner: DeviceOwner): void {
  storage()?.setItem(KEY, JSON.stringify(owner));
}

/** Records `user` as the owner; keeps the first-sync mark only when it is the same user. */
export function claimDevice(user: { id: string; email: string }): DeviceOwner {
  const cur = readDeviceOwner();
  const next: DeviceOwner = cur?.user_id === user.id
    ? { ...cur, email: user.email }
    : { user_id: user.id, email: user.email, first_sync_done_at: null, pending: 0 };
  write(next);
  return next;
}

/** Updates the owner's record (no-op when `userId` is not the owner). */
export function updateDeviceOwner(userId: string, patch: Partial<Pick<DeviceOwner, 'first_sync_done_at' | 'pending'>>): void {
  const cur = readDeviceOwner();
  if (!cur || cur.user_id !== userId) return;
  if (Object.entries(patch).every(([k, v]) => cur[k as keyof DeviceOwner] === v)) return;
  write({ ...cur, ...patch });
}

/**
 * Calls `cb` when another tab changes the record (the browser's storage event does not fire in the
 * tab that wrote it). A tab that does not replicate (RxDB elects one leader tab) follows the
 * leader's pending count and first-sync mark this way. Returns the unsubscribe function.
 */
export function watchDeviceOwner(cb: (owner: DeviceOwner | null) => void): () => void {
  const target = globalThis as { addEventListener?: (t: string, l: (e: { key: string | null }) => void) => void; removeEventListener?: (t: string, l: (e: { key: string | null }) => void) => void };
  const onStorage = (e: { key: string | null }) => {
    if (e.key === KEY || e.key === null) cb(readDeviceOwner());
  };
  target.addEventListener?.('storage', onStorage);
  return () => target.removeEventListener?.('storage', onStorage);
}

export function clearDeviceOwner(): void {
  storage()?.removeItem(KEY);
}

/**
 * What logging in as `userId` means for the data on this device:
 * - `same`: it is theirs (or there is none): keep it;
 * - `other`: it belongs to someone else and is wiped first; `pending` of their writes were not
 *   sent yet and would be lost, so the UI asks before going on when it is above zero.
 */
export function ownershipFor(userId: string): { kind: 'same' } | { kind: 'other'; owner: DeviceOwner } {
  const cur = readDeviceOwner();
  if (!cur || cur.user_id === userId) return { kind: 'same' };
  return { kind: 'other', owner: cur };
}
