/**
 * Accent- and case-insensitive form of a text for local search: "Peugeot 3008 Allure Pack Híbrido"
 * and "hibrido" meet. NFD splits "í" into "i" + a combining mark, which the regex drops.
 */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** The query's words, folded; every word must appear in a vehicle's search text. */
export function searchTokens(q: string): string[] {
  return fold(q).split(/\s+/).filter(Boolean);
}
