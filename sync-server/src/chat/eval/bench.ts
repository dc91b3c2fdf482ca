/**
 * `pnpm bench:chat`: prints figures (not a test). Flags: --scale small|large (default large),
 * --vectors 10000,100000 (default), --runs N (default 200).
 * - the local default's first-token and full-answer time, p50/p95, over the golden questions;
 * - similarity search p95 over N random 256-d vectors with the HNSW index, on PGlite;
 * - the device path's answer time (shared parser + tools over in-memory records of every car).
 */
import { sql } from 'drizzle-orm';
import { parseQuestion, renderAnswer, runLocalTool, vocabularyOf, type LocalData } from '@lotbook/shared';
import type { AuthUser } from '../../context.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { seedDemo } from '../../seed/index.ts';
import { vectorLiteral } from '../embed.ts';
import { localEmbedder, localProvider } from '../providers/local.ts';
import { ToolRunner } from '../tools.ts';
import { GOLDEN } from './golden.ts';

const arg = (name: string, def: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? (process.argv[i + 1] ?? def) : def; };
const pick = (xs: number[], q: number) => { const s = xs.toSorted((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };
const ms = (x: number) => `${x.toFixed(1)} ms`;
const QUESTIONS = GOLDEN.filter((c) => !c.follow && c.who !== 'otro').map((c) => c.q);

async function main() {
  const scale = arg('scale', 'large') as 'small' | 'large';
  const runs = Number(arg('runs', '200'));
  const sizes = arg('vectors', '10000,100000').split(',').map(Number);

  const db = await openDatabase({ dataDir: 'memory://' });
  const { vector } = await migrate(db);
  const demo = await seedDemo(db, { scale });
  const [ana] = await db.rows<AuthUser>(sql`select id, dealership_id, role, email from users where email = 'ana@demo.example'`);
  if (!ana) throw new Error('no ana');
  const provider = localProvider();
  const first: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < runs; i++) {
    const q = QUESTIONS[i % QUESTIONS.length] as string;
    const tools = new ToolRunner(db, { ...ana, role: i % 2 ? 'manager' : 'sales' }, vector, localEmbedder, { includeInventory: true, includeLeads: true, maxResults: 10 });
    const t0 = performance.now();
    let t1 = NaN;
    await provider.answer({ question: q, lang: 'es', previous: null, history: [], tools, onToken: () => { if (Number.isNaN(t1)) t1 = performance.now(); } });
    first.push(t1 - t0);
    full.push(performance.now() - t0);
  }
  const out = [`seed: ${scale} (${demo.vehicles} cars); ${runs} questions; pgvector: ${vector ? 'yes' : 'no'}`,
    `local default, first token: p50 ${ms(pick(first, 0.5))}, p95 ${ms(pick(first, 0.95))}`,
    `local default, full answer: p50 ${ms(pick(full, 0.5))}, p95 ${ms(pick(full, 0.95))}`];

  // Device path: every car of the dealership in memory, as the PWA's read model holds them.
  const vehicles = (await db.rows<LocalData['vehicles'][number] & { acquired_at: unknown }>(sql`select * from vehicles where dealership_id = ${demo.dealership_id}::uuid and not deleted`))
    .map((v) => ({ ...v, price: Number(v.price), promo_price: v.promo_price === null ? null : Number(v.promo_price), acquired_at: new Date(String((v.acquired_at as unknown) instanceof Date ? (v.acquired_at as unknown as Date).toISOString() : v.acquired_at)).toISOString() }));
  const data: LocalData = { vehicles, leads: [], customers: [], activities: [], sales: [] };
  const device: number[] = [];
  for (let i = 0; i < runs; i++) {
    const q = QUESTIONS[i % QUESTIONS.length] as string;
    const t0 = performance.now();
    const parsed = parseQuestion(q, vocabularyOf(vehicles), null, 'es');
    renderAnswer(parsed.lang, runLocalTool(parsed.intent, data, { now: new Date(), timeZone: 'Europe/Madrid', userId: ana.id, role: 'sales', maxResults: 10, previousIds: [] }));
    device.push(performance.now() - t0);
  }
  out.push(`device path over ${vehicles.length} cars: p50 ${ms(pick(device, 0.5))}, p95 ${ms(pick(device, 0.95))}`);
  await db.close();

  for (const n of vector ? sizes : []) {
    const vdb = await openDatabase({ dataDir: 'memory://' });
    await migrate(vdb);
    const dealer = demo.dealership_id;
    let seed = 1;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 - 0.5; };
    const rand = () => Array.from({ length: 256 }, rnd);
    for (let i = 0; i < n; i += 500) {
      const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => sql`(${`b:${i + k}`}, ${dealer}::uuid, 'vehicle', gen_random_uuid(), '', 'bench', ${vectorLiteral(rand())}::vector)`);
      await vdb.rows(sql`insert into content_embeddings (id, dealership_id, entity_type, entity_id, content, provider, embedding) values ${sql.join(rows, sql`, `)}`);
    }
    await vdb.rows(sql`analyze content_embeddings`);
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const q = vectorLiteral(rand());
      const t0 = performance.now();
      await vdb.rows(sql`select entity_id from content_embeddings order by embedding <=> ${q}::vector limit 20`);
      times.push(performance.now() - t0);
    }
    out.push(`similarity search, ${n} vectors, HNSW on PGlite: p50 ${ms(pick(times, 0.5))}, p95 ${ms(pick(times, 0.95))}`);
    await vdb.close();
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
