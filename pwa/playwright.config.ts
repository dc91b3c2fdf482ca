import { defineConfig } from '@playwright/test';

/** System Chromium: test tools cannot download browsers here (ARCHITECTURE.md, Testing). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * E2E against the built PWA (pnpm e2e runs `vite build` first) served by the real sync server on a
 * fresh, seeded PGlite: see e2e/global-setup.ts. The server URL reaches the tests through
 * LOTBOOK_E2E_URL (e2e/fixtures.ts sets it as baseURL).
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './e2e/artifacts/test-results',
  globalSetup: './e2e/global-setup.ts',
  // One worker. A browser and the server already fill 2 cores: with 2 workers each test ran 2-3
  // times slower (first syncs of 60 s and more), the suite took 22 min against 18, and timeouts hit.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  // One budget for every test. A test here logs in one to three devices, each with a first
  // download; on 2 noisy cores that can be 3-4 times slower than on a quiet machine
  // (a manager's first sync: ~6 s quiet, over 60 s seen in CI). A timeout only bounds a failure.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  // The root verify script reads the JSON report to total all suites.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  // The CI machine is 2 noisy cores: one retry, and a retried pass is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  use: {
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    serviceWorkers: 'allow',
    locale: 'es-ES',
    timezoneId: 'Europe/Madrid',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
