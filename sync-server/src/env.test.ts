import { expect, it } from 'vitest';
import { loadEnv } from './env.ts';

it('defaults to the embedded database with the demo seed', () => {
  const env = loadEnv({});
  expect(env).toMatchObject({ PORT: 8787, HOST: '127.0.0.1', DATA_DIR: './data', SEED_DEMO: true, SEED_SCALE: 'small' });
});

it('requires JWT_SECRET with DATABASE_URL and does not seed by default there', () => {
  expect(() => loadEnv({ DATABASE_URL: 'postgres://x@localhost/db' })).toThrow(/JWT_SECRET/);
  const env = loadEnv({ DATABASE_URL: 'postgres://x@localhost/db', JWT_SECRET: 'a'.repeat(32) });
  expect(env.SEED_DEMO).toBe(false);
});

it('explains every invalid setting at once', () => {
  expect(() => loadEnv({ PORT: 'eighty', SEED_SCALE: 'huge', JWT_SECRET: 'short' })).toThrow(/PORT[\s\S]*SEED_SCALE[\s\S]*JWT_SECRET|PORT[\s\S]*JWT_SECRET[\s\S]*SEED_SCALE/);
});
