import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The data layer's sync tests run the real RxDB client against the real sync server over HTTP,
 * once on embedded PGlite and, when TEST_DATABASE_URL is set, once more on a real Postgres server.
 * Only the tests that talk to a server (src/db, src/auth) run twice.
 */
const projects: TestProjectInlineConfiguration[] = [
  { extends: true as const, test: { name: 'pglite', include: ['src/**/*.test.{ts,tsx}'], env: { TEST_DB: 'pglite' } } },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({ extends: true as const, test: { name: 'postgres', include: ['src/db/**/*.test.ts', 'src/auth/**/*.test.ts'], env: { TEST_DB: 'postgres' } } });
}

export default defineConfig({
  test: {
    environment: 'node',
    // Inlined so that vi.resetModules() gives every simulated device its own RxDB (src/db/testing/realm.ts).
    server: { deps: { inline: ['rxdb'] } },
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 2,
    projects,
  },
});
