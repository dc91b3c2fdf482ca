import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.ts';

// Postgres int8 counts and seqs fit in a JS number for this app; numeric is money.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A place to run SQL: the database itself or an open transaction. */
export interface Sql {
  orm: Orm;
  /** Runs a drizzle `sql` template and returns its rows. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
}

export interface Database extends Sql {
  kind: 'postgres' | 'pglite';
  /**
   * Where pulls and change-hint queries run: on Postgres a pool of its own, so reads never wait
   * for a connection behind pushes queued on a dealership's write lock (issue 17); on PGlite the
   * database itself. Only single statements run here, never a transaction.
   */
  reads: Sql;
  /** Runs fn in one transaction; it commits when fn resolves and rolls back when it throws. */
  tx<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** The raw PGlite instance (embedded mode only), for pglite-socket or dumps. */
  pglite?: PGlite;
}

function wrap(orm: Orm): Sql {
  return {
    orm,
    async rows<T>(query: SQL) {
      const res = (await orm.execute(query)) as unknown as { rows: T[] };
      return res.rows;
    },
  };
}

function wrapDb(orm: Orm): Pick<Database, 'orm' | 'rows' | 'tx'> {
  return {
    ...wrap(orm),
    tx: (fn) => orm.transaction((t) => fn(wrap(t as unknown as Orm))),
  };
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for a throwaway in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /** Connections for reads (pulls, hints); 0 shares the main pool. */
  readPoolSize?: number;
}

/** Opens Postgres when a URL is given, otherwise an embedded PGlite (with pgvector) in dataDir. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => undefined); // idle client errors surface on the next query instead
    await pool.query('select 1');
    const orm = drizzlePg(pool, { schema }) as unknown as Orm;
    const readPool = opts.readPoolSize ? new pg.Pool({ connectionString: opts.databaseUrl, max: opts.readPoolSize }) : null;
    readPool?.on('error', () => undefined);
    const main = wrapDb(orm);
    return {
      kind: 'postgres',
      ...main,
      reads: readPool ? wrap(drizzlePg(readPool, { schema }) as unknown as Orm) : main,
      async listen(channel, onPayload) {
        const client = new pg.Client({ connectionString: opts.databaseUrl });
        client.on('error', () => undefined);
        await client.connect();
        client.on('notification', (n) => {
          if (n.channel === channel) onPayload(n.payload ?? '');
        });
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        return async () => {
          await client.end().catch(() => undefined);
        };
      },
      close: async () => {
        await Promise.all([pool.end(), readPool?.end()]);
      },
    };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { extensions: { vector } });
  const orm = drizzlePglite(pglite, { schema }) as unknown as Orm;
  const main = wrapDb(orm);
  return {
    kind: 'pglite',
    pglite,
    ...main,
    reads: main,
    listen: async (channel, onPayload) => pglite.listen(channel, onPayload),
    close: () => pglite.close(),
  };
}
