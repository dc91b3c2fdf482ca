/**
 * Free-text retrieval over vehicles: Postgres full-text search (the generated `search_vector`,
 * accent-folded, prefix and Spanish-stemmed) fused with pgvector cosine similarity by reciprocal
 * rank fusion, where the extension exists. Without pgvector: full text only, and the answer's
 * metadata says so (`retrieval: "fulltext"`, `embedding_similarity: null`).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { searchQuery } from '../inventory/search.ts';
import { vectorLiteral } from './embed.ts';
import type { Embedder } from './providers/types.ts';

export interface Retrieval {
  mode: 'structured' | 'fulltext' | 'hybrid';
  /** Best cosine similarity among the semantic hits; null when no vector search ran. */
  similarity: number | null;
}

/** RRF's usual constant: a hit's weight is 1 / (K + rank). */
export const RRF_K = 60;
const CANDIDATES = 100;
/** Semantic hits below this cosine similarity are noise for the hashed n-gram embedder. */
export const MIN_SIMILARITY = 0.15;

/** Fuses ranked id lists; scores are scaled to 0..1 (the best is 1). */
export function reciprocalRankFusion(lists: readonly (readonly string[])[], k = RRF_K): { id: string; score: number }[] {
  const score = new Map<string, number>();
  for (const list of lists) list.forEach((id, rank) => score.set(id, (score.get(id) ?? 0) + 1 / (k + rank + 1)));
  const out = [...score].map(([id, s]) => ({ id, score: s })).toSorted((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const best = out[0]?.score ?? 1;
  return out.map((r) => ({ id: r.id, score: Math.round((r.score / best) * 1000) / 1000 }));
}

export async function hybridCandidates(
  db: Database, dealershipId: string, text: string, vector: boolean, embedder: Embedder,
): Promise<{ ranked: { id: string; score: number }[]; retrieval: Retrieval }> {
  const q = searchQuery(text);
  const fts = q
    ? (await db.rows<{ id: string }>(sql`
        select v.id from vehicles v where v.dealership_id = ${dealershipId}::uuid and not v.deleted and v.search_vector @@ ${q}
        order by ts_rank(v.search_vector, ${q}) desc, v.id limit ${CANDIDATES}`)).map((r) => r.id)
    : [];
  if (!vector) return { ranked: reciprocalRankFusion([fts]), retrieval: { mode: 'fulltext', similarity: null } };
  const [embedding] = await embedder.embed([text]);
  const sem = await db.rows<{ id: string; similarity: number }>(sql`
    select e.entity_id as id, 1 - (e.embedding <=> ${vectorLiteral(embedding ?? [])}::vector) as similarity
    from content_embeddings e join vehicles v on v.id = e.entity_id and not v.deleted
    where e.dealership_id = ${dealershipId}::uuid and e.entity_type = 'vehicle' and e.provider = ${embedder.model}
    order by e.embedding <=> ${vectorLiteral(embedding ?? [])}::vector limit ${CANDIDATES}`);
  const good = sem.filter((r) => Number(r.similarity) >= MIN_SIMILARITY);
  return {
    ranked: reciprocalRankFusion([fts, good.map((r) => r.id)]),
    retrieval: { mode: 'hybrid', similarity: good.length > 0 ? Math.round(Number(good[0]?.similarity) * 1000) / 1000 : null },
  };
}
