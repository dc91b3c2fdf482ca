/**
 * First-sync throughput in headless Chromium (real IndexedDB) against a real server on PGlite:
 *   npx tsx src/db/testing/chromium-bench.ts [small|large] [batch sizes...]
 * Prints one line per run; report medians (2-core machines are noisy). BENCH_MULTI=1 opens the
 * database with multiInstance as the app does; BENCH_DEBUG=1 prints the first download's timings.
 * The page is incognito, so IndexedDB is in memory: `pnpm bench:first-sync` measures on disk.
 */
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startTestServer } from '@lotbook/sync-server/test-harness';
import { seedDemo } from '@lotbook/sync-server/seed';

const scale = process.argv[2] === 'large' ? 'large' : 'small';
const sizes = process.argv.slice(3).map(Number).filter((n) => n > 0);
const out = await build({
  configFile: false,
  logLevel: 'warn',
  build: { write: false, minify: true, lib: { entry: fileURLToPath(new URL('./chromium-entry.ts', import.meta.url)), formats: ['iife'], name: 'bench' } },
});
const chunk = (Array.isArray(out) ? out[0] : out) as { output: { code?: string }[] };
const code = chunk.output[0]?.code ?? '';
const server = await startTestServer({ seed: (db) => seedDemo(db, { scale }) });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  // The server's CSP forbids inline scripts; the bench injects its bundle anyway.
  const page = await browser.newPage({ bypassCSP: true });
  await page.goto(`${server.url}/health/live`);
  await page.addScriptTag({ content: code });
  if (process.env.BENCH_MULTI) await page.evaluate(() => ((globalThis as { BENCH_MULTI?: boolean }).BENCH_MULTI = true));
  if (process.env.BENCH_DEBUG) {
    page.on('console', (m) => console.log('[page]', m.text()));
    await page.evaluate(() => ((globalThis as { BOOT_DEBUG?: boolean }).BOOT_DEBUG = true));
  }
  // BENCH_MODES=fast,rxdb alternates the fast first download (sync/bootstrap.ts) with RxDB's own pull.
  const modes = (process.env.BENCH_MODES ?? 'fast').split(',');
  for (const batchSize of sizes.length ? sizes : [1000, 2000, 1000, 2000, 1000, 2000]) {
    for (const mode of modes) {
      const r = await page.evaluate(
        ([u, b, f]) => (globalThis as unknown as { runBench(u: string, e: string, b: number, f: boolean): Promise<{ docs: number; ms: number; lotMs: number }> }).runBench(u, 'gerente@demo.example', b, f),
        [server.url, batchSize, mode !== 'rxdb'] as const,
      );
      console.log(`chromium scale=${scale} mode=${mode} batch=${batchSize} docs=${r.docs} ms=${Math.round(r.ms)} docs/s=${Math.round((r.docs / r.ms) * 1000)} inventory_usable_ms=${Math.round(r.lotMs)}`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
