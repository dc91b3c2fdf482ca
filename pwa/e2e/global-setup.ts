import { startLotbook } from './support/server.ts';

/**
 * Starts one real sync server for the run (fresh PGlite in a temp dir, demo seed, serving
 * pwa/dist) and hands its URL to the workers through the environment. Builds nothing: the
 * `e2e` script runs `vite build` before Playwright.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startLotbook();
  process.env.LOTBOOK_E2E_URL = server.url;
  process.stdout.write(`lotbook e2e server: ${server.url}\n`);
  return () => server.stop();
}
