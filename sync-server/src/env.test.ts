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

it('accepts a list of origins for CORS_ORIGINS and refuses * and null', () => {
  expect(loadEnv({ CORS_ORIGINS: 'https://crm.example.com, http://localhost:5173/' }).CORS_ORIGINS).toContain('crm.example.com');
  expect(() => loadEnv({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  expect(() => loadEnv({ CORS_ORIGINS: 'null' })).toThrow(/CORS_ORIGINS/);
  expect(() => loadEnv({ CORS_ORIGINS: 'https://a.example,null' })).toThrow(/CORS_ORIGINS/);
});

it('keeps the revocation cache short and configurable', () => {
  expect(loadEnv({}).AUTH_REVOCATION_CACHE_MS).toBe(5_000);
  expect(loadEnv({ AUTH_REVOCATION_CACHE_MS: '0' }).AUTH_REVOCATION_CACHE_MS).toBe(0);
  expect(() => loadEnv({ AUTH_REVOCATION_CACHE_MS: '600000' })).toThrow(/AUTH_REVOCATION_CACHE_MS/);
});
