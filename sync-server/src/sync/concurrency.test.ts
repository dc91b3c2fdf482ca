import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.ts';
import { createTestDatabase, startTestServer, TEST_DB, type TestDatabase, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { RawSyncClient } from '../test/sync-client.ts';

/**
 * Invariant 1 under load: concurrent writers through two server instances on one Postgres, and
 * concurrent pullers that must end exactly equal to the server, having skipped nothing and seen
 * nothing twice. (On PGlite there is one instance, so both "instances" are the same one.)
 */
const WRITES = TEST_DB === 'postgres' ? 5200 : 1200;
const WRITERS = 4;
const PULLERS = 4;
const BATCH = 20;

let database: TestDatabase;
let a: TestServer;
let b: TestServer;
let fx: Fixture;

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startTestServer({ database });
  const second = TEST_DB === 'postgres' ? { ...database, db: await openDatabase({ databaseUrl: database.url!, poolSize: 12 }) } : database;
  b = TEST_DB === 'postgres' ? await startTestServer({ database: second }) : a;
  fx = await createFixture(a.ctx.db);
});
afterAll(async () => {
  await a?.stop();
  if (b && b !== a) {
    await b.stop();
    await b.database.db.close().catch(() => undefined);
  }
  await database?.drop();
});

function customer(id: string, i: number) {
  const t = new Date().toISOString();
  return { id, dealership_id: fx.dealershipId, created_at: t, updated_at: t, version: 0, seq: 0, _deleted: false, first_name: `Carga${i}`, last_name: 'Concurrente', email: null, phone: null, address: null, national_id: null, is_active: true };
}

describe('no skipped change under concurrent commits (invariant 1)', () => {
  it(`${WRITERS} writers and ${PULLERS} pullers over two instances converge on ${WRITES} writes`, async () => {
    const token = await tokenFor(fx.users.manager, a.ctx.jwtSecret);
    const clients = [new RawSyncClient(a.url, token, 'w-a'), new RawSyncClient(b.url, token, 'w-b')];
    let written = 0;
    let done = false;
    const known: { id: string; doc: Record<string, unknown> & { id: string } }[] = [];

    const writer = async (w: number) => {
      let i = 0;
      while (written < WRITES) {
        const client = clients[(w + i++) % 2]!;
        // Mostly inserts, some updates of documents written earlier (possibly by other writers).
        const rows = Array.from({ length: BATCH }, (_, k) => {
          const prev = known.length > 50 && k % 4 === 0 ? known[(w * 7919 + i * 31 + k) % known.length] : undefined;
          return prev
            ? { assumedMasterState: prev.doc, newDocumentState: { ...prev.doc, address: `w${w}-${i}-${k}` } }
            : { assumedMasterState: null, newDocumentState: customer(randomUUID(), i) };
        });
        written += rows.length;
        const conflicts = await client.push('customers', rows);
        const conflicted = new Map(conflicts.map((c) => [c.id, c]));
        for (const r of rows) {
          const server = conflicted.get(r.newDocumentState.id);
          if (!r.assumedMasterState && !server) {
            // The server stamps version 1 on insert: that is the state the next update assumes.
            known.push({ id: r.newDocumentState.id, doc: { ...r.newDocumentState, version: 1 } });
          } else if (server && !server._deleted) {
            // Stale: take the server's state, as RxDB would, so later updates can apply.
            const entry = known.find((k) => k.id === server.id);
            if (entry) entry.doc = server;
          }
        }
      }
    };

    const puller = async (p: number) => {
      const client = new RawSyncClient((p % 2 ? b : a).url, token, `p-${p}`);
      const state = new Map<string, Record<string, unknown>>();
      const seen = new Set<string>();
      let seq = 0;
      let duplicates = 0;
      const step = async () => {
        const page = await client.pull('customers', seq, 300);
        for (const d of page.documents) {
          const key = `${d.id}@${String(d.seq)}`;
          if (seen.has(key)) duplicates++;
          seen.add(key);
          state.set(d.id, d);
        }
        seq = page.checkpoint.seq;
        return page.documents.length;
      };
      // Like a device between SSE hints: poll again soon when there was nothing new.
      while (!done) if ((await step()) === 0) await new Promise((r) => setTimeout(r, 25));
      while ((await step()) > 0);
      return { state, duplicates };
    };

    const pullers = Array.from({ length: PULLERS }, (_, p) => puller(p));
    const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))).finally(() => (done = true));
    const [results] = await Promise.all([Promise.all(pullers), writers]);

    const truth = await a.ctx.db.rows<{ id: string; version: number; seq: number }>(
      sql`SELECT id::text AS id, version, seq::float8 AS seq FROM customers WHERE dealership_id = ${fx.dealershipId}::uuid`,
    );
    expect(truth.length).toBeGreaterThan(WRITES * 0.6);
    // Updates really happened (and some conflicted): versions above 1 exist.
    expect(truth.some((r) => r.version > 1)).toBe(true);
    for (const r of results) {
      expect(r.duplicates).toBe(0);
      expect(r.state.size).toBe(truth.length);
      for (const row of truth) {
        const got = r.state.get(row.id);
        expect(got?.version, `version of ${row.id}`).toBe(row.version);
        expect(got?.seq).toBe(row.seq);
      }
    }
  }, 600_000);
});
