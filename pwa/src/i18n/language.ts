export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_KEY = 'lotbook.lang';

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** The saved choice, else Spanish when the browser prefers any Spanish, else English. */
export function detectLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(LANGUAGE_KEY);
  if (isLanguage(saved)) return saved;
  const preferred = globalThis.navigator?.languages?.[0] ?? globalThis.navigator?.language ?? 'es';
  return preferred.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/**
 * The BCP 47 locale for Intl: the dealership's locale when it is in the chosen language
 * (es-MX stays es-MX), otherwise the language's default region.
 */
export function intlLocale(lng: string, dealershipLocale: string | undefined): string {
  if (dealershipLocale && dealershipLocale.toLowerCase().startsWith(`${lng}-`)) return dealershipLocale;
  return lng === 'es' ? 'es-ES' : 'en-GB';
}
