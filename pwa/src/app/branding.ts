import { BASE_URL } from './runtime.ts';

/** Where this device remembers its dealership's logo address, for the login screen (no data, only a public image). */
const KEY = 'lotbook.dealershipLogo';

/** The logo's full address from the `logo_url` the server gives (`/api/v1/dealership-logos/…?v=…`), or null. */
export function logoSrc(url: string | null | undefined): string | null {
  return url && url.startsWith('/api/v1/dealership-logos/') ? `${BASE_URL}${url}` : null;
}

export function rememberLogo(url: string | null | undefined): void {
  try {
    if (logoSrc(url)) globalThis.localStorage?.setItem(KEY, url!);
    else globalThis.localStorage?.removeItem(KEY);
  } catch {
    // Storage full or blocked: the login screen simply shows no logo.
  }
}

export function rememberedLogo(): string | null {
  try {
    return logoSrc(globalThis.localStorage?.getItem(KEY));
  } catch {
    return null;
  }
}
