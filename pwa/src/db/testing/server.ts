import { syncPaths, type CollectionName } from '@lotbook/shared';
import { login, startTestServer, type TestServer } from '@lotbook/sync-server/test-harness';
import { seedDemo } from '@lotbook/sync-server/seed';

export { login };
export type { TestServer };

/** A real sync server over HTTP on a fresh database (PGlite or Postgres per TEST_DB), demo-seeded. */
export function startSeededServer(env: Record<string, string> = {}): Promise<TestServer> {
  return startTestServer({ env: { LOGIN_RATE_LIMIT: '10000', ...env }, seed: (db) => seedDemo(db, { scale: 'small', now: new Date('2026-06-01T10:00:00Z') }) });
}

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

/** Everything `email` can see in a collection, straight from the server (live documents only). */
export async function serverDocs(baseUrl: string, token: string, collection: CollectionName): Promise<Map<string, Doc>> {
  const all = await serverChanges(baseUrl, token, collection, 0);
  for (const [id, d] of all) if (d._deleted) all.delete(id);
  return all;
}

/** What a pull from `since` gives the token's user: the latest state of every changed document, tombstones included. */
export async function serverChanges(baseUrl: string, token: string, collection: CollectionName, since: number): Promise<Map<string, Doc>> {
  const out = new Map<string, Doc>();
  let seq = since;
  for (;;) {
    const res = await fetch(`${baseUrl}${syncPaths.pull(collection)}?seq=${seq}&limit=2000`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { documents: Doc[]; checkpoint: { seq: number } };
    for (const d of page.documents) out.set(d.id, d);
    if (page.documents.length < 2000) break;
    seq = page.checkpoint.seq;
  }
  return out;
}

/** POST a raw push batch as `token`. */
export async function rawPush(baseUrl: string, token: string, collection: CollectionName, rows: unknown[]): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}${syncPaths.push(collection)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  });
  return { status: res.status, body: await res.json() };
}

/** The dealership's current change sequence, as seen by the token's user (a baseline for serverChanges). */
export async function currentSeq(baseUrl: string, token: string, collections: readonly CollectionName[]): Promise<number> {
  let max = 0;
  for (const c of collections) for (const d of (await serverChanges(baseUrl, token, c, 0)).values()) max = Math.max(max, Number(d.seq));
  return max;
}

const tokens = new Map<string, { token: string; exp: number }>();

/** A valid access token for a demo user, independent of any device's session (for checking the server). */
export async function tokenFor(baseUrl: string, email: string): Promise<string> {
  const key = `${baseUrl} ${email}`;
  const cached = tokens.get(key);
  if (cached && cached.exp > Date.now() + 1500) return cached.token;
  const { access_token } = await login(baseUrl, email);
  const { exp } = JSON.parse(Buffer.from(access_token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number };
  tokens.set(key, { token: access_token, exp: exp * 1000 });
  return access_token;
}
