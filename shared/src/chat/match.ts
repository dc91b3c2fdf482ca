/** Finding lexicon phrases and catalogue names among a question's words, typo-tolerant. Pure. */
import { fuzzyEquals, words } from './text.ts';
import { COMMON_MAKES, MAKE_ALIASES, MODEL_WORD_ALIASES } from './lexicon.ts';
import type { Vocabulary } from './types.ts';

export interface Hit<T> { value: T; at: number; len: number }

function phraseAt(tokens: readonly string[], at: number, phrase: readonly string[], fuzzy: boolean): boolean {
  if (at + phrase.length > tokens.length) return false;
  return phrase.every((w, k) => {
    const t = tokens[at + k] as string;
    return fuzzy ? fuzzyEquals(t, w) : t === w;
  });
}

/** The first (leftmost, then longest) phrase of `lexicon` among `tokens`, skipping used positions. */
export function findIn<T extends string>(
  tokens: readonly string[], lexicon: Readonly<Record<T, readonly string[]>>, used: Set<number>, fuzzy = true,
): Hit<T> | null {
  const entries: { value: T; phrase: string[] }[] = [];
  for (const value of Object.keys(lexicon) as T[]) for (const p of lexicon[value]) entries.push({ value, phrase: words(p) });
  entries.sort((a, b) => b.phrase.length - a.phrase.length);
  for (let at = 0; at < tokens.length; at++) {
    if (used.has(at)) continue;
    // Exact matches win over fuzzy ones at the same position.
    for (const pass of fuzzy ? [false, true] : [false]) {
      for (const e of entries) {
        if (phraseAt(tokens, at, e.phrase, pass)) return { value: e.value, at, len: e.phrase.length };
      }
    }
  }
  return null;
}

export function markUsed(used: Set<number>, hit: Hit<unknown> | null): void {
  if (hit) for (let k = 0; k < hit.len; k++) used.add(hit.at + k);
}

/** Words that look like a make but are ordinary words in a question. */
const NOT_A_MAKE = new Set(['seats', 'open', 'mini']);

export interface CatalogueHit { make?: string; model?: string; positions: number[] }

/** The make and model a question names, matched against the vocabulary (typos allowed on long words). */
export function findCatalogue(tokens: readonly string[], vocab: Vocabulary, used: Set<number>): CatalogueHit {
  const makes = new Map<string, string>();
  for (const m of [...COMMON_MAKES, ...vocab.makes]) makes.set(words(m).join(' '), m);
  for (const [alias, m] of Object.entries(MAKE_ALIASES)) makes.set(alias, m);
  const out: CatalogueHit = { positions: [] };

  const makeLex: Record<string, string[]> = {};
  for (const [phrase, m] of makes) (makeLex[m] ??= []).push(phrase);
  const makeHit = findIn(tokens.map((t) => (NOT_A_MAKE.has(t) ? '\u0000' : t)), makeLex, used);
  if (makeHit) {
    out.make = makeHit.value;
    markUsed(used, makeHit);
    for (let k = 0; k < makeHit.len; k++) out.positions.push(makeHit.at + k);
  }

  // Models: longest first; a model made only of digits ("2008", "500") needs its make right before it.
  const models = [...vocab.models]
    .filter((m) => !out.make || m.make === out.make)
    .map((m) => ({ ...m, phrase: words(m.model).map((w) => MODEL_WORD_ALIASES[w] ?? w) }))
    .toSorted((a, b) => b.phrase.length - a.phrase.length || b.model.length - a.model.length);
  const aliased = tokens.map((t) => MODEL_WORD_ALIASES[t] ?? t);
  for (const pass of [false, true]) {
    for (let at = 0; at < aliased.length; at++) {
      if (used.has(at)) continue;
      for (const m of models) {
        if (!phraseAt(aliased, at, m.phrase, pass)) continue;
        const numeric = m.phrase.every((w) => /^\d+$/.test(w));
        if (numeric && !(makeHit && makeHit.at + makeHit.len === at && m.make === out.make)) continue;
        // A one-letter model word ("Clase A", "Model Y") only counts inside its full phrase; plain "a" is not a model.
        if (m.phrase.length === 1 && (m.phrase[0] as string).length < 2) continue;
        out.model = m.model;
        out.make ??= m.make;
        for (let k = 0; k < m.phrase.length; k++) { used.add(at + k); out.positions.push(at + k); }
        return out;
      }
    }
  }
  return out;
}
