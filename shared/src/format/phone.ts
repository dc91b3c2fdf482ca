import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** The region of a BCP 47 locale ("es-ES" → "ES"), or undefined. */
export function localeRegion(locale: string | undefined): CountryCode | undefined {
  const region = locale?.split(/[-_]/)[1]?.toUpperCase();
  return region && /^[A-Z]{2}$/.test(region) ? (region as CountryCode) : undefined;
}

/**
 * A stored phone (E.164) as people read it: national format for a number of the home country
 * ("612 34 56 78" in Spain), international otherwise ("+56 9 6123 4567"); the text as stored when
 * it is not a phone number libphonenumber knows.
 */
export function formatPhone(phone: string | null | undefined, homeCountry: CountryCode | undefined): string {
  if (!phone) return '';
  const p = parsePhoneNumberFromString(phone, homeCountry ?? 'ES');
  if (!p || !p.isPossible()) return phone;
  let home: string | undefined;
  try {
    home = homeCountry ? getCountryCallingCode(homeCountry) : undefined;
  } catch {
    home = undefined;
  }
  return home && p.countryCallingCode === home ? p.formatNational() : p.formatInternational();
}
