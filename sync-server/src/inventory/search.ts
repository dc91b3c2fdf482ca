import { sql, type SQL } from 'drizzle-orm';
import { FOLD } from '../db/schema.ts';

const MAX_TOKENS = 8;
const MAX_TOKEN_LENGTH = 40;

// FOLD is written for SQL text; split it around a marker so the user's text goes in as a parameter.
const MARK = '\u0000term\u0000';
const [FOLD_BEFORE = '', FOLD_AFTER = ''] = FOLD(MARK).split(MARK);

/** Applies the same accent folding as the generated `search_vector` column to a bound parameter. */
export function foldParam(value: string): SQL {
  return sql`${sql.raw(FOLD_BEFORE)}${value}${sql.raw(FOLD_AFTER)}`;
}

/**
 * Splits free text into search tokens: letters and digits only (so no tsquery operator, quote or
 * SQL meta-character survives), lower-cased and NFC-composed so accents fold the same way as in
 * the stored vector. At most 8 tokens of 40 characters.
 */
export function searchTokens(input: string): string[] {
  return input
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, MAX_TOKENS)
    .map((t) => t.slice(0, MAX_TOKEN_LENGTH));
}

/**
 * The tsquery for a search: every token as a prefix on the 'simple' config ("camion" finds
 * "camión", "camioneta"), OR'ed with the Spanish-stemmed plain query ("coches" finds "coche").
 * Returns null when the text holds nothing searchable.
 */
export function searchQuery(input: string): SQL | null {
  const tokens = searchTokens(input);
  if (tokens.length === 0) return null;
  const prefix = tokens.map((t) => `'${t}':*`).join(' & ');
  return sql`(to_tsquery('simple', ${foldParam(prefix)}) || plainto_tsquery('spanish', ${foldParam(tokens.join(' '))}))`;
}
