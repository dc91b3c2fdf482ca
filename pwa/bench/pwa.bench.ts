/**
 * `pnpm bench:pwa`: the PWA's figures, printed (not asserted). Builds pwa/dist when missing,
 * starts the real sync server on a temporary PGlite with the large seed (≈5,000 vehicles; pass
 * --small for the demo seed), and drives headless Chromium:
 *   1. bundle: gzip of the JS+CSS index.html loads, and of everything loaded to show the inventory;
 *   2. first sync for a salesperson (ana), for context;
 *   3. cold offline start to interactive: a new page, offline, until the inventory is on screen
 *      (performance mark 'lotbook:interactive'), median of 7;
 *   4. local inventory search/filter over the synced inventory, and over 5,000 synthetic cars in a
 *      throwaway database (insert, read-model load, change round trip, RxDB query for comparison).
 * A 2-core machine is noisy: read medians and ratios.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts';
import { PWA_DIR, PWA_DIST, startLotbook } from '../e2e/support/server.ts';
import { initialAssets, kb, sizeOf, sum } from './bundle-size.ts';

const SMALL = process.argv.includes('--small');
const COLD_STARTS = 7;
const median = (xs: number[]) => {
  const s = xs.toSorted((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

function ensureBuild(): void {
  if (existsSync(join(PWA_DIST, 'index.html'))) return;
  process.stdout.write('building pwa/dist…\n');
  execFileSync(process.execPath, [join(PWA_DIR, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: PWA_DIR, stdio: 'inherit' });
}

async function login(context: BrowserContext, email: string): Promise<number> {
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel(/correo electrónico/i).fill(email);
  await page.getByLabel(/^contraseña$/i).fill('demo1234');
  const t0 = Date.now();
  await page.getByRole('button', { name: /^entrar$/i }).click();
  await page.getByTestId('sync-chip').waitFor();
  await page.getByTestId('first-sync').waitFor({ state: 'detached', timeout: 300_000 });
  const firstSyncMs = Date.now() - t0;
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready, navigator.serviceWorker.controller !== null));
  await page.close();
  return firstSyncMs;
}

async function main(): Promise<void> {
  ensureBuild();
  const initial = initialAssets(PWA_DIST);
  const initialJs = initial.filter((f) => f.file.endsWith('.js'));
  console.log('\n== Bundle (gzip -9 of pwa/dist) ==');
  for (const f of initial) console.log(`  ${f.file.padEnd(44)} ${kb(f.raw).padStart(9)} raw  ${kb(f.gzip).padStart(8)} gz`);
  console.log(`  initial JS (index.html + modulepreload): ${kb(sum(initialJs, 'gzip'))} gz; with CSS: ${kb(sum(initial, 'gzip'))} gz`);

  console.log(`\nstarting the sync server (${SMALL ? 'demo' : 'large'} seed)…`);
  const server = await startLotbook({ env: SMALL ? {} : { SEED_SCALE: 'large' }, timeoutMs: 600_000 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ baseURL: server.url, locale: 'es-ES', viewport: { width: 390, height: 844 } });
    await context.addInitScript(() => localStorage.setItem('lotbook.testHooks', '1'));
    const firstSyncMs = await login(context, 'ana@demo.example');
    console.log('\n== First sync (ana, sales) ==');
    console.log(`  login click to first sync done: ${ms(firstSyncMs)}`);

    // What a logged-in cold load of the inventory actually fetches (JS + CSS).
    const probe = await context.newPage();
    await probe.goto('/inventory');
    await probe.waitForFunction(() => performance.getEntriesByName('lotbook:interactive').length > 0, undefined, { timeout: 60_000 });
    const loaded = await probe.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => /\.(js|css)$/.test(p)));
    await probe.close();
    const boot = [...new Set([...initial.map((f) => `/${f.file}`), ...loaded])].filter((p) => existsSync(join(PWA_DIST, p))).map((p) => sizeOf(PWA_DIST, p));
    const bootTest = boot.filter((f) => /hooks-|synthetic/.test(f.file) && !initial.some((i) => i.file === f.file));
    console.log(`  JS+CSS loaded to show the inventory (logged in): ${kb(sum(boot, 'gzip'))} gz in ${boot.length} files (incl. ${kb(sum(bootTest, 'gzip'))} of bench-only test hooks)`);

    await context.setOffline(true);
    const starts: number[] = [];
    const phases: Record<string, number[]> = {};
    let vehicles = 0;
    for (let i = 0; i < COLD_STARTS; i++) {
      const page = await context.newPage();
      await page.goto('/inventory');
      await page.waitForFunction(() => performance.getEntriesByName('lotbook:interactive').length > 0, undefined, { timeout: 60_000 });
      const marks = await page.evaluate(() =>
        Object.fromEntries(['lotbook:db-code', 'lotbook:db-open', 'lotbook:warm', 'lotbook:interactive'].map((n) => [n, performance.getEntriesByName(n)[0]?.startTime ?? NaN])),
      );
      starts.push(marks['lotbook:interactive'] ?? NaN);
      for (const [k, v] of Object.entries(marks)) (phases[k] ??= []).push(v);
      vehicles = Number((await page.getByTestId('inventory-count').textContent())?.match(/de\s+([\d.]+)/)?.[1]?.replace(/\./g, '') ?? 0);
      await page.close();
    }
    console.log('\n== Cold offline start (new page, offline, to inventory on screen) ==');
    console.log(`  ${vehicles} vehicles local; median ${ms(median(starts))} (min ${ms(Math.min(...starts))}, max ${ms(Math.max(...starts))}, n=${COLD_STARTS})`);
    console.log('  median time from navigation start to: ' + Object.entries(phases).map(([k, v]) => `${k.replace('lotbook:', '')} ${ms(median(v))}`).join(', '));
    console.log('  (db-code: data-layer chunk loaded; db-open: RxDB opened; warm: inventory in memory; interactive: list rendered)');

    const page = await context.newPage();
    await page.goto('/inventory');
    await page.waitForFunction(() => 'appInventory' in ((globalThis as { __lotbook?: object }).__lotbook ?? {}));
    const app = await page.evaluate(() => (globalThis as unknown as { __lotbook: { appInventory(): Promise<unknown> } }).__lotbook.appInventory());
    console.log('\n== Inventory search/filter over the synced inventory (in-memory read model) ==');
    console.log(JSON.stringify(app, null, 2));
    await page.close();
    await context.close();

    // A logged-out page, so only the bench database is open (RxDB's 16-collection limit).
    const clean = await browser.newContext({ baseURL: server.url, locale: 'es-ES' });
    await clean.addInitScript(() => localStorage.setItem('lotbook.testHooks', '1'));
    const benchPage = await clean.newPage();
    await benchPage.goto('/');
    await benchPage.waitForFunction(() => 'benchInventory' in ((globalThis as { __lotbook?: object }).__lotbook ?? {}));
    const synthetic = await benchPage.evaluate(() => (globalThis as unknown as { __lotbook: { benchInventory(n: number): Promise<unknown> } }).__lotbook.benchInventory(5000));
    console.log('\n== 5,000 synthetic vehicles in a throwaway RxDB (Dexie/IndexedDB) ==');
    console.log(JSON.stringify(synthetic, null, 2));
  } catch (err) {
    console.error(`\nserver exit code: ${server.exitCode()}\nserver log tail:\n${server.log().slice(-4000)}`);
    throw err;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
