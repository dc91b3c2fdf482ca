import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { fold } from '../inventory/fold.ts';

/** E.164 form of a phone typed by hand (Spain by default), or null when it is not a valid number. */
export function normalizePhone(raw: string): string | null {
  const p = parsePhoneNumberFromString(raw.trim(), 'ES');
  return p && p.isValid() ? p.number : null;
}

/** Accent- and case-insensitive full name, to spot a customer typed twice. */
export function nameKey(first: string, last: string): string {
  return fold(`${first.trim()} ${last.trim()}`).replace(/\s+/g, ' ');
}
