import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CollectionName, PushableCollection } from '@lotbook/shared';
import { leads } from '../db/schema.ts';
import { REFERENCES } from '../sync/references.ts';
import { TABLES } from '../sync/tables.ts';
import { startTestServer, TEST_DB, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture, type FixtureUser } from '../test/fixtures.ts';
import { CountingClient, enrich, newDoc, now, snapshot, tally } from './testkit.ts';

/**
 * The attack suite of issue 8: every pushable collection × caller role × kind of attack (overwrite
 * a row the caller may not see, with and without its real version; reference an id out of scope,
 * out of dealership, or nowhere) × fresh and old checkpoints, generated as a table. After every
 * case the caller pulls: no field of a foreign row (another rep's in this dealership, or anything
 * of the second dealership) may reach it, and at the end no foreign row may have changed.
 */
type Doc = Record<string, unknown> & { id: string };
type Caller = 'ana' | 'viewer' | 'manager';

let server: TestServer;
let A: Fixture;
let B: Fixture;
const clients = {} as Record<Caller, CountingClient>;
const oldCheckpoint = {} as Record<Caller, Partial<Record<CollectionName, number>>>;
/** Ids each caller must never see a field of, by collection. */
const foreign = {} as Record<Caller, Map<CollectionName, string[]>>;
const foreignIds = {} as Record<Caller, Set<string>>;
let luisRows: Awaited<ReturnType<typeof enrich>>;
let movedAway: string;
const SECRET = 'secret-foreign';
const COST = 98765.43;
let before: { a: Map<string, string>; b: Map<string, string> };
const counts = { cases: 0, pulls: 0, leaks: 0 };

const PUSHABLE: PushableCollection[] = ['vehicles', 'customers', 'leads', 'lead_activities', 'sales', 'inventory_movements', 'notifications', 'notification_preferences'];
const users = (): Record<Caller, FixtureUser> => ({ ana: A.users.ana, viewer: A.users.viewer, manager: A.users.manager });

async function rowsOf(dealershipId: string, collection: CollectionName, where = sql`true`): Promise<Doc[]> {
  const t = TABLES[collection];
  const rows = await server.ctx.db.rows<{ doc: string }>(sql`SELECT ${sql.raw(t.docExpr)}::text AS doc FROM ${sql.raw(t.sqlName)} t WHERE t.dealership_id = ${dealershipId}::uuid AND ${where}`);
  return rows.map((r) => JSON.parse(r.doc) as Doc);
}

beforeAll(async () => {
  server = await startTestServer();
  A = await createFixture(server.ctx.db, 'Primero');
  B = await createFixture(server.ctx.db, 'Segundo Concesionario');
  luisRows = await enrich(server.ctx.db, A);
  await enrich(server.ctx.db, B);
  const db = server.ctx.db;
  // Markers: any of these strings in a response is a leak.
  // (B's rows are foreign to everyone in A; luis's rows only to ana.)
  await db.rows(sql`UPDATE customers SET email = ${SECRET} || '-b-' || left(id::text, 8) || '@x.example', national_id = 'SECB' || left(id::text, 8) WHERE dealership_id = ${B.dealershipId}::uuid`);
  await db.rows(sql`UPDATE customers SET email = ${SECRET} || '-luis@x.example', national_id = 'SECLUIS' WHERE id = ${A.customerIds[1]!}::uuid`);
  await db.rows(sql`UPDATE leads SET notes = ${SECRET} || '-b' WHERE dealership_id = ${B.dealershipId}::uuid`);
  await db.rows(sql`UPDATE leads SET notes = ${SECRET} || '-luis' WHERE id = ${A.leadIds.luis}::uuid`);
  await db.rows(sql`UPDATE vehicles SET cost = ${COST}`);
  movedAway = randomUUID();
  await db.orm.insert(leads).values({ id: movedAway, dealership_id: A.dealershipId, customer_id: A.customerIds[0]!, assigned_to: A.users.ana.id, source: 'phone', status: 'new' });
  for (const [k, u] of Object.entries(users()) as [Caller, FixtureUser][]) {
    clients[k] = new CountingClient(server.url, await tokenFor(u, server.ctx.jwtSecret), `attack-${k}`);
    oldCheckpoint[k] = {};
    for (const c of Object.keys(TABLES) as CollectionName[]) oldCheckpoint[k][c] = (await clients[k].pullAll(c)).seq;
  }
  // After the old checkpoints: ana's extra lead goes to luis (ana's old device must get a bare tombstone).
  await db.rows(sql`UPDATE leads SET assigned_to = ${A.users.luis.id}::uuid WHERE id = ${movedAway}::uuid`);

  const outOfScopeForAna = new Map<CollectionName, string[]>([
    ['customers', [A.customerIds[1]!]],
    ['leads', [A.leadIds.luis, movedAway]],
    ['lead_activities', [luisRows.luisActivity]],
    ['sales', [luisRows.luisSale]],
    ['notifications', [luisRows.luisNotification]],
    ['notification_preferences', [luisRows.luisPreferences]],
  ]);
  const ofB = new Map<CollectionName, string[]>();
  for (const c of Object.keys(TABLES) as CollectionName[]) ofB.set(c, (await rowsOf(B.dealershipId, c)).map((d) => d.id));
  for (const k of ['ana', 'viewer', 'manager'] as Caller[]) {
    const m = new Map<CollectionName, string[]>();
    for (const [c, ids] of ofB) m.set(c, [...ids]);
    const mineToo = k === 'ana' ? outOfScopeForAna : new Map([['notifications', [luisRows.luisNotification]], ['notification_preferences', [luisRows.luisPreferences]]] as [CollectionName, string[]][]);
    for (const [c, ids] of mineToo) m.set(c, [...ids, ...(m.get(c) ?? [])]);
    foreign[k] = m;
    foreignIds[k] = new Set([...m.values()].flat());
  }
  before = { a: await snapshot(db, A.dealershipId, (c, d) => foreignIds.ana.has(d.id)), b: await snapshot(db, B.dealershipId) };
});

afterAll(async () => {
  console.log(`[attack suite ${TEST_DB}] cases=${counts.cases} requests=${tally.requests} pulls=${counts.pulls} 5xx=${tally.status5xx} leaks=${counts.leaks}`);
  await server?.stop();
});

/** Pulls `collection` as `caller` from 0 and from its old checkpoint; fails on any foreign field. */
async function expectNoLeak(caller: Caller, collection: CollectionName) {
  for (const from of [0, oldCheckpoint[caller][collection] ?? 0]) {
    const res = await clients[caller].pullRaw(collection, from, 1000);
    counts.pulls += 1;
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { documents: Doc[] };
    const markers = caller === 'ana' ? [`${SECRET}-`, '"SECB', '"SECLUIS', String(COST)] : caller === 'viewer' ? [`${SECRET}-b`, '"SECB', String(COST)] : [`${SECRET}-b`, '"SECB'];
    const leaked = markers.some((m) => text.includes(m));
    const bad = body.documents.filter((d) => foreignIds[caller].has(d.id) && (d._deleted !== true || Object.keys(d).some((k) => k !== 'id' && k !== '_deleted')));
    if (from === 0) expect(body.documents.filter((d) => d._deleted === true && foreignIds[caller].has(d.id))).toEqual([]);
    if (leaked || bad.length) {
      counts.leaks += 1;
      console.log(`LEAK ${caller} ${collection} from=${from}`, text.slice(Math.max(0, text.search(/secret-foreign|"SEC|98765/) - 300), text.search(/secret-foreign|"SEC|98765/) + 100), bad);
    }
    expect(bad).toEqual([]);
    expect(leaked).toBe(false);
  }
}

function expectBare(reply: Doc[], id: string) {
  const mine = reply.filter((d) => d.id === id);
  expect(mine).toHaveLength(1);
  expect(Object.keys(mine[0]!).toSorted()).toEqual(['_deleted', '_rejection', 'id']);
  expect(mine[0]!._deleted).toBe(true);
  if (JSON.stringify(mine[0]).includes(SECRET)) counts.leaks += 1;
}

const BENIGN: Record<PushableCollection, Record<string, unknown>> = {
  vehicles: { lot_location: 'HACK' },
  customers: { first_name: 'Hacked' },
  leads: { notes: 'hacked' },
  lead_activities: { description: 'hacked' },
  sales: { notes: 'hacked' },
  inventory_movements: { notes: 'hacked' },
  notifications: { read_at: '2026-01-01T00:00:00.000Z' },
  notification_preferences: { quiet_start: '00:00', quiet_end: '23:59' },
};

describe('overwriting a row the caller may not see', () => {
  const table: { caller: Caller; collection: PushableCollection; version: 'known' | 'unknown' | 'zero' }[] = [];
  for (const caller of ['ana', 'viewer', 'manager'] as Caller[])
    for (const collection of PUSHABLE) for (const version of ['known', 'unknown', 'zero'] as const) table.push({ caller, collection, version });

  it.each(table)('$caller → $collection with $version version', async ({ caller, collection, version }) => {
    for (const id of foreign[caller].get(collection) ?? []) {
      counts.cases += 1;
      const t = TABLES[collection];
      const rows = await server.ctx.db.rows<{ doc: string }>(sql`SELECT ${sql.raw(t.docExpr)}::text AS doc FROM ${sql.raw(t.sqlName)} t WHERE t.id = ${id}::uuid`);
      const real = JSON.parse(rows[0]!.doc) as Doc;
      const assumed = version === 'known' ? real : version === 'zero' ? { ...real, version: 0 } : null;
      const res = await clients[caller].pushRaw(collection, [{ assumedMasterState: assumed, newDocumentState: { ...real, ...BENIGN[collection] } }]);
      if (caller === 'viewer') {
        expect(res.status).toBe(403);
      } else {
        expect(res.status).toBe(200);
        const reply = (await res.json()) as Doc[];
        expectBare(reply, id);
        expect(reply[0]!._rejection).toMatchObject({ reason: 'forbidden', message: 'You cannot change this document' });
      }
      await expectNoLeak(caller, collection);
    }
  });
});

describe('referencing ids out of scope, out of dealership, or nowhere', () => {
  type Kind = 'other_dealership' | 'out_of_scope' | 'nowhere';
  const table: { caller: Caller; collection: PushableCollection; field: string; kind: Kind }[] = [];
  for (const caller of ['ana', 'viewer', 'manager'] as Caller[])
    for (const collection of PUSHABLE)
      for (const ref of REFERENCES[collection])
        for (const kind of ['other_dealership', 'out_of_scope', 'nowhere'] as Kind[]) {
          if (kind === 'out_of_scope' && (caller !== 'ana' || (ref.target !== 'customers' && ref.target !== 'leads'))) continue;
          table.push({ caller, collection, field: ref.field, kind });
        }

  const targetId = (target: CollectionName, kind: Kind): string => {
    if (kind === 'nowhere') return randomUUID();
    if (kind === 'out_of_scope') return target === 'customers' ? A.customerIds[1]! : A.leadIds.luis;
    const pick: Partial<Record<CollectionName, string>> = { customers: B.customerIds[2]!, leads: B.leadIds.unassigned, vehicles: B.vehicleIds[0]!, team: B.users.manager.id };
    return pick[target]!;
  };

  it.each(table)('$caller → $collection $field = $kind id', async ({ caller, collection, field, kind }) => {
    counts.cases += 1;
    const ref = REFERENCES[collection].find((r) => r.field === field)!;
    const id = targetId(ref.target, kind);
    const doc = newDoc(collection, A, users()[caller], { [field]: id });
    const res = await clients[caller].pushRaw(collection, [{ assumedMasterState: null, newDocumentState: doc }]);
    if (caller === 'viewer') {
      expect(res.status).toBe(403);
    } else {
      expect(res.status).toBe(200);
      const reply = (await res.json()) as Doc[];
      if (kind !== 'nowhere') {
        expectBare(reply, doc.id);
        expect((reply[0]!._rejection as { reason: string }).reason).toMatch(/^(forbidden|invalid_document)$/);
      } else if (ref.forward && caller === 'ana' && ['leads', 'lead_activities', 'sales', 'inventory_movements'].includes(collection)) {
        // A forward reference from the same device (the lead before its new customer) still works.
        expect(reply).toEqual([]);
      } else if (!ref.forward) {
        expect(reply[0]!._rejection).toMatchObject({ reason: expect.stringMatching(/^(forbidden|invalid_document)$/) });
      }
    }
    await expectNoLeak(caller, collection);
    await expectNoLeak(caller, ref.target);
  });
});

describe('tombstones and hidden fields', () => {
  it('a fresh device gets no tombstones; an old one gets a bare tombstone for the lead that left its scope', async () => {
    counts.cases += 1;
    const fresh = await clients.ana.pull('leads', 0, 1000);
    counts.pulls += 1;
    expect(fresh.documents.filter((d) => d._deleted === true)).toEqual([]);
    const old = await clients.ana.pull('leads', oldCheckpoint.ana.leads!, 1000);
    counts.pulls += 1;
    expect(old.documents.find((d) => d.id === movedAway)).toEqual({ id: movedAway, _deleted: true });
  });

  it('cost never reaches a salesperson or a viewer on pull or in a push reply; a manager sees it', async () => {
    counts.cases += 1;
    for (const caller of ['ana', 'viewer'] as Caller[]) {
      const docs = [...(await clients[caller].pullAll('vehicles')).docs.values()];
      expect(docs.length).toBeGreaterThan(0);
      for (const d of docs) expect(d.cost).toBeNull();
    }
    expect([...(await clients.manager.pullAll('vehicles')).docs.values()][0]!.cost).toBe(COST);
    // A push reply (a refused edit) hides it too, and ana's reservation does not "change" it.
    const v = [...(await clients.ana.pullAll('vehicles')).docs.values()].find((d) => d.status === 'available')!;
    const refused = await clients.ana.push('vehicles', [{ assumedMasterState: v, newDocumentState: { ...v, price: 1 } }]);
    expect(refused[0]!.cost).toBeNull();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect(await clients.ana.push('vehicles', [{ assumedMasterState: v, newDocumentState: { ...v, status: 'reserved', reserved_by: A.users.ana.id, reserved_until: until } }])).toEqual([]);
    const stored = await server.ctx.db.rows<{ cost: string }>(sql`SELECT cost::text AS cost FROM vehicles WHERE id = ${v.id}::uuid`);
    expect(Number(stored[0]!.cost)).toBe(COST);
  });

  it('no foreign row changed: not the second dealership, not the other rep’s rows', async () => {
    const after = { a: await snapshot(server.ctx.db, A.dealershipId, (c, d) => foreignIds.ana.has(d.id)), b: await snapshot(server.ctx.db, B.dealershipId) };
    expect(after.b).toEqual(before.b);
    expect(after.a).toEqual(before.a);
    expect(tally.status5xx).toBe(0);
    expect(counts.leaks).toBe(0);
    void now;
  });
});
