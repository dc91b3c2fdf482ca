/**
 * `pnpm bench:load`: the sync layer under a busy showroom (issue 17). Bounded in time and count,
 * only against 127.0.0.1:
 * - two server instances (separate Node processes) on one throwaway Postgres database;
 * - N devices, split over each dealership's manager and three salespeople and over both
 *   instances; each holds the change stream and, on every hint, applies the changes it carried
 *   or pulls, as the PWA does (at most one pull per collection in flight, hints meanwhile cause
 *   exactly one more; LOAD_NO_CARRY=1: devices that only pull, as an app not yet updated);
 * - W writes a second (lead notes, car locations) pushed through both instances by the devices.
 * Shapes: `large` (one dealership, N=200, W=50), `group` (10 dealerships x 20 devices x 5 w/s),
 * `small` (50 devices, 10 w/s, the regression check). `pnpm bench:load [large|group|small ...]`.
 * Prints push and pull p50/p95/p99, write -> the same user's other device p50/p95/p99, the share
 * of empty pulls, hints a second, each instance's RSS over time and its growth after warm-up,
 * 5xx answers, lost writes (must be 0) and a convergence check. Figures, not assertions: run it
 * alone and note the load average. LOAD_SECONDS (default 60) sets each shape's measured time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { answerFromCarried, type StreamChanges } from '@lotbook/shared';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDealership } from '../src/seed/index.ts';
import { tokenFor } from '../src/test/fixtures.ts';
import { round, throwawayPostgres } from './bench-utils.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const note = (s: string) => process.stderr.write(`  (${s})\n`);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
/**
 * The server's Node flags in production (Dockerfile and sync-server's `start` script say the same):
 * a 64 MB young generation, so a pull answer shared for a few hundred ms dies young instead of
 * being promoted and growing the old generation under load (issue 17).
 */
const SERVER_NODE_FLAGS = process.env.LOAD_NODE_FLAGS ? process.env.LOAD_NODE_FLAGS.split(' ').filter(Boolean) : ['--max-semi-space-size=64'];
/** LOAD_NO_HINT=1: pulls do not name their change event, so the server never shares an answer (for comparison). */
const NAME_HINTS = !process.env.LOAD_NO_HINT;
/** LOAD_NO_CARRY=1: devices ignore the changes a hint carries and always pull (for comparison). */
const USE_CARRIED = !process.env.LOAD_NO_CARRY;
const WARMUP_S = Math.min(15, Math.round(SECONDS / 4));
const SECRET = 'load-bench-secret-load-bench-secret-0123456789';
const COLLECTIONS = ['leads', 'vehicles'] as const;
type Coll = (typeof COLLECTIONS)[number];
type Doc = Record<string, unknown> & { id: string; version: number };

interface Shape {
  name: string;
  dealerships: number;
  devicesPer: number;
  writesPerSecondPer: number;
}
const SHAPES: Record<string, Shape> = {
  large: { name: 'one large dealership, 200 devices, 50 writes/s', dealerships: 1, devicesPer: 200, writesPerSecondPer: 50 },
  group: { name: 'dealer group, 10 x 20 devices, 10 x 5 writes/s', dealerships: 10, devicesPer: 20, writesPerSecondPer: 5 },
  small: { name: 'regression, 50 devices, 10 writes/s', dealerships: 1, devicesPer: 50, writesPerSecondPer: 10 },
};

function pct(samples: number[]) {
  if (samples.length === 0) return 'none (n=0)';
  const s = [...samples].toSorted((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  return `p50 ${round(at(0.5))} / p95 ${round(at(0.95))} / p99 ${round(at(0.99))} ms (n=${s.length})`;
}

// ---------- server instances ----------
interface Instance {
  proc: ChildProcess;
  url: string;
  port: number;
}

async function startInstance(databaseUrl: string): Promise<Instance> {
  // As deployed (Dockerfile, `pnpm start`): a larger young generation (SERVER_NODE_FLAGS).
  const flags = [...SERVER_NODE_FLAGS, ...(process.env.LOAD_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}`] : [])];
  const proc = spawn(process.execPath, [...flags, '--import', 'tsx', 'src/main.ts'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: SECRET,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
      ENABLE_SCHEDULED_TASKS: 'false',
      // The bench puts up to 50 simulated devices on each of four users.
      SYNC_MAX_STREAMS_PER_USER: '100',
      DATA_DIR: '/tmp/lotbook-load-bench',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('server did not start within 120 s')), 120_000);
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /running at (http:\/\/[\d.]+:\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  proc.stdout!.resume();
  return { proc, url, port: Number(new URL(url).port) };
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

// ---------- HTTP ----------
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Answer {
  status: number;
  body: string;
}

function request(url: string, token: string, device: string, method: 'GET' | 'POST', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: { authorization: `Bearer ${token}`, 'x-device-id': device, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

// ---------- the run's shared record ----------
interface Stats {
  push: number[];
  pull: number[];
  propagation: number[];
  pulls: number;
  emptyPulls: number;
  /** Hints whose carried changes a device applied instead of pulling. */
  carried: number;
  hints: number;
  fivexx: number;
  errors: number;
  conflicts: number;
  reasons: Record<string, number>;
  acked: number;
  measuring: boolean;
}

interface WriteMark {
  at: number;
  userId: string;
  device: string;
}

interface User {
  id: string;
  dealership_id: string;
  role: 'manager' | 'sales';
  email: string;
  token: string;
}

class Device {
  readonly checkpoint: Record<Coll, number>;
  /** The latest state of every document this device saw change during the run. */
  readonly docs: Record<Coll, Map<string, Doc>> = { leads: new Map(), vehicles: new Map() };
  private inFlight: Record<Coll, boolean> = { leads: false, vehicles: false };
  private again: Record<Coll, boolean> = { leads: false, vehicles: false };
  private stream: http.ClientRequest | null = null;
  /** Documents this device writes (disjoint from every other device's), with its own view of them. */
  readonly owned: { c: Coll; doc: Doc }[] = [];
  private next = 0;

  constructor(
    readonly name: string,
    readonly user: User,
    readonly base: string,
    seq: number,
    private readonly stats: Stats,
    private readonly marks: Map<string, WriteMark>,
  ) {
    this.checkpoint = { leads: seq, vehicles: seq };
  }

  /** The seq of each collection's last change event (0: none since the last resync). */
  private hintSeq: Record<Coll, number> = { leads: 0, vehicles: 0 };
  /** What the last change events carried, oldest first (as the PWA, pwa/src/db/sync/start.ts). */
  private changes: Record<Coll, StreamChanges[]> = { leads: [], vehicles: [] };

  /** The pull's answer from the device's checkpoint out of the carried changes, or null (as the PWA). */
  private fromCarried(c: Coll): { documents: Doc[]; seq: number } | null {
    return answerFromCarried(this.changes[c], this.checkpoint[c], this.hintSeq[c]) as { documents: Doc[]; seq: number } | null;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = http.get(`${this.base}/sync/v1/stream${USE_CARRIED ? '?changes=1' : ''}`, { headers: { authorization: `Bearer ${this.user.token}`, 'x-device-id': this.name } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
        res.setEncoding('utf8');
        let buf = '';
        res.on('data', (chunk: string) => {
          buf += chunk;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            if (event === 'resync') {
              // As the PWA: what was missed while disconnected comes from a fresh query, not a shared answer.
              this.hintSeq = { leads: 0, vehicles: 0 };
              this.changes = { leads: [], vehicles: [] };
              resolve();
            }
            if (event !== 'change') continue;
            this.stats.hints += 1;
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            const hint = data ? (JSON.parse(data) as { collection: string; checkpoint?: { seq?: number }; changes?: StreamChanges }) : { collection: '' };
            const c = hint.collection;
            if (c === 'leads' || c === 'vehicles') {
              if (typeof hint.checkpoint?.seq === 'number') this.hintSeq[c] = Math.max(this.hintSeq[c], hint.checkpoint.seq);
              if (USE_CARRIED && hint.changes && typeof hint.checkpoint?.seq === 'number' && hint.changes.to >= hint.checkpoint.seq) {
                this.changes[c].push(hint.changes);
                if (this.changes[c].length > 4) this.changes[c].shift();
              }
              this.pull(c);
            }
          }
        });
        res.on('error', () => undefined);
      });
      req.on('error', reject);
      this.stream = req;
    });
  }

  close(): void {
    this.stream?.destroy();
  }

  get busy(): boolean {
    return this.inFlight.leads || this.inFlight.vehicles || this.again.leads || this.again.vehicles;
  }

  /** One pull in flight per collection; hints meanwhile cause exactly one more. */
  pull(c: Coll): void {
    if (this.inFlight[c]) {
      this.again[c] = true;
      return;
    }
    this.inFlight[c] = true;
    void this.pullLoop(c).finally(() => {
      this.inFlight[c] = false;
      if (this.again[c]) {
        this.again[c] = false;
        this.pull(c);
      }
    });
  }

  private async pullLoop(c: Coll): Promise<void> {
    // As the PWA: the change events brought the answer already, no request.
    const local = this.fromCarried(c);
    if (local) {
      if (this.stats.measuring) this.stats.carried += 1;
      this.apply(c, local.documents);
      this.checkpoint[c] = local.seq;
      return;
    }
    for (;;) {
      const t0 = performance.now();
      let res: Answer;
      try {
        // As the PWA (pwa/src/db/sync/replication.ts): a pull caused by a change event names its seq.
        const hinted = NAME_HINTS && this.hintSeq[c] > this.checkpoint[c] ? `&hint=${this.hintSeq[c]}` : '';
        res = await request(`${this.base}/sync/v1/${c}/pull?seq=${this.checkpoint[c]}&limit=500${hinted}`, this.user.token, this.name, 'GET');
      } catch {
        this.stats.errors += 1;
        return;
      }
      const ms = performance.now() - t0;
      if (res.status >= 500) this.stats.fivexx += 1;
      if (res.status !== 200) return;
      const page = JSON.parse(res.body) as { documents: Doc[]; checkpoint: { seq: number } };
      if (this.stats.measuring) {
        this.stats.pull.push(ms);
        this.stats.pulls += 1;
        if (page.documents.length === 0) this.stats.emptyPulls += 1;
      }
      this.apply(c, page.documents);
      this.checkpoint[c] = page.checkpoint.seq;
      if (page.documents.length < 500) return;
    }
  }

  /** Stores pulled documents; a write of this user's from another device counts its propagation. */
  private apply(c: Coll, documents: Doc[]): void {
    const now = performance.now();
    for (const d of documents) {
      this.docs[c].set(d.id, d);
      const marker = c === 'leads' ? d.notes : d.lot_location;
      const mark = typeof marker === 'string' ? this.marks.get(marker) : undefined;
      if (mark && this.stats.measuring && mark.userId === this.user.id && mark.device !== this.name) this.stats.propagation.push(now - mark.at);
    }
  }

  /** Pushes one change to the next document it owns. */
  async write(seqNo: number): Promise<void> {
    if (this.owned.length === 0) return;
    const slot = this.owned[this.next++ % this.owned.length]!;
    const { c, doc } = slot;
    const marker = `L${seqNo}`;
    const next = { ...doc, ...(c === 'leads' ? { notes: marker } : { lot_location: marker.slice(0, 40) }) };
    const at = performance.now();
    this.marks.set(c === 'leads' ? marker : marker.slice(0, 40), { at, userId: this.user.id, device: this.name });
    let res: Answer;
    try {
      res = await request(`${this.base}/sync/v1/${c}/push`, this.user.token, this.name, 'POST', JSON.stringify([{ assumedMasterState: doc, newDocumentState: next }]));
    } catch {
      this.stats.errors += 1;
      return;
    }
    if (this.stats.measuring) this.stats.push.push(performance.now() - at);
    if (res.status >= 500) this.stats.fivexx += 1;
    if (res.status !== 200) return;
    const conflicts = JSON.parse(res.body) as Doc[];
    if (conflicts.length === 0) {
      this.stats.acked += 1;
      slot.doc = { ...next, version: Number(doc.version) + 1 };
      lastAcked.set(doc.id, c === 'leads' ? marker : marker.slice(0, 40));
    } else {
      this.stats.conflicts += 1;
      const server = conflicts[0]!;
      const why = (server._rejection as { reason?: string } | undefined)?.reason ?? 'unknown';
      this.stats.reasons[why] = (this.stats.reasons[why] ?? 0) + 1;
      if (!server._deleted) slot.doc = server;
    }
  }
}

/** Per document, the marker of the last write the server acknowledged: what it must hold at the end. */
const lastAcked = new Map<string, string>();

async function usersOf(db: Database, dealershipId: string): Promise<User[]> {
  const rows = await db.rows<{ id: string; dealership_id: string; role: 'manager' | 'sales'; email: string }>(sql`
    SELECT id::text, dealership_id::text, role, email FROM users
    WHERE dealership_id = ${dealershipId}::uuid AND role IN ('manager', 'sales') AND is_active ORDER BY role, email LIMIT 4`);
  return Promise.all(rows.map(async (u) => ({ ...u, token: await tokenFor(u, SECRET, 6 * 3600) })));
}

async function fullPull(base: string, user: User, c: Coll): Promise<Map<string, Doc>> {
  const docs = new Map<string, Doc>();
  let seq = 0;
  for (;;) {
    const res = await request(`${base}/sync/v1/${c}/pull?seq=${seq}&limit=1000`, user.token, `setup-${user.id}`, 'GET');
    const page = JSON.parse(res.body) as { documents: Doc[]; checkpoint: { seq: number } };
    if (page.documents.length === 0) return docs;
    for (const d of page.documents) docs.set(d.id, d);
    seq = page.checkpoint.seq;
  }
}

async function runShape(key: string, shape: Shape): Promise<void> {
  const pgdb = await throwawayPostgres('lotbook_load');
  if (!pgdb) return;
  const db = await openDatabase({ databaseUrl: pgdb.url, poolSize: 4 });
  const instances: Instance[] = [];
  const devices: Device[] = [];
  try {
    await migrate(db);
    const dealerships: string[] = [];
    for (let i = 0; i < shape.dealerships; i++) {
      const s = await seedDealership(db, { name: `Carga ${i + 1}`, slug: `carga${i + 1}`, scale: 'small' });
      dealerships.push(s.dealership_id);
    }
    note(`seeded ${shape.dealerships} dealership(s)`);
    instances.push(await startInstance(pgdb.url), await startInstance(pgdb.url));
    note('two instances up');
    const seq = (await db.rows<{ seq: number }>(sql`SELECT last_value::float8 AS seq FROM change_seq`))[0]!.seq;
    const stats: Stats = { push: [], pull: [], propagation: [], pulls: 0, emptyPulls: 0, carried: 0, hints: 0, fivexx: 0, errors: 0, conflicts: 0, reasons: {}, acked: 0, measuring: false };
    const marks = new Map<string, WriteMark>();
    const byDealership: Device[][] = [];
    for (const dealershipId of dealerships) {
      const users = await usersOf(db, dealershipId);
      const mine: Device[] = [];
      for (let i = 0; i < shape.devicesPer; i++) {
        const user = users[i % users.length]!;
        mine.push(new Device(`load-${dealershipId.slice(0, 8)}-${i}`, user, instances[i % 2]!.url, seq, stats, marks));
      }
      // Each device writes its own documents: its user's leads and a share of the cars.
      const cars = [...(await fullPull(instances[0]!.url, users[0]!, 'vehicles')).values()].filter((v) => !v._deleted && v.status !== 'sold');
      for (const user of users) {
        const ds = mine.filter((d) => d.user.id === user.id);
        const leads = [...(await fullPull(instances[0]!.url, user, 'leads')).values()].filter((l) => !l._deleted && l.assigned_to === user.id);
        leads.forEach((l, i) => ds[i % ds.length]!.owned.push({ c: 'leads', doc: l }));
      }
      cars.forEach((v, i) => mine[i % mine.length]!.owned.push({ c: 'vehicles', doc: v }));
      byDealership.push(mine);
      devices.push(...mine);
    }
    note(`${devices.length} devices ready, connecting streams`);
    // Connect in small waves, as devices would over a minute.
    for (let i = 0; i < devices.length; i += 20) await Promise.all(devices.slice(i, i + 20).map((d) => d.open()));

    out(`\n## ${key}: ${shape.name} (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    const rss: { t: number; mb: number[] }[] = [];
    const started = performance.now();
    const sample = () => rss.push({ t: (performance.now() - started) / 1000, mb: instances.map((s) => rssMb(s.proc.pid!)) });
    sample();
    const rssTimer = setInterval(sample, 5000);
    // Writers: each dealership pushes writesPerSecondPer, spread evenly, from its devices in turn.
    let n = 0;
    const writers = byDealership.map((mine, k) => {
      let turn = 0;
      const every = 1000 / shape.writesPerSecondPer;
      return setInterval(() => {
        const d = mine[turn++ % mine.length]!;
        void d.write(n++ * 100 + k);
      }, every);
    });
    const warm = setTimeout(() => (stats.measuring = true), WARMUP_S * 1000);
    await new Promise((r) => setTimeout(r, (SECONDS + WARMUP_S) * 1000));
    stats.measuring = false;
    writers.forEach(clearInterval);
    clearTimeout(warm);
    // Quiesce: let every pull in flight finish, then one last pull everywhere.
    for (let i = 0; i < 60 && devices.some((d) => d.busy); i++) await new Promise((r) => setTimeout(r, 500));
    await new Promise((r) => setTimeout(r, 2000));
    devices.forEach((d) => COLLECTIONS.forEach((c) => d.pull(c)));
    for (let i = 0; i < 60 && devices.some((d) => d.busy); i++) await new Promise((r) => setTimeout(r, 500));
    sample();
    clearInterval(rssTimer);
    const measured = SECONDS;

    // Lost writes: the server must hold every document's last acknowledged change.
    let lost = 0;
    for (const [id, marker] of lastAcked) {
      const r = await db.rows<{ v: string }>(sql`SELECT coalesce((SELECT notes FROM leads WHERE id = ${id}::uuid), (SELECT lot_location FROM vehicles WHERE id = ${id}::uuid)) AS v`);
      if (r[0]?.v !== marker) lost += 1;
    }
    // Convergence: every device holds the server's version of every document it saw change.
    let diverged = 0;
    let checked = 0;
    for (const d of devices) {
      for (const c of COLLECTIONS) {
        for (const [id, doc] of d.docs[c]) {
          if (doc._deleted) continue;
          checked += 1;
          const r = await db.rows<{ version: number }>(sql`SELECT version FROM ${sql.raw(c)} WHERE id = ${id}::uuid`);
          if (Number(r[0]?.version) !== Number(doc.version)) diverged += 1;
        }
      }
    }
    const after = rss.filter((s) => s.t >= WARMUP_S);
    const first = after[0] ?? rss[0]!;
    const last = rss[rss.length - 1]!;
    const minutes = Math.max(1 / 60, (last.t - first.t) / 60);
    out(`push: ${pct(stats.push)}`);
    out(`pull: ${pct(stats.pull)}`);
    out(`write -> the same user's other device: ${pct(stats.propagation)}`);
    out(`pulls: ${stats.pulls} (${round(stats.pulls / measured)}/s), empty: ${round((100 * stats.emptyPulls) / Math.max(1, stats.pulls))}%`);
    out(`hints: ${round(stats.hints / (measured + WARMUP_S))}/s received by devices; answered by the changes they carried (no pull): ${stats.carried} (${round(stats.carried / measured)}/s)${USE_CARRIED ? '' : ' (LOAD_NO_CARRY)'}`);
    out(`writes acknowledged: ${stats.acked}, conflicts: ${stats.conflicts} ${JSON.stringify(stats.reasons)}, 5xx: ${stats.fivexx}, transport errors: ${stats.errors}`);
    out(`RSS MB per instance: ${rss.filter((_, i) => i % 3 === 0 || i === rss.length - 1).map((s) => `${Math.round(s.t)}s ${s.mb.map((m) => Math.round(m)).join('/')}`).join(', ')}`);
    out(`RSS growth after warm-up: ${first.mb.map((m, i) => `${round((last.mb[i]! - m) / minutes)} MB/min`).join(', ')} (last minus first sample)`);
    // The same samples as a least-squares line: a garbage-collected heap rises and falls, and two
    // samples may fall on either side of a collection.
    const slope = (i: number) => {
      const pts = after.map((s) => [s.t / 60, s.mb[i]!] as const);
      const mx = pts.reduce((n, p) => n + p[0], 0) / pts.length;
      const my = pts.reduce((n, p) => n + p[1], 0) / pts.length;
      const den = pts.reduce((n, p) => n + (p[0] - mx) ** 2, 0);
      return den ? pts.reduce((n, p) => n + (p[0] - mx) * (p[1] - my), 0) / den : NaN;
    };
    out(`RSS trend after warm-up (least squares over ${after.length} samples): ${instances.map((_, i) => `${round(slope(i))} MB/min`).join(', ')}`);
    out(`lost writes: ${lost} of ${lastAcked.size} documents; converged: ${diverged === 0 ? 'yes' : `no (${diverged} of ${checked} stale)`} (${checked} device copies checked)`);
    out(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    devices.forEach((d) => d.close());
    lastAcked.clear();
    for (const s of instances) {
      s.proc.kill('SIGTERM');
      await new Promise((r) => s.proc.once('exit', r));
    }
    await db.close();
    await pgdb.drop();
  }
}

const wanted = process.argv.slice(2).filter((a) => a in SHAPES);
out(`bench:load: ${SECONDS} s measured per shape after ${WARMUP_S} s warm-up; two instances on one Postgres; 127.0.0.1 only`);
for (const key of wanted.length ? wanted : Object.keys(SHAPES)) await runShape(key, SHAPES[key]!);
agent.destroy();
