import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Median and 95th percentile of a sample, in the sample's unit. */
export function percentiles(samples: number[]): { p50: number; p95: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  return { p50: round(at(0.5)), p95: round(at(0.95)), n: s.length };
}

export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** A throwaway database on the local Postgres server, or null when none is reachable. */
export async function throwawayPostgres(prefix: string): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    process.stdout.write(`(Postgres not available: ${(err as Error).message})\n`);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
