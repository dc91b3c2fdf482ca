import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { detectLanguage, LANGUAGE_KEY, type Language } from './language.ts';

/**
 * Translations live in `locales/<lang>/<namespace>.json`, one namespace per feature. Every file
 * found there is loaded: a new feature adds its JSON files and uses `useTranslation('<feature>')`,
 * with no edit here. They are bundled eagerly (a few KB gzipped) so screens never flash keys and
 * the app works offline on first paint.
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

function buildResources(): Resource {
  const resources: Resource = {};
  for (const [path, content] of Object.entries(files)) {
    const match = /\/locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(path);
    if (!match) continue;
    const [, lng = '', ns = ''] = match;
    resources[lng] = { ...resources[lng], [ns]: content };
  }
  return resources;
}

const resources = buildResources();
export const NAMESPACES = Object.keys(resources.es ?? {});

void i18n.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['es', 'en'],
  ns: NAMESPACES,
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

function applyToDocument(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

/** Switches the UI language and remembers the choice on this device. */
export async function setLanguage(lng: Language): Promise<void> {
  globalThis.localStorage?.setItem(LANGUAGE_KEY, lng);
  await i18n.changeLanguage(lng);
}

export { i18n };
