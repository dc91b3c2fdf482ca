/**
 * Keeping `content_embeddings` fresh: a trigger queues changed vehicles (drizzle/0008_chat.sql),
 * `drainEmbeddingQueue` embeds a batch, `backfillEmbeddings` embeds everything (the backfill
 * command, and the first start on a seeded database). Without pgvector the queue is just emptied.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { Embedder } from './providers/types.ts';
import { vectorLiteral } from './embed.ts';

interface VehicleText {
  id: string; dealership_id: string; make: string; model: string; trim: string | null; year: number; color: string | null;
  body_type: string; fuel_type: string; transmission: string; description: string; features: Record<string, unknown>; deleted: boolean;
}

/** The text a vehicle is embedded from (record text is data: it is only ever compared, never obeyed). */
export function vehicleContent(v: Omit<VehicleText, 'id' | 'dealership_id' | 'deleted'>): string {
  const features = Object.entries(v.features ?? {}).filter(([, x]) => x === true || typeof x === 'string').map(([k, x]) => (x === true ? k : `${k} ${String(x)}`));
  return [v.make, v.model, v.trim, String(v.year), v.color, v.body_type, v.fuel_type, v.transmission, features.join(' '), v.description].filter(Boolean).join(' ').slice(0, 4000);
}

async function embedVehicles(db: Database, embedder: Embedder, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db.rows<VehicleText>(sql`
    select id, dealership_id, make, model, trim, year, color, body_type, fuel_type, transmission, description, features, deleted
    from vehicles where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  const live = rows.filter((r) => !r.deleted);
  const gone = new Set(ids.filter((id) => !live.some((r) => r.id === id)));
  if (gone.size > 0) await db.rows(sql`delete from content_embeddings where entity_type = 'vehicle' and entity_id in (${sql.join([...gone].map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (live.length === 0) return 0;
  const contents = live.map((r) => vehicleContent(r));
  const vectors = await embedder.embed(contents);
  for (let i = 0; i < live.length; i++) {
    const r = live[i] as VehicleText;
    await db.rows(sql`
      insert into content_embeddings (id, dealership_id, entity_type, entity_id, content, provider, embedding, updated_at)
      values (${`vehicle:${r.id}`}, ${r.dealership_id}, 'vehicle', ${r.id}, ${contents[i] ?? ''}, ${embedder.model}, ${vectorLiteral(vectors[i] ?? [])}::vector, now())
      on conflict (id) do update set content = excluded.content, provider = excluded.provider, embedding = excluded.embedding, updated_at = now()`);
  }
  return live.length;
}

/** Embeds up to `batch` queued records; returns how many queue entries it took. */
export async function drainEmbeddingQueue(db: Database, vector: boolean, embedder: Embedder, batch = 200): Promise<number> {
  const taken = await db.rows<{ entity_type: string; entity_id: string }>(sql`
    delete from embedding_queue where (entity_type, entity_id) in (
      select entity_type, entity_id from embedding_queue order by queued_at limit ${batch}
    ) returning entity_type, entity_id`);
  if (taken.length === 0 || !vector) return taken.length;
  await embedVehicles(db, embedder, taken.filter((t) => t.entity_type === 'vehicle').map((t) => t.entity_id));
  return taken.length;
}

/** Embeds every vehicle (of one dealership, or all); returns how many. */
export async function backfillEmbeddings(db: Database, embedder: Embedder, dealershipId?: string): Promise<number> {
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = await db.rows<{ id: string }>(sql`
      select id from vehicles where not deleted and id > ${after}::uuid
      ${dealershipId ? sql`and dealership_id = ${dealershipId}::uuid` : sql``}
      order by id limit 500`);
    if (ids.length === 0) return done;
    done += await embedVehicles(db, embedder, ids.map((r) => r.id));
    after = (ids[ids.length - 1] as { id: string }).id;
  }
}

/**
 * The refresh job: drains the queue every `everyMs`, and on its first run backfills a database
 * that has vehicles but no embeddings yet (a freshly seeded one). Returns a stop function.
 */
export function startEmbeddingJob(db: Database, vector: boolean, embedder: Embedder, log: Logger, everyMs = 5000): () => void {
  let stopped = false;
  let running = false;
  const isStopped = () => stopped;
  const tick = async (first: boolean) => {
    if (stopped || running) return;
    running = true;
    try {
      if (first && vector) {
        const [row] = await db.rows<{ empty: boolean }>(sql`select not exists (select 1 from content_embeddings) and exists (select 1 from vehicles) as empty`);
        if (row?.empty) log.info({ embedded: await backfillEmbeddings(db, embedder) }, 'chat embeddings backfilled');
      }
      for (let n = 1; n > 0 && !isStopped();) n = await drainEmbeddingQueue(db, vector, embedder);
    } catch (err) {
      if (!stopped) log.warn({ err }, 'chat embedding refresh failed; it will retry');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(false), everyMs);
  timer.unref();
  setTimeout(() => void tick(true), 0).unref();
  return () => { stopped = true; clearInterval(timer); };
}
