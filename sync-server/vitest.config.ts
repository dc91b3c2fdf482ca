import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The server suite runs once on embedded PGlite and, when TEST_DATABASE_URL is set, once more on
 * a real Postgres server (each test file gets its own throwaway database there).
 */
const projects: TestProjectInlineConfiguration[] = [{ extends: true as const, test: { name: 'pglite', env: { TEST_DB: 'pglite' } } }];
if (process.env.TEST_DATABASE_URL) projects.push({ extends: true as const, test: { name: 'postgres', env: { TEST_DB: 'postgres' } } });

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects,
  },
});
