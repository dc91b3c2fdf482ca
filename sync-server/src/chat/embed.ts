/**
 * The local default embedder: deterministic hashed word and character-trigram features, folded
 * (no accents, lower case), projected into 256 dimensions with a sign hash and L2-normalised. It
 * is not a language model: it finds records that share words or spellings ("toyta" still shares
 * most trigrams with "toyota"), which is what a lot search needs. Named honestly in model_version.
 */
import { fold } from '@lotbook/shared';

export const EMBEDDING_DIMENSIONS = 256;
export const LOCAL_EMBEDDING_MODEL = 'lotbook-hashed-ngrams-256-v1';

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function embedLocal(text: string): number[] {
  const v = new Float64Array(EMBEDDING_DIMENSIONS);
  const tokens = fold(text).split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    v[h % EMBEDDING_DIMENSIONS] = (v[h % EMBEDDING_DIMENSIONS] ?? 0) + ((h >>> 16) & 1 ? weight : -weight);
  };
  for (const t of tokens) {
    add(`w:${t}`, 1);
    const padded = `^${t}$`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.5);
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Array.from(v, (x) => Math.round((x / norm) * 1e6) / 1e6);
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y; na += x * x; nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** pgvector's text form. */
export function vectorLiteral(v: readonly number[]): string {
  return `[${v.join(',')}]`;
}
