import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PushableCollection } from '@lotbook/shared';
import { startTestServer, TEST_DB, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { count, CountingClient, newDoc, tally } from './testkit.ts';

/**
 * Push fuzzing (issue 8, "every row is its own fate"): each hostile value goes into one document
 * between two good ones. Never a 5xx; the hostile document is refused alone and logged (or stored
 * intact when it is harmless, like a `__proto__` key); both good documents apply; a replay of the
 * whole batch reports nothing new.
 */
type Doc = Record<string, unknown> & { id: string };

let server: TestServer;
let fx: Fixture;
let manager: CountingClient;
const counts = { cases: 0, refused: 0, stored: 0 };

beforeAll(async () => {
  server = await startTestServer();
  fx = await createFixture(server.ctx.db);
  manager = new CountingClient(server.url, await tokenFor(fx.users.manager, server.ctx.jwtSecret), 'fuzz');
});
afterAll(async () => {
  console.log(`[push fuzz ${TEST_DB}] cases=${counts.cases} requests=${tally.requests} 5xx=${tally.status5xx} refused+logged=${counts.refused} stored-intact=${counts.stored}`);
  await server?.stop();
});

/** JSON text nested `n` objects deep (built as text: JSON.stringify itself would overflow the stack). */
const deep = (n: number): string => '{"d":'.repeat(n) + '"bottom"' + '}'.repeat(n);

/** Hostile values and the field they go into, per collection; `raw` is spliced into the JSON text. */
const HOSTILE: { name: string; value?: unknown; raw?: string; harmless?: boolean }[] = [
  { name: 'NUL in text', value: 'a\u0000b' },
  { name: 'lone high surrogate', value: 'x\uD800y' },
  { name: 'lone low surrogate', value: '\uDC00' },
  { name: 'huge string', value: 'x'.repeat(300_000) },
  { name: '1e309', raw: '1e309' },
  { name: 'negative zero', raw: '-0' },
  { name: '0.004', value: 0.004 },
  { name: 'NaN-like string', value: 'NaN' },
  { name: 'nested 5000 deep', raw: deep(5000) },
  { name: 'nested 30 deep', raw: deep(30) },
  { name: 'NUL in a key', value: { 'k\u0000': 1 } },
  { name: 'lone surrogate in a key', value: { '\uD834': 1 } },
  { name: '__proto__ key', raw: '{"__proto__":{"polluted":true}}', harmless: true },
  { name: 'constructor key', value: { constructor: { prototype: { polluted: true } } }, harmless: true },
  { name: 'array instead of object', value: [1, 2, 3] },
];

/** Which field of each collection gets the hostile value. */
const TARGETS: { collection: PushableCollection; field: string }[] = [
  { collection: 'customers', field: 'first_name' },
  { collection: 'customers', field: 'address' },
  { collection: 'leads', field: 'notes' },
  { collection: 'leads', field: 'budget_max' },
  { collection: 'lead_activities', field: 'description' },
  { collection: 'lead_activities', field: 'metadata' },
  { collection: 'sales', field: 'sale_price' },
  { collection: 'sales', field: 'down_payment' },
  { collection: 'vehicles', field: 'features' },
  { collection: 'vehicles', field: 'price' },
  { collection: 'inventory_movements', field: 'metadata' },
];

async function rejectionsFor(id: string): Promise<number> {
  const r = await server.ctx.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM sync_rejections WHERE doc_id = ${id}`);
  return r[0]!.n;
}

async function exists(collection: PushableCollection, id: string): Promise<boolean> {
  const r = await server.ctx.db.rows(sql`SELECT 1 FROM ${sql.raw(collection)} WHERE id = ${id}::uuid`);
  return r.length > 0;
}

describe('push fuzz', () => {
  const table = TARGETS.flatMap((t) => HOSTILE.map((h) => ({ ...t, hostile: h.name })));
  it.each(table)('$collection $field ← $hostile', async ({ collection, field, hostile }) => {
    counts.cases += 1;
    const h = HOSTILE.find((x) => x.name === hostile)!;
    const good1 = newDoc(collection, fx, fx.users.manager);
    const good2 = newDoc(collection, fx, fx.users.manager);
    const bad = newDoc(collection, fx, fx.users.manager);
    const marker = '"__HOSTILE__"';
    const rows = [good1, { ...bad, [field]: '__HOSTILE__' }, good2].map((d) => ({ assumedMasterState: null, newDocumentState: d }));
    let body = JSON.stringify(rows);
    body = body.replace(marker, h.raw ?? JSON.stringify(h.value));
    const res = await manager.pushRaw(collection, body);
    expect(res.status).toBeLessThan(500);
    if (res.status === 413) return; // the huge string passed the test server's body limit: a clear 4xx, nothing applied
    expect(res.status).toBe(200);
    const reply = (await res.json()) as Doc[];
    expect(reply.map((d) => d.id)).not.toContain(good1.id);
    expect(reply.map((d) => d.id)).not.toContain(good2.id);
    expect(await exists(collection, good1.id)).toBe(true);
    expect(await exists(collection, good2.id)).toBe(true);
    const refused = reply.find((d) => d.id === bad.id);
    if (refused) {
      counts.refused += 1;
      expect(refused._rejection).toMatchObject({ reason: 'invalid_document' });
      expect(await rejectionsFor(bad.id)).toBe(1);
      expect(await exists(collection, bad.id)).toBe(false);
    } else {
      counts.stored += 1;
      expect(await exists(collection, bad.id)).toBe(true);
    }
    if (h.harmless && field === 'metadata') expect(refused).toBeUndefined();
    // A replay of the same batch: nothing new applies, nothing new conflicts except the same refusal.
    const again = await manager.pushRaw(collection, body);
    expect(again.status).toBe(200);
    const replay = (await again.json()) as Doc[];
    expect(replay.map((d) => d.id)).toEqual(refused ? [bad.id] : []);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a malformed envelope nested very deep, or not JSON, is a 4xx and its prefix is logged', async () => {
    counts.cases += 1;
    for (const text of ['['.repeat(100_000) + ']'.repeat(100_000), '{'.repeat(50_000), '[{"newDocumentState":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}]']) {
      const res = await manager.pushRaw('leads', text);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const r = await server.ctx.db.rows<{ bytes: number; sha: string; size: number }>(sql`
      SELECT (document->>'bytes')::int AS bytes, document->>'sha256' AS sha, octet_length(document::text) AS size FROM sync_rejections WHERE doc_id IS NULL AND document ? 'sha256'`);
    expect(r.length).toBeGreaterThanOrEqual(3);
    for (const row of r) {
      expect(row.sha).toMatch(/^[0-9a-f]{64}$/);
      expect(row.size).toBeLessThan(5_000);
    }
  });

  it('ids that are not UUIDs are refused one by one, and the rest of the batch applies', async () => {
    counts.cases += 1;
    const good = newDoc('customers', fx, fx.users.manager);
    const rows = [{ id: 'x' }, { id: 42 }, { id: null }, { id: 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz' }, good].map((d) => ({ assumedMasterState: null, newDocumentState: d }));
    const res = await manager.pushRaw('customers', rows);
    expect(res.status).toBe(200);
    const reply = (await res.json()) as Doc[];
    expect(reply).toHaveLength(4);
    for (const d of reply) expect(d._rejection).toMatchObject({ reason: 'invalid_document' });
    expect(await exists('customers', good.id)).toBe(true);
    void randomUUID;
  });

  it('GET /rejections pages with a size cap and a cursor', async () => {
    counts.cases += 1;
    const auth = { headers: { authorization: `Bearer ${manager.token}` } };
    const first = (await (await count(fetch(`${server.url}/sync/v1/rejections?limit=5`, auth))).json()) as { results: { id: string }[]; next: string | null };
    expect(first.results.length).toBeLessThanOrEqual(5);
    expect(first.next).not.toBeNull();
    const second = (await (await count(fetch(`${server.url}/sync/v1/rejections?limit=5&before=${encodeURIComponent(first.next!)}`, auth))).json()) as { results: { id: string }[] };
    expect(second.results.length).toBeGreaterThan(0);
    expect(second.results.map((r) => r.id).filter((id) => first.results.some((f) => f.id === id))).toEqual([]);
    expect((await count(fetch(`${server.url}/sync/v1/rejections?limit=100000`, auth))).status).toBe(400);
    expect((await count(fetch(`${server.url}/sync/v1/rejections?before=%00`, auth))).status).toBe(400);
  });
});
