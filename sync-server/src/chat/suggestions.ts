/** Suggested questions per role and language (each one is answered by the local parser). */
import type { ChatLang, Role } from '@lotbook/shared';

const INVENTORY = {
  es: ['¿Qué SUVs Toyota tenemos bajo 40.000 €?', 'Híbridos automáticos del 2021 o más nuevos', '¿Qué coches llevan más de 90 días en stock?'],
  en: ['Which Toyota SUVs do we have under €40,000?', 'Automatic hybrids from 2021 or newer', 'Which cars have been in stock over 90 days?'],
};
const SALES_REP = {
  es: ['¿Qué leads necesitan atención?', 'Mis leads por estado', '¿Cuántos coches vendí este mes?'],
  en: ['Which leads need attention?', 'My leads by status', 'How many cars did I sell this month?'],
};
const MANAGER = {
  es: ['¿Cuántos Camry vendimos este mes?', 'Ventas por marca este año', 'Leads por origen', '¿Qué leads necesitan atención?'],
  en: ['How many Camry did we sell this month?', 'Sales by make this year', 'Leads by source', 'Which leads need attention?'],
};

export function suggestionsFor(role: Role, lang: ChatLang): string[] {
  if (role === 'sales') return [...INVENTORY[lang].slice(0, 2), ...SALES_REP[lang], INVENTORY[lang][2] as string];
  if (role === 'viewer') return [...INVENTORY[lang], MANAGER[lang][0] as string];
  return [...MANAGER[lang], ...INVENTORY[lang]];
}

/** The caller's language from `?lang=`, else Accept-Language, else Spanish. */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): ChatLang {
  if (query === 'es' || query === 'en') return query;
  const first = acceptLanguage?.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'es';
}
