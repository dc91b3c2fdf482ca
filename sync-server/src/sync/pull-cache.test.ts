import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CollectionName } from '@lotbook/shared';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture, type FixtureUser } from '../test/fixtures.ts';
import { edit, RawSyncClient } from '../test/sync-client.ts';
import { pullCacheFor } from './pull-cache.ts';

// Issue 17: devices asking the same pull question after the same change event share one answer,
// and a shared answer never hides the change a device was told about (pull-cache.ts).
let server: TestServer;
let fx: Fixture;

beforeAll(async () => {
  server = await startTestServer();
  fx = await createFixture(server.ctx.db);
});
afterAll(async () => {
  await server?.stop();
});

type Doc = Record<string, unknown> & { id: string };
type Page = { documents: Doc[]; checkpoint: { seq: number } };

async function client(user: FixtureUser, device: string) {
  return new RawSyncClient(server.url, await tokenFor(user, server.ctx.jwtSecret), device);
}

async function hintedPull(c: RawSyncClient, collection: CollectionName, seq: number, hint?: number): Promise<{ page: Page; text: string }> {
  const res = await fetch(`${server.url}/sync/v1/${collection}/pull?seq=${seq}&limit=500${hint === undefined ? '' : `&hint=${hint}`}`, {
    headers: { authorization: `Bearer ${c.token}`, 'x-device-id': c.deviceId },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { page: JSON.parse(text) as Page, text };
}

async function maxSeq(table: string): Promise<number> {
  const r = await server.ctx.db.rows<{ seq: number }>(sql`SELECT max(seq)::float8 AS seq FROM ${sql.raw(table)} WHERE dealership_id = ${fx.dealershipId}::uuid`);
  return r[0]!.seq;
}

describe('shared pull answers', () => {
  it('devices of one role asking the same hinted question share one query, and the answer holds the hinted change', async () => {
    const desk = await client(fx.users.manager, 'cache-desk');
    const tablet = await client(fx.users.manager, 'cache-tablet');
    const base = await desk.pullAll('vehicles');
    const car = base.docs.get(fx.vehicleIds[0]!)!;
    expect(await desk.push('vehicles', [edit(car, { lot_location: 'Fila A' })])).toEqual([]);
    const hint = await maxSeq('vehicles');

    const stats = pullCacheFor(server.ctx).stats;
    const before = { ...stats };
    const [a, b] = await Promise.all([hintedPull(desk, 'vehicles', base.seq, hint), hintedPull(tablet, 'vehicles', base.seq, hint)]);
    expect(a.page.documents.map((d) => [d.id, d.lot_location])).toEqual([[car.id, 'Fila A']]);
    expect(a.page.checkpoint.seq).toBe(hint);
    expect(b.text).toBe(a.text);
    expect(stats.misses - before.misses).toBe(1);
    expect(stats.hits - before.hits).toBe(1);
  });

  it('a hint the shared answer does not cover runs the query again and brings the newer change', async () => {
    const desk = await client(fx.users.manager, 'cache-desk');
    const phone = await client(fx.users.manager, 'cache-phone');
    const base = await desk.pullAll('vehicles');
    const car = base.docs.get(fx.vehicleIds[1]!)!;
    expect(await desk.push('vehicles', [edit(car, { lot_location: 'Fila B' })])).toEqual([]);
    const first = await maxSeq('vehicles');
    const early = await hintedPull(desk, 'vehicles', base.seq, first);
    expect(early.page.documents.map((d) => d.lot_location)).toEqual(['Fila B']);

    const moved = early.page.documents[0]!;
    expect(await desk.push('vehicles', [edit(moved, { lot_location: 'Fila C' })])).toEqual([]);
    const second = await maxSeq('vehicles');
    // The same question with the newer hint: the stored answer predates it, so it is not served.
    const late = await hintedPull(phone, 'vehicles', base.seq, second);
    expect(late.page.documents.map((d) => d.lot_location)).toEqual(['Fila C']);
    expect(late.page.checkpoint.seq).toBe(second);
    // An older hint may get either answer; both are consistent, and the device pulls on from its checkpoint.
    const old = await hintedPull(phone, 'vehicles', base.seq, first);
    const rest = await phone.pullAll('vehicles', old.page.checkpoint.seq, new Map(old.page.documents.map((d) => [d.id, d])));
    expect(rest.docs.get(car.id)!.lot_location).toBe('Fila C');
  });

  it('an answer serves a device at a later checkpoint with the rows past it, but a full page serves only its own question', async () => {
    const desk = await client(fx.users.manager, 'cache-desk');
    const phone = await client(fx.users.manager, 'cache-phone');
    const base = await desk.pullAll('vehicles');
    const [one, two] = [base.docs.get(fx.vehicleIds[3]!)!, base.docs.get(fx.vehicleIds[4]!)!];
    expect(await desk.push('vehicles', [edit(one, { lot_location: 'Fila E' })])).toEqual([]);
    const a = await maxSeq('vehicles');
    expect(await desk.push('vehicles', [edit(two, { lot_location: 'Fila F' })])).toEqual([]);
    const b = await maxSeq('vehicles');

    // A page of one row from the old checkpoint: full, so it does not answer a wider question.
    const stats = pullCacheFor(server.ctx).stats;
    let before = { ...stats };
    const res = await fetch(`${server.url}/sync/v1/vehicles/pull?seq=${base.seq}&limit=1&hint=${b}`, { headers: { authorization: `Bearer ${desk.token}` } });
    expect(((await res.json()) as Page).documents.map((d) => d.lot_location)).toEqual(['Fila E']);
    const wide = await hintedPull(phone, 'vehicles', base.seq, b);
    expect(wide.page.documents.map((d) => d.lot_location)).toEqual(['Fila E', 'Fila F']);
    expect(stats.hits - before.hits).toBe(0);

    // The complete answer from the old checkpoint serves a device already at the first change.
    before = { ...stats };
    const later = await hintedPull(desk, 'vehicles', a, b);
    expect(later.page.documents.map((d) => d.lot_location)).toEqual(['Fila F']);
    expect(later.page.checkpoint.seq).toBe(b);
    expect(stats.hits - before.hits).toBe(1);
    expect(stats.misses - before.misses).toBe(0);
  });

  it('is never shared across roles: a salesperson does not get the manager’s cost', async () => {
    const desk = await client(fx.users.manager, 'cache-desk');
    const ana = await client(fx.users.ana, 'cache-ana');
    const base = await desk.pullAll('vehicles');
    const car = base.docs.get(fx.vehicleIds[2]!)!;
    expect(await desk.push('vehicles', [edit(car, { lot_location: 'Fila D', cost: 9999 })])).toEqual([]);
    const hint = await maxSeq('vehicles');
    const m = await hintedPull(desk, 'vehicles', base.seq, hint);
    expect(m.page.documents[0]!.cost).toBe(9999);
    const s = await hintedPull(ana, 'vehicles', base.seq, hint);
    expect(s.page.documents.map((d) => d.lot_location)).toEqual(['Fila D']);
    expect(s.page.documents[0]!.cost).toBeNull();
  });

  it('is never shared across a salesperson’s scope: each rep gets only their leads, and the tombstone of one reassigned away', async () => {
    const desk = await client(fx.users.manager, 'cache-desk');
    const ana = await client(fx.users.ana, 'cache-ana');
    const luis = await client(fx.users.luis, 'cache-luis');
    const all = await desk.pullAll('leads');
    const seq = all.seq;
    const lead = all.docs.get(fx.leadIds.ana)!;
    // Ana's lead goes to Luis: Ana must get its tombstone, Luis the lead, from the same seq and hint.
    expect(await desk.push('leads', [edit(lead, { assigned_to: fx.users.luis.id })])).toEqual([]);
    const hint = await maxSeq('leads');
    const forAna = await hintedPull(ana, 'leads', seq, hint);
    const forLuis = await hintedPull(luis, 'leads', seq, hint);
    const forAnaAgain = await hintedPull(ana, 'leads', seq, hint);
    expect(forAna.page.documents).toEqual([{ id: lead.id, _deleted: true }]);
    expect(forAnaAgain.text).toBe(forAna.text);
    expect(forLuis.page.documents.map((d) => [d.id, d.assigned_to, d._deleted])).toEqual([[lead.id, fx.users.luis.id, false]]);
  });

  it('a rep at a later checkpoint is served the rows past it, less the tombstones it already had', async () => {
    const desk = await client(fx.users.manager, 'cache-desk');
    const phone = await client(fx.users.ana, 'cache-ana-phone');
    const tablet = await client(fx.users.ana, 'cache-ana-tablet');
    const base = await maxSeq('leads');
    // A lead leaves Ana's scope, then changes again (out of her scope); then a lead in her scope changes.
    const away = (await desk.get('leads', fx.leadIds.luis))!;
    const mine = (await desk.get('leads', fx.leadIds.unassigned))!;
    expect(await desk.push('leads', [edit(away, { assigned_to: fx.users.ana.id })])).toEqual([]);
    const back = (await desk.get('leads', away.id))!;
    expect(await desk.push('leads', [edit(back, { assigned_to: fx.users.luis.id })])).toEqual([]);
    const left = await maxSeq('leads');
    expect(await desk.push('leads', [edit((await desk.get('leads', away.id))!, { notes: 'ya no es tuyo' })])).toEqual([]);
    expect(await desk.push('leads', [edit(mine, { notes: 'sigue siendo tuyo' })])).toEqual([]);
    const hint = await maxSeq('leads');

    const stats = pullCacheFor(server.ctx).stats;
    const early = await hintedPull(phone, 'leads', base, hint);
    expect(early.page.documents.map((d) => [d.id, d._deleted ?? false])).toEqual([
      [away.id, true],
      [mine.id, false],
    ]);
    const before = { ...stats };
    // At `left` the tablet already has the tombstone: the query would not send it again, nor may the shared answer.
    const later = await hintedPull(tablet, 'leads', left, hint);
    expect(later.page.documents.map((d) => d.id)).toEqual([mine.id]);
    expect(later.page.checkpoint.seq).toBe(hint);
    expect(stats.hits - before.hits).toBe(1);
    // What the database answers for the same question.
    expect(later.text).toBe((await hintedPull(tablet, 'leads', left)).text);
  });

  it('a hint that is not a seq is a 400 with the field named, and nothing is stored', async () => {
    const desk = await client(fx.users.manager, 'cache-desk');
    const before = pullCacheFor(server.ctx).size;
    for (const bad of ['abc', '-1', '1.5', '1e999', '%00']) {
      const res = await fetch(`${server.url}/sync/v1/vehicles/pull?seq=1&limit=10&hint=${bad}`, { headers: { authorization: `Bearer ${desk.token}` } });
      expect(res.status, bad).toBe(400);
      expect(JSON.stringify(await res.json()), bad).toContain('hint');
    }
    expect(pullCacheFor(server.ctx).size).toBe(before);
  });

  it('a pull without a hint, or a first download, always runs the query', async () => {
    const desk = await client(fx.users.manager, 'cache-desk');
    const stats = pullCacheFor(server.ctx).stats;
    const before = { ...stats };
    await desk.pull('vehicles', 0);
    await desk.pull('vehicles', 1);
    await desk.pull('vehicles', 1);
    await hintedPull(desk, 'vehicles', 0, 10);
    expect(stats).toEqual(before);
  });
});
