const KEY = 'lotbook.device_id';

/** A stable id per device (browser profile), sent as X-Device-Id. */
export function deviceId(): string {
  const storage = globalThis.localStorage as Storage | undefined;
  const existing = storage?.getItem(KEY);
  if (existing) return existing;
  const id = globalThis.crypto.randomUUID();
  storage?.setItem(KEY, id);
  return id;
}
