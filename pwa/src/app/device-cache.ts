/**
 * localStorage keys that hold a copy of the user's data (not settings): logout removes them with
 * the database. The language, theme and device id stay: they belong to the device.
 */
export const TODAY_CACHE_KEY = 'lotbook.today.v1';

export const DASHBOARD_CACHE_KEY = 'lotbook.dashboard.v1';

const USER_DATA_KEYS = [TODAY_CACHE_KEY, DASHBOARD_CACHE_KEY];

export function clearUserDataCaches(storage: Pick<Storage, 'removeItem'> | undefined = globalThis.localStorage): void {
  for (const key of USER_DATA_KEYS) {
    try {
      storage?.removeItem(key);
    } catch {
      // storage unavailable: nothing was kept there
    }
  }
}
