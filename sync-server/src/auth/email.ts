/**
 * The one email normalization of the login path: the throttle's key and the account lookup's
 * key (account.ts) are both this value, so no spelling of an address can log in while the
 * address is locked.
 *
 * NFKC folds compatibility forms (full-width letters, the Kelvin sign K) into their plain
 * letters; then JavaScript's full Unicode lower-casing. `İ` (U+0130) becomes `i̇` (i plus a
 * combining dot), which is not `i`: it names another address, never the `i` account, even on a
 * Postgres whose `lower()` maps it to `i` (the lookup re-checks in JS). `ß` stays `ß`.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
