import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface MigrationResult {
  /** Whether pgvector is available; semantic search is skipped cleanly when it is not. */
  vector: boolean;
}

/**
 * Applies the committed drizzle-kit migrations, then the optional pgvector parts. Safe to run
 * twice, and safe when several instances start at once (a session advisory lock serializes them).
 */
export async function migrate(db: Database): Promise<MigrationResult> {
  if (db.kind === 'postgres') {
    await db.tx(async (tx) => {
      await tx.rows(sql`select pg_advisory_xact_lock(hashtext('lotbook:migrate'))`);
      await migratePg(tx.orm as unknown as NodePgDatabase, { migrationsFolder });
    });
  } else {
    await migratePglite(db.orm as unknown as PgliteDatabase, { migrationsFolder });
  }
  return { vector: await ensureVector(db) };
}

/** The embeddings table needs pgvector; where the extension is missing, it is simply not created. */
async function ensureVector(db: Database): Promise<boolean> {
  try {
    const available = await db.rows<{ ok: boolean }>(
      sql`select exists(select 1 from pg_available_extensions where name = 'vector') as ok`,
    );
    if (!available[0]?.ok) return false;
    await db.rows(sql`create extension if not exists vector`);
    await db.rows(sql`
      create table if not exists content_embeddings (
        id text primary key,
        dealership_id uuid not null,
        entity_type text not null,
        entity_id uuid not null,
        content text not null,
        provider text not null,
        embedding vector(256) not null,
        updated_at timestamptz not null default now()
      )`);
    await db.rows(sql`create index if not exists content_embeddings_hnsw on content_embeddings using hnsw (embedding vector_cosine_ops)`);
    await db.rows(sql`create index if not exists content_embeddings_entity on content_embeddings (dealership_id, entity_type, entity_id)`);
    return true;
  } catch {
    return false;
  }
}
