/** Text helpers for the chat parser: accent folding, tokens and a small edit distance. Pure. */

/** Lower case, accents removed (ñ kept as n), punctuation other than digits' separators kept. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Folded words: letters and digits, split on anything else ("c-hr" -> ["c", "hr"]). */
export function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at max+1. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...Array<number>(b.length).fill(0)]);
  const row0 = rows[0] as number[];
  for (let j = 0; j <= b.length; j++) row0[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const r = rows[i] as number[];
    const p = rows[i - 1] as number[];
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((p[j] as number) + 1, (r[j - 1] as number) + 1, (p[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      r[j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** How many typos a word of this length may carry and still match: none under 5 letters, 1 under 9, else 2. */
export function typoBudget(word: string): number {
  if (word.length < 5 || /\d/.test(word)) return 0;
  return word.length < 9 ? 1 : 2;
}

/** True iff `typed` is `target` or within the typo budget of `target`. */
export function fuzzyEquals(typed: string, target: string): boolean {
  if (typed === target) return true;
  const budget = Math.min(typoBudget(target), typoBudget(typed));
  return budget > 0 && typed[0] === target[0] && editDistance(typed, target, budget) <= budget;
}
