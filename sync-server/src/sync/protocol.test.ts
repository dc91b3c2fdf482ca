import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PUSH_BATCH_MAX } from '@lotbook/shared';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { RawSyncClient } from '../test/sync-client.ts';

let server: TestServer;
let fx: Fixture;
let ana: RawSyncClient;

beforeAll(async () => {
  server = await startTestServer({ env: { BODY_LIMIT_BYTES: '200000' } });
  fx = await createFixture(server.ctx.db);
  ana = new RawSyncClient(server.url, await tokenFor(fx.users.ana, server.ctx.jwtSecret));
});
afterAll(() => server?.stop());

async function expectError(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: string; message: string };
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe('string');
}

describe('versioned protocol (invariant 8)', () => {
  it('answers 426 to an old protocol version and to an unknown client schema', async () => {
    await expectError(await fetch(`${server.url}/sync/v0/leads/pull`, { headers: { authorization: `Bearer ${ana.token}` } }), 426, 'upgrade_required');
    await expectError(await fetch(`${server.url}/sync/v1/leads/pull?schema_version=-1`, { headers: { authorization: `Bearer ${ana.token}` } }), 426, 'upgrade_required');
    await expectError(await fetch(`${server.url}/sync/v1/leads/pull?schema_version=99`, { headers: { authorization: `Bearer ${ana.token}` } }), 400, 'unsupported_schema_version');
  });
});

describe('bad input gets a clear 4xx, never a 500', () => {
  it('rejects unknown collections, bad checkpoints and pushes to pull-only collections', async () => {
    await expectError(await ana.pullRaw('dragons'), 404, 'unknown_collection');
    await expectError(await ana.pullRaw('leads', -1), 400, 'validation_error');
    await expectError(await fetch(`${server.url}/sync/v1/leads/pull?seq=abc`, { headers: { authorization: `Bearer ${ana.token}` } }), 400, 'validation_error');
    await expectError(await ana.pullRaw('leads', 0, 100_000), 400, 'validation_error');
    await expectError(await ana.pushRaw('team', []), 405, 'read_only_collection');
  });

  it('rejects malformed push bodies and keeps them in the rejected-writes log', async () => {
    await expectError(await ana.pushRaw('leads', '{"not json'), 400, 'invalid_json');
    await expectError(await ana.pushRaw('leads', { assumedMasterState: null }), 400, 'invalid_push');
    await expectError(await ana.pushRaw('leads', [{ newDocumentState: 'x' }]), 400, 'invalid_push');
    // A row whose id is not a UUID is refused alone (issue 8), not the whole batch.
    const alone = await ana.push('leads', [{ assumedMasterState: null, newDocumentState: { id: 'not-a-uuid' } }]);
    expect(alone).toEqual([{ id: 'not-a-uuid', _deleted: true, _rejection: expect.objectContaining({ reason: 'invalid_document' }) }]);
    const log = (await (await fetch(`${server.url}/sync/v1/rejections`, { headers: { authorization: `Bearer ${ana.token}` } })).json()) as { results: { reason: string; document: { raw_prefix?: unknown; id?: unknown } }[] };
    expect(log.results.filter((r) => r.reason === 'invalid_document').length).toBeGreaterThanOrEqual(4);
    expect(log.results.some((r) => r.document.raw_prefix === '{"not json')).toBe(true);
    expect(log.results.some((r) => r.document.id === 'not-a-uuid')).toBe(true);
  });

  it('rejects a batch over the limit and a body over the size limit', async () => {
    const rows = Array.from({ length: PUSH_BATCH_MAX + 1 }, () => ({ assumedMasterState: null, newDocumentState: { id: randomUUID() } }));
    await expectError(await ana.pushRaw('customers', rows), 413, 'batch_too_large');
    const huge = [{ assumedMasterState: null, newDocumentState: { id: randomUUID(), notes: 'x'.repeat(300_000) } }];
    await expectError(await ana.pushRaw('leads', huge), 413, 'payload_too_large');
  });

  it('rejects wrong types and unknown enum values per document with invalid_document', async () => {
    const t = new Date().toISOString();
    const base = { id: randomUUID(), dealership_id: fx.dealershipId, created_at: t, updated_at: t, version: 0, seq: 0, _deleted: false, customer_id: fx.customerIds[0], assigned_to: fx.users.ana.id, source: 'carrier_pigeon', status: 'new', priority: 'medium', budget_min: null, budget_max: null, preferences: {}, notes: null, score: 0, score_factors: [], last_contact_at: null, first_response_at: null };
    const res = await ana.push('leads', [{ assumedMasterState: null, newDocumentState: base }]);
    expect(res[0]).toMatchObject({ id: base.id, _deleted: true, _rejection: { reason: 'invalid_document' } });
    expect(String((res[0]!._rejection as { message: string }).message)).toContain('source');
  });

  it('rejects missing, bad and expired tokens with 401 and a code', async () => {
    await expectError(await fetch(`${server.url}/sync/v1/leads/pull`), 401, 'unauthorized');
    await expectError(await fetch(`${server.url}/sync/v1/leads/pull`, { headers: { authorization: 'Bearer garbage' } }), 401, 'invalid_token');
    const tampered = ana.token.slice(0, -3) + (ana.token.endsWith('abc') ? 'xyz' : 'abc');
    await expectError(await fetch(`${server.url}/sync/v1/leads/pull`, { headers: { authorization: `Bearer ${tampered}` } }), 401, 'invalid_token');
    const expired = await tokenFor(fx.users.ana, server.ctx.jwtSecret, 60, Date.now() - 3_600_000);
    await expectError(await fetch(`${server.url}/sync/v1/leads/pull`, { headers: { authorization: `Bearer ${expired}` } }), 401, 'token_expired');
  });
});
