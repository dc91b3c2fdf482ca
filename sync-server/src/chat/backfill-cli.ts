/** `pnpm --filter @lotbook/sync-server chat:embeddings`: embeds every vehicle now (the backfill command). */
import { sql } from 'drizzle-orm';
import { loadEnv } from '../env.ts';
import { createContext } from '../server.ts';
import { backfillEmbeddings } from './embeddings.ts';
import { providerFor } from './providers/index.ts';

async function main() {
  const ctx = await createContext(loadEnv());
  if (!ctx.vector) {
    process.stdout.write('pgvector is not available on this database: nothing to embed (the chat uses full-text search).\n');
  } else {
    const embedder = providerFor(ctx).embedder;
    const n = await backfillEmbeddings(ctx.db, embedder);
    await ctx.db.rows(sql`delete from embedding_queue`);
    process.stdout.write(`embedded ${n} vehicles with ${embedder.model}\n`);
  }
  await ctx.changes.stop();
  await ctx.db.close();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
