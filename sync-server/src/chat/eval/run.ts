/**
 * `pnpm eval:chat`: the golden questions against the demo seed on an in-memory PGlite, answered by
 * the local default (server path) and by the device path (the shared tools over the data a device
 * of that user holds). Prints accuracy overall, per kind and per language. Not a timing.
 */
import { sql } from 'drizzle-orm';
import { runLocalTool, parseQuestion, renderAnswer, sourcesOf, listedIds, answerableOnDevice, vocabularyOf, type LocalData, type ParsedQuestion } from '@lotbook/shared';
import type { AuthUser } from '../../context.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { seedDealership, seedDemo } from '../../seed/index.ts';
import { localEmbedder, localProvider } from '../providers/local.ts';
import type { ConversationState } from '../providers/types.ts';
import { ToolRunner } from '../tools.ts';
import { GOLDEN, MAX, type GoldenCase, type Reply, type Who, type World } from './golden.ts';

const iso = (x: unknown) => (x === null ? null : new Date(String(x instanceof Date ? x.toISOString() : x)).toISOString());

type Tally = Map<string, { ok: number; n: number }>;
const add = (t: Tally, k: string, ok: boolean) => { const v = t.get(k) ?? { ok: 0, n: 0 }; v.n++; if (ok) v.ok++; t.set(k, v); };
const pct = (v: { ok: number; n: number }) => `${((100 * v.ok) / Math.max(1, v.n)).toFixed(1)}% (${v.ok}/${v.n})`;

async function main() {
  const db = await openDatabase({ dataDir: 'memory://' });
  const { vector } = await migrate(db);
  const demo = await seedDemo(db, { scale: 'small' });
  const other = await seedDealership(db, { name: 'Otro Concesionario', emailDomain: 'otro.example', scale: 'tiny' });
  const users = await db.rows<AuthUser>(sql`select id, dealership_id, role, email from users`);
  const byEmail = (e: string) => { const u = users.find((x) => x.email === e); if (!u) throw new Error(e); return u; };
  const otroManager = users.find((u) => u.dealership_id === other.dealership_id && u.role === 'manager');
  if (!otroManager) throw new Error('no manager in the other dealership');
  const who: Record<Who, AuthUser> = { ana: byEmail('ana@demo.example'), gerente: byEmail('gerente@demo.example'), visor: byEmail('visor@demo.example'), otro: otroManager };
  const world: World = {
    db, demo: demo.dealership_id, other: other.dealership_id, ids: { ana: who.ana.id, gerente: who.gerente.id, visor: who.visor.id, otro: otroManager.id },
    demoVehicleIds: new Set((await db.rows<{ id: string }>(sql`select id from vehicles where dealership_id = ${demo.dealership_id}::uuid`)).map((r) => r.id)),
    demoLeadIds: new Set((await db.rows<{ id: string }>(sql`select id from leads where dealership_id = ${demo.dealership_id}::uuid`)).map((r) => r.id)),
  };

  // What each user's device holds (the sync scope: a salesperson has their own and unassigned leads and their own sales).
  async function deviceData(u: AuthUser): Promise<LocalData> {
    const d = u.dealership_id;
    const sales = u.role === 'sales';
    const vehicles = await db.rows<LocalData['vehicles'][number] & { acquired_at: unknown }>(sql`select * from vehicles where dealership_id = ${d}::uuid and not deleted`);
    const leads = await db.rows<NonNullable<LocalData['leads']>[number]>(sql`select * from leads where dealership_id = ${d}::uuid and not deleted ${sales ? sql`and (assigned_to = ${u.id}::uuid or assigned_to is null)` : sql``}`);
    return {
      vehicles: vehicles.map((v) => ({ ...v, price: Number(v.price), promo_price: v.promo_price === null ? null : Number(v.promo_price), acquired_at: iso(v.acquired_at) as string })),
      leads: leads.map((l) => ({ ...l, first_response_at: iso(l.first_response_at) })),
      customers: await db.rows(sql`select id, first_name, last_name from customers where dealership_id = ${d}::uuid`),
      activities: (await db.rows<{ lead_id: string; due_at: unknown; done: boolean }>(sql`select lead_id, due_at, done from lead_activities where dealership_id = ${d}::uuid and not deleted and not done`)).map((a) => ({ ...a, due_at: iso(a.due_at) })),
      sales: (await db.rows<{ id: string; vehicle_id: string; salesperson_id: string; sale_price: number; status: 'completed'; sale_date: unknown }>(sql`select id, vehicle_id, salesperson_id, sale_price, status, sale_date from sales where dealership_id = ${d}::uuid and not deleted ${sales ? sql`and salesperson_id = ${u.id}::uuid` : sql``}`))
        .map((s) => ({ ...s, sale_price: Number(s.sale_price), sale_date: iso(s.sale_date) as string })),
    };
  }
  const devices = new Map<Who, LocalData>();
  for (const w of Object.keys(who) as Who[]) devices.set(w, await deviceData(who[w]));

  const provider = localProvider();
  const server = { all: new Map() as Tally, kind: new Map() as Tally, lang: new Map() as Tally };
  const device = { all: new Map() as Tally, kind: new Map() as Tally, lang: new Map() as Tally };
  let needsServer = 0;
  const failures: string[] = [];
  let serverState: ConversationState | null = null;
  let deviceState: { parsed: ParsedQuestion | null; listed: string[] } | null = null;

  for (const c of GOLDEN as GoldenCase[]) {
    if (!c.follow) { serverState = null; deviceState = null; }
    const check = await c.truth(world);
    const user = who[c.who];
    const tools = new ToolRunner(db, user, vector, localEmbedder, { includeInventory: true, includeLeads: true, maxResults: MAX });
    const res = await provider.answer({ question: c.q, lang: c.lang, previous: serverState, history: [], tools, onToken: () => undefined });
    serverState = res.state;
    const ok = check({ content: res.content, sources: res.sources });
    add(server.all, 'all', ok); add(server.kind, c.kind, ok); add(server.lang, c.lang, ok);
    if (!ok) failures.push(`server [${c.lang}/${c.kind}] ${c.q}\n    -> ${res.content.split('\n')[0]}`);

    const data = devices.get(c.who) as LocalData;
    const parsed = parseQuestion(c.q, vocabularyOf(data.vehicles), deviceState?.parsed ?? null, c.lang);
    if (!answerableOnDevice(parsed.intent, user.role)) { needsServer++; deviceState = { parsed, listed: [] }; continue; }
    const result = runLocalTool(parsed.intent, data, { now: new Date(), timeZone: 'Europe/Madrid', userId: user.id, role: user.role, maxResults: MAX, previousIds: deviceState?.listed ?? [] });
    const detail = parsed.intent.kind === 'vehicle_detail';
    deviceState = { parsed: detail ? (deviceState?.parsed ?? parsed) : parsed, listed: detail ? (deviceState?.listed ?? []) : listedIds(result) };
    const reply: Reply = { content: renderAnswer(parsed.lang, result), sources: sourcesOf(result) };
    const dok = check(reply);
    add(device.all, 'all', dok); add(device.kind, c.kind, dok); add(device.lang, c.lang, dok);
    if (!dok) failures.push(`device [${c.lang}/${c.kind}] ${c.q}\n    -> ${reply.content.split('\n')[0]}`);
  }

  const es = GOLDEN.filter((c) => c.lang === 'es').length;
  const lines = [
    `golden questions: ${GOLDEN.length} (${es} es, ${GOLDEN.length - es} en); pgvector: ${vector ? 'yes' : 'no'}`,
    `local default (server path): ${pct(server.all.get('all') ?? { ok: 0, n: 0 })}`,
    ...[...server.lang].map(([k, v]) => `  ${k}: ${pct(v)}`),
    ...[...server.kind].map(([k, v]) => `  ${k}: ${pct(v)}`),
    `device path: ${pct(device.all.get('all') ?? { ok: 0, n: 0 })} of the questions a device answers; ${needsServer} need the server (said so)`,
    ...[...device.lang].map(([k, v]) => `  ${k}: ${pct(v)}`),
    ...[...device.kind].map(([k, v]) => `  ${k}: ${pct(v)}`),
    ...(failures.length ? ['failures:', ...failures.map((f) => `  ${f}`)] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await db.close();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
