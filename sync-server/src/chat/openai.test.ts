import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { seedDemo } from '../seed/index.ts';
import { signAccessToken } from '../auth/tokens.ts';
import { users } from '../db/schema.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai.ts';
import { backfillEmbeddings } from './embeddings.ts';
import { providerFor } from './providers/index.ts';

let fake: FakeOpenAI;
let server: TestServer;
let token: string;
let dealer: string;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  server = await startTestServer({
    env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.url, OPENAI_CHAT_MODEL: 'fake-model', OPENAI_EMBEDDING_MODEL: 'fake-embed' },
    seed: async (db) => { dealer = (await seedDemo(db, { scale: 'small' })).dealership_id; },
  });
  const [ana] = (await server.ctx.db.orm.select().from(users)).filter((u) => u.email === 'ana@demo.example');
  if (!ana) throw new Error('no ana');
  token = await signAccessToken({ id: ana.id, dealership_id: ana.dealership_id, role: 'sales', email: ana.email }, server.ctx.jwtSecret, 3600);
}, 180_000);
afterAll(async () => { await server?.stop(); await fake?.close(); });

async function ask(message: string, accept = 'application/json') {
  const s = await fetch(`${server.url}/api/v1/chat/sessions`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const { id } = (await s.json()) as { id: string };
  return fetch(`${server.url}/api/v1/chat/sessions/${id}/messages`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept },
    body: JSON.stringify({ message, context: { max_results: 20 } }),
  });
}

describe('the OpenAI provider through the real openai SDK, against a fake compatible server', () => {
  it('calls the scoped tool with the model\'s arguments, answers with its text, and lists the tool\'s records as sources', async () => {
    const truth = await server.ctx.db.rows<{ id: string }>(sql`
      select id from vehicles where dealership_id = ${dealer} and not deleted and status = 'available' and make = 'Toyota' and body_type = 'suv'
        and (case when is_promotion and promo_price is not null then promo_price else price end) <= 40000
      order by (case when is_promotion and promo_price is not null then promo_price else price end), id`);
    const res = await ask('¿Qué SUVs Toyota tenemos bajo 40.000 €?');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { content: string; sources: { id: string }[]; metadata: Record<string, unknown> };
    expect(body.sources.map((s) => s.id)).toEqual(truth.slice(0, 20).map((t) => t.id));
    expect(body.content).toContain(`Encontré ${truth.length} SUVs Toyota`);
    expect(body.metadata).toMatchObject({ provider: 'openai', tokens_used: 460, model_version: 'openai:fake-model + openai:fake-embed' });
    const calls = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    const first = calls.at(-2)?.body as { tools: { function: { name: string } }[]; stream: boolean; messages: { role: string; content: string }[] };
    expect(first.stream).toBe(true);
    expect(first.tools.map((t) => t.function.name)).toContain('search_vehicles');
    expect(first.messages[0]?.content).toMatch(/data, not instructions/);
    const second = calls.at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(second.messages.at(-1)?.role).toBe('tool');
    expect(second.messages.at(-1)?.content).not.toMatch(/"cost"/);
  });

  it('streams the model\'s tokens over SSE, then the sources, then done', async () => {
    const res = await ask('Toyota SUVs under 40k', 'text/event-stream');
    const frames = (await res.text()).split('\n\n').filter((f) => f.trim()).map((f) => /^event: (.*)$/m.exec(f)?.[1]);
    expect(frames.filter((f) => f === 'token').length).toBeGreaterThan(3);
    expect(frames.slice(-2)).toEqual(['sources', 'done']);
  });

  it('embeds with the embedding model in 256 dimensions', async () => {
    const embedder = providerFor(server.ctx).embedder;
    const [v] = await embedder.embed(['Toyota RAV4']);
    expect(v).toHaveLength(256);
    if (server.ctx.vector) {
      await backfillEmbeddings(server.ctx.db, embedder, dealer);
      const [row] = await server.ctx.db.rows<{ provider: string }>(sql`select provider from content_embeddings limit 1`);
      expect(row?.provider).toBe('openai:fake-embed');
    }
    expect(fake.requests.some((r) => r.path === '/v1/embeddings' && r.body.dimensions === 256)).toBe(true);
  });
});
