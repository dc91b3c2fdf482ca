/**
 * `pnpm bench:first-sync` (issue 16): a new phone's first sync, against its two storage ceilings,
 * in one run. Options: --runs N (3), --only pglite|postgres, --scale small|large (large),
 * --no-build (reuse pwa/dist), --url URL (measure a server already running there, seeded at
 * --scale, instead of starting one per database: for trying a change without reseeding),
 * --e2e-only (step 3 alone: no ceilings, no ratios, no medians; for the same purpose).
 * Postgres is measured too when TEST_DATABASE_URL or BENCH_POSTGRES=1
 * is set (a throwaway database on 127.0.0.1, dropped at the end).
 *
 * Per database: `vite build` of the PWA, the real server (e2e/support/server.ts: a child process on
 * 127.0.0.1 serving pwa/dist, seeded), then per run, each in a fresh on-disk Chromium profile:
 *   3. end to end: a 390x844 page logs in as the manager through the login form; (a) click on
 *      "Entrar" to a VIN typed into the inventory search showing its car; (b) click to every
 *      document in IndexedDB: the app's first-sync bar gone, then confirmed by counting the app's
 *      RxDB Dexie stores (count >= the live documents the server sends, else counted again);
 *   4. the server's pull over HTTP from Node (sequential, the page size the app asked for);
 *   1. raw Dexie bulkPut of the same documents into a fresh IndexedDB (the ceiling);
 *   1b. the same, into stores with the IndexedDB indexes the app's collections have (not a target);
 *   2. RxDB bulkInsert of the same documents with the app's schemas (Dexie storage, no dev mode).
 * Figures only, never assertions; exits non-zero when a step fails or times out.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { COLLECTION_NAMES, COLLECTIONS, SCHEMA_VERSION_PARAM, syncPaths } from '@lotbook/shared';
import { chromium, type BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts';
import { PWA_DIR, startLotbook, type RunningLotbook } from '../e2e/support/server.ts';
import { throwawayPostgres } from '../../sync-server/bench/bench-utils.ts';

const { values: opt } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, only: { type: 'string' }, scale: { type: 'string', default: 'large' }, 'no-build': { type: 'boolean', default: false }, url: { type: 'string' }, 'e2e-only': { type: 'boolean', default: false } },
});
if ((opt.only && !['pglite', 'postgres'].includes(opt.only)) || !['small', 'large'].includes(opt.scale ?? '')) {
  throw new Error('usage: first-sync.bench.ts [--runs N] [--only pglite|postgres] [--scale small|large] [--no-build] [--url URL] [--e2e-only]');
}
const RUNS = Math.max(1, Number(opt.runs) || 3);
const SCALE = opt.scale === 'small' ? 'small' : 'large';
const EMAIL = 'gerente@demo.example';
const PASSWORD = 'demo1234';
const DEFAULT_PAGE = 1000; // the app's pull page when it asks for none we can see
const COUNT_MS = 1000;
const STEP_MS = SCALE === 'large' ? 600_000 : 180_000; // bounds one step; a failure, not a figure
const TOTAL_MS = 3 * 3600_000;
// Chromium resolves no host but 127.0.0.1: the bench talks to nothing else.
const ARGS = [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];
const TARGETS = { e2e: 5000, ofDexie: 0.6, usableMs: 2000, allMs: 35_000, server: 20_000 };

const out = (s: string) => process.stdout.write(`${s}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (r: number) => `${Math.round(r * 100)} %`;
const load = () => execFileSync('uptime', { encoding: 'utf8' }).trim().replace(/^.*load average:\s*/, '');
const median = (xs: number[]) => {
  const s = xs.toSorted((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp() {
  for (const c of cleanups.splice(0).toReversed()) await c().catch((e: unknown) => out(`cleanup: ${(e as Error).message}`));
}

/** A fresh Chromium profile on disk (so IndexedDB is empty and on disk, as on a phone). */
async function freshProfile<T>(options: Parameters<typeof chromium.launchPersistentContext>[1], fn: (ctx: BrowserContext) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'lotbook-first-sync-'));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, args: ARGS, headless: true, locale: 'es-ES', ...options });
  const close = async () => {
    await ctx.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.push(close);
  try {
    return await fn(ctx);
  } finally {
    cleanups.splice(cleanups.indexOf(close), 1);
    await close();
  }
}

async function login(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${res.status}: ${await res.text()}`);
  const { access_token: token } = (await res.json()) as { access_token: string };
  return { authorization: `Bearer ${token}`, 'x-device-id': crypto.randomUUID(), accept: 'application/json' };
}

interface Pulled {
  docs: number;
  ms: number;
  live: Record<string, number>;
  /** The last car in stock the server sends: the inventory search looks for it. */
  car: { id: string; vin: string } | null;
}

/** 4: the manager's full download from Node, collection after collection, page after page. */
async function serverPull(url: string, pageSize: number): Promise<Pulled> {
  const headers = await login(url);
  const r: Pulled = { docs: 0, ms: 0, live: {}, car: null };
  const t0 = performance.now();
  for (const c of COLLECTION_NAMES) {
    r.live[c] = 0;
    for (let seq = 0; ; ) {
      const res = await fetch(`${url}${syncPaths.pull(c)}?seq=${seq}&limit=${pageSize}&${SCHEMA_VERSION_PARAM}=${COLLECTIONS[c].schemaVersion}`, { headers });
      if (!res.ok) throw new Error(`pull ${c} ${res.status}: ${await res.text()}`);
      const page = (await res.json()) as { documents: Record<string, unknown>[]; checkpoint: { seq: number } };
      if (page.documents.length === 0) break;
      r.docs += page.documents.length;
      for (const d of page.documents) {
        if (d._deleted) continue;
        r.live[c] += 1;
        if (c === 'vehicles' && d.status !== 'sold') r.car = { id: String(d.id), vin: String(d.vin) };
      }
      seq = page.checkpoint.seq;
    }
  }
  r.ms = performance.now() - t0;
  return r;
}

/** In the page: documents in the app's RxDB Dexie stores ('rxdb-dexie-<db>--<v>--<collection>'), per collection. */
async function countStored(names: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const info of await indexedDB.databases()) {
    const c = /^rxdb-dexie-.+--\d+--(.+)$/.exec(info.name ?? '')?.[1];
    if (!info.name || !c || !names.includes(c)) continue;
    const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
      const req = indexedDB.open(info.name as string);
      req.addEventListener('upgradeneeded', () => req.transaction?.abort()); // never create what the app has not
      req.addEventListener('success', () => resolve(req.result));
      req.addEventListener('error', () => resolve(null));
      req.addEventListener('blocked', () => reject(new Error('blocked')));
    });
    if (!db) continue;
    try {
      if (!db.objectStoreNames.contains('docs')) continue;
      counts[c] = (counts[c] ?? 0) + (await new Promise<number>((resolve, reject) => {
        const req = db.transaction('docs', 'readonly').objectStore('docs').count();
        req.addEventListener('success', () => resolve(req.result));
        req.addEventListener('error', () => reject(req.error));
      }));
    } finally {
      db.close();
    }
  }
  return counts;
}

interface EndToEnd {
  usableMs: number;
  allMs: number;
  barGoneMs: number;
  pageSize: number | null;
}

/** 3: the real app, built, served by the real server, in a phone-sized page. */
async function endToEnd(url: string, expected: Pulled): Promise<EndToEnd> {
  const car = expected.car;
  if (!car) throw new Error('the seed has no car in stock for the manager');
  return freshProfile({ baseURL: url, viewport: { width: 390, height: 844 }, timezoneId: 'Europe/Madrid' }, async (ctx) => {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    if (process.env.BENCH_DEBUG) {
      // The first download's own timings (bootstrap.ts), per collection.
      await ctx.addInitScript(() => ((globalThis as { BOOT_DEBUG?: boolean }).BOOT_DEBUG = true));
      page.on('console', (m) => {
        if (m.text().startsWith('boot ')) out(`  ${m.text()}`);
      });
    }
    let pageSize: number | null = null;
    page.on('request', (req) => {
      const limit = /\/pull\?.*\blimit=(\d+)/.exec(req.url())?.[1];
      if (limit) pageSize = Math.max(pageSize ?? 0, Number(limit));
    });
    await page.goto('/');
    await page.getByLabel(/correo electrónico/i).fill(EMAIL);
    await page.getByLabel(/^contraseña$/i).fill(PASSWORD);
    // BENCH_PROFILE=file.cpuprofile: the page's main-thread CPU profile from "Entrar" to every document stored.
    const cdp = process.env.BENCH_PROFILE ? await ctx.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    if (process.env.BENCH_DEBUG) out(`  click at page time ${Math.round(await page.evaluate(() => performance.now()))} ms`);
    const t0 = Date.now();
    await page.getByRole('button', { name: /^entrar$/i }).click();
    const search = page.getByRole('searchbox', { name: /buscar en el inventario/i });
    await search.fill(car.vin, { timeout: STEP_MS });
    await page.locator(`[data-testid="vehicle-item"][href="/inventory/${car.id}"]`).waitFor({ timeout: STEP_MS });
    const usableMs = Date.now() - t0;
    if (process.env.BENCH_DEBUG) {
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`));
      out(`  search usable at page time ${Math.round(await page.evaluate(() => performance.now()))} ms; marks: ${marks.join(', ')}`);
    }
    const names = COLLECTION_NAMES.filter((c) => (expected.live[c] ?? 0) > 0);
    // (b) The app's own signal first: the sync chip is on screen and the first-sync bar is gone.
    // Then the stores are counted to confirm it. A count walks every record, on the IndexedDB
    // backend the app writes through (counting every 500 ms during the download took 30-90 s a
    // count on the large seed and slowed the app), so it only starts after that signal, and is
    // repeated every COUNT_MS if the stores are not complete yet.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="sync-chip"]') !== null && document.querySelector('[data-testid="first-sync"]') === null,
      undefined,
      { polling: 100, timeout: STEP_MS },
    );
    const barGoneMs = Date.now() - t0;
    for (;;) {
      const at = Date.now() - t0;
      const counts = await within(page.evaluate(countStored, names), STEP_MS, 'counting stored documents');
      if (process.env.BENCH_DEBUG) out(`  count at ${sec(at)} took ${sec(Date.now() - t0 - at)}: ${JSON.stringify(counts)}`);
      if (names.every((c) => (counts[c] ?? 0) >= (expected.live[c] ?? 0))) {
        if (cdp) writeFileSync(process.env.BENCH_PROFILE as string, JSON.stringify((await cdp.send('Profiler.stop')).profile));
        return { usableMs, allMs: at, barGoneMs, pageSize };
      }
      if (at > STEP_MS) throw new Error(`not every document stored after ${sec(at)}: ${JSON.stringify(counts)} of ${JSON.stringify(expected.live)}`);
      await page.waitForTimeout(COUNT_MS);
    }
  });
}

/** 1 and 2, in a fresh profile: the bench bundle fetches the documents, then writes them twice. */
async function ceilings(url: string, code: string, pageSize: number): Promise<{ docs: number; dexieMs: number; indexedMs: number; rxdbMs: number }> {
  return freshProfile({ bypassCSP: true }, async (ctx) => {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${url}/health/live`);
    await page.addScriptTag({ content: code }); // the server's CSP forbids inline scripts: bypassed here
    const run = page.evaluate(
      ([u, e, p, n]) => (globalThis as unknown as { runCeilings(u: string, e: string, p: string, n: number): Promise<{ docs: number; dexieMs: number; indexedMs: number; rxdbMs: number }> }).runCeilings(u, e, p, n),
      [url, EMAIL, PASSWORD, pageSize] as const,
    );
    return within(run, STEP_MS, 'Dexie and RxDB ceilings');
  });
}

interface Run {
  docs: number;
  dexie: number;
  indexed: number;
  rxdb: number;
  e2e: number;
  usableMs: number;
  allMs: number;
  barGoneMs: number;
  server: number;
}

async function benchDatabase(label: string, env: Record<string, string>, code: string): Promise<void> {
  let t0 = performance.now();
  let server: Pick<RunningLotbook, 'url' | 'exitCode' | 'log'>;
  if (opt.url) {
    out(`\n== ${label}: the server already running at ${opt.url} (load ${load()})`);
    server = { url: opt.url.replace(/\/$/, ''), exitCode: () => null, log: () => '(not started by the bench)' };
  } else {
    out(`\n== ${label}: starting the server with the ${SCALE} seed (load ${load()})`);
    const started = await startLotbook({
      env: { ...env, SEED_SCALE: SCALE, LOGIN_RATE_LIMIT: '10000', SYNC_MAX_STREAMS_PER_USER: '100' },
      timeoutMs: 1_800_000,
    });
    cleanups.push(() => started.stop());
    server = started;
    out(`server ready in ${sec(performance.now() - t0)} at ${server.url}`);
  }
  try {
    t0 = performance.now();
    const expected = await within(serverPull(server.url, DEFAULT_PAGE), STEP_MS, 'warm-up pull');
    out(`manager downloads ${fmt(expected.docs)} documents (${fmt(Object.values(expected.live).reduce((a, b) => a + b, 0))} live): ${JSON.stringify(expected.live)}; warm-up pull ${sec(performance.now() - t0)}; searched car VIN ${expected.car?.vin}`);
    const runs: Run[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const e = await endToEnd(server.url, expected);
      if (opt['e2e-only']) {
        out(`[${label}] run ${i}/${RUNS}: search usable ${sec(e.usableMs)}, all ${fmt(expected.docs)} docs stored ${sec(e.allMs)} = ${fmt((expected.docs / e.allMs) * 1000)} docs/s, first-sync bar gone ${sec(e.barGoneMs)} | load ${load()}`);
        continue;
      }
      const page = e.pageSize ?? DEFAULT_PAGE;
      const s = await within(serverPull(server.url, page), STEP_MS, 'server pull');
      const c = await ceilings(server.url, code, page);
      if (c.docs !== s.docs) out(`  (note: the page fetched ${c.docs} documents, Node ${s.docs})`);
      const r: Run = { docs: s.docs, dexie: (c.docs / c.dexieMs) * 1000, indexed: (c.docs / c.indexedMs) * 1000, rxdb: (c.docs / c.rxdbMs) * 1000, e2e: (s.docs / e.allMs) * 1000, usableMs: e.usableMs, allMs: e.allMs, barGoneMs: e.barGoneMs, server: (s.docs / s.ms) * 1000 };
      runs.push(r);
      out(
        `[${label}] run ${i}/${RUNS}: raw Dexie ${fmt(r.dexie)} docs/s | with the app's indexes ${fmt(r.indexed)} docs/s | RxDB bulkInsert ${fmt(r.rxdb)} docs/s | first sync: search usable ${sec(r.usableMs)}, ` +
          `all ${fmt(r.docs)} docs stored ${sec(r.allMs)} = ${fmt(r.e2e)} docs/s (${pct(r.e2e / r.dexie)} of Dexie, ${pct(r.e2e / r.indexed)} of indexed Dexie, ${pct(r.e2e / r.rxdb)} of RxDB), ` +
          `first-sync bar gone ${sec(r.barGoneMs)} | server pull ${fmt(r.server)} docs/s (page ${page}) | load ${load()}`,
      );
    }
    if (opt['e2e-only']) return;
    const m = (f: (r: Run) => number) => median(runs.map(f));
    const row = (what: string, value: string, target: string, ok?: boolean) => out(`  ${what.padEnd(34)} ${value.padStart(14)}   ${target.padEnd(16)} ${ok === undefined ? '' : ok ? 'ok' : 'MISSED'}`);
    out(`[${label}] MEDIANS of ${runs.length} run(s), ${SCALE} seed, ${fmt(runs[0]?.docs ?? 0)} documents:`);
    row('raw Dexie bulkPut (ceiling)', `${fmt(m((r) => r.dexie))} docs/s`, '');
    row("raw Dexie, the app's indexes", `${fmt(m((r) => r.indexed))} docs/s`, '');
    row('RxDB bulkInsert', `${fmt(m((r) => r.rxdb))} docs/s`, '');
    row('first sync end to end', `${fmt(m((r) => r.e2e))} docs/s`, '>= 5,000', m((r) => r.e2e) >= TARGETS.e2e);
    row('  ratio to raw Dexie (same run)', pct(m((r) => r.e2e / r.dexie)), '>= 60 %', m((r) => r.e2e / r.dexie) >= TARGETS.ofDexie);
    row("  ratio to Dexie with the app's indexes", pct(m((r) => r.e2e / r.indexed)), '');
    row('  ratio to RxDB bulkInsert', pct(m((r) => r.e2e / r.rxdb)), '');
    row('login to usable inventory search', sec(m((r) => r.usableMs)), '<= 2 s', m((r) => r.usableMs) <= TARGETS.usableMs);
    row('login to every document stored', sec(m((r) => r.allMs)), '<= 35 s', m((r) => r.allMs) <= TARGETS.allMs);
    row('server pull over HTTP', `${fmt(m((r) => r.server))} docs/s`, '>= 20,000', m((r) => r.server) >= TARGETS.server);
  } catch (err) {
    out(`server exit code: ${server.exitCode()}; server log tail:\n${server.log().slice(-3000)}`);
    throw err;
  }
}

async function main(): Promise<void> {
  out(`bench:first-sync — ${new Date().toISOString()} — runs ${RUNS}, ${SCALE} seed — load average at start: ${load()}`);
  const dbs: ('pglite' | 'postgres')[] = [];
  if (opt.only !== 'postgres') dbs.push('pglite');
  if (opt.only === 'postgres' || (opt.only !== 'pglite' && (process.env.TEST_DATABASE_URL || process.env.BENCH_POSTGRES === '1'))) dbs.push('postgres');
  if (!opt['no-build']) {
    out('vite build (production, no dev mode)…');
    execFileSync(process.execPath, [join(PWA_DIR, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: PWA_DIR, stdio: 'inherit', timeout: 900_000 });
  }
  const bundle = await build({
    configFile: false,
    logLevel: 'warn',
    build: { write: false, minify: true, lib: { entry: fileURLToPath(new URL('./first-sync-entry.ts', import.meta.url)), formats: ['iife'], name: 'firstSyncBench' } },
  });
  const code = ((Array.isArray(bundle) ? bundle[0] : bundle) as { output: { code?: string }[] }).output[0]?.code ?? '';
  if (opt.url) {
    await benchDatabase(`server at ${opt.url}`, {}, code);
    dbs.length = 0;
  }
  for (const db of dbs) {
    if (db === 'pglite') await benchDatabase('PGlite', {}, code);
    else await benchPostgres(code);
    await cleanUp(); // this database's server (and throwaway Postgres database)
  }
  out(`\nload average at end: ${load()}`);
}

async function benchPostgres(code: string): Promise<void> {
  // throwawayPostgres connects to BENCH_DATABASE_URL, TEST_DATABASE_URL or the local default.
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!['127.0.0.1', 'localhost'].includes(new URL(admin).hostname)) throw new Error(`the bench only talks to 127.0.0.1, not ${new URL(admin).hostname}`);
  const pg = await throwawayPostgres('lotbook_bench_first_sync');
  if (!pg) throw new Error(`Postgres asked for but not reachable at ${admin}`);
  cleanups.push(() => pg.drop());
  await benchDatabase('Postgres', { DATABASE_URL: pg.url, JWT_SECRET: randomBytes(32).toString('hex') }, code);
}

const watchdog = setTimeout(() => {
  out(`bench:first-sync: over ${TOTAL_MS / 60_000} min, giving up`);
  void cleanUp().finally(() => process.exit(1));
}, TOTAL_MS);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void cleanUp().finally(() => process.exit(1)));

main().then(
  async () => {
    await cleanUp();
    clearTimeout(watchdog);
    process.exit(0);
  },
  async (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    await cleanUp();
    process.exit(1);
  },
);
