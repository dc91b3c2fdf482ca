import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string }[]; security?: unknown[]; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }>; securitySchemes: Record<string, { scheme?: string }> };
};

async function fetchDoc(): Promise<Doc> {
  const res = await fetch(`${server.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  return (await res.json()) as Doc;
}

it('serves an OpenAPI 3.1 document without authentication', async () => {
  const doc = await fetchDoc();
  expect(doc.openapi).toMatch(/^3\.1\./);
  expect(doc.components.securitySchemes.bearerAuth?.scheme).toBe('bearer');
  for (const p of ['/health/live', '/health/ready', '/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout', '/api/v1/auth/me',
    '/api/v1/auth/change-password', '/api/v1/vehicles', '/api/v1/vehicles/{id}', '/sync/v1/{collection}/pull', '/sync/v1/{collection}/push', '/sync/v1/stream',
    '/api/v1/routing/settings', '/api/v1/routing/summary', '/api/v1/routing/leads/{id}', '/api/v1/aging']) {
    expect(doc.paths[p], p).toBeDefined();
  }
  expect(doc.paths['/api/v1/auth/login']?.post?.security).toEqual([]);
});

it('documents every vehicle list parameter and the Vehicle and Error schemas', async () => {
  const doc = await fetchDoc();
  const list = doc.paths['/api/v1/vehicles']?.get;
  const names = list?.parameters?.map((p) => p.name);
  expect(names).toEqual(['make', 'model', 'year_min', 'year_max', 'price_min', 'price_max', 'status', 'body_type', 'fuel_type', 'search', 'ordering', 'page', 'page_size']);
  expect(Object.keys(list?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401']));
  const vehicle = doc.components.schemas.Vehicle?.properties ?? {};
  for (const f of ['vin', 'make', 'model', 'price', 'fuel_type', 'status', 'features', 'images', 'days_in_stock', 'is_aged', 'created_at']) expect(vehicle, f).toHaveProperty(f);
  expect(doc.components.schemas.Error?.properties).toHaveProperty('error');
});

it('has no dangling $ref and its schemas compile as JSON Schema', async () => {
  const doc = await fetchDoc();
  const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
  for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r.slice(22, -1));
  // zod can read JSON Schema back: a cheap check that each component is well-formed.
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    if (JSON.stringify(schema).includes('$ref')) continue;
    expect(() => z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]), name).not.toThrow();
  }
});

it('documents the chat routes: sessions, the spec\'s Endpoint 2 request and answer, its SSE stream, suggestions and feedback', async () => {
  const doc = await fetchDoc();
  for (const [p, m] of [['/api/v1/chat/sessions', 'get'], ['/api/v1/chat/sessions', 'post'], ['/api/v1/chat/sessions/{session_id}', 'delete'],
    ['/api/v1/chat/sessions/{session_id}/messages', 'get'], ['/api/v1/chat/sessions/{session_id}/messages', 'post'],
    ['/api/v1/chat/messages/{message_id}/feedback', 'post'], ['/api/v1/chat/feedback', 'get'], ['/api/v1/chat/suggestions', 'get']] as const) {
    expect(doc.paths[p]?.[m], `${m} ${p}`).toBeDefined();
  }
  const ask = doc.paths['/api/v1/chat/sessions/{session_id}/messages']?.post as unknown as { description: string; responses: Record<string, { content?: Record<string, unknown> }> };
  expect(Object.keys(ask.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '429']));
  expect(Object.keys(ask.responses['200']?.content ?? {})).toEqual(['application/json', 'text/event-stream']);
  expect(ask.description).toMatch(/token.*sources.*done/s);
  const request = doc.components.schemas.ChatAskRequest as { properties: { context: { properties: Record<string, { default?: unknown }> } } };
  expect(Object.keys(request.properties)).toEqual(['message', 'context']);
  expect(request.properties.context.properties.include_inventory?.default).toBe(true);
  expect(request.properties.context.properties.include_leads?.default).toBe(false);
  expect(request.properties.context.properties.max_results?.default).toBe(5);
  expect(Object.keys(doc.components.schemas.ChatAnswer?.properties ?? {})).toEqual(['message_id', 'content', 'sources', 'metadata']);
  const metadata = (doc.components.schemas.ChatAnswer?.properties?.metadata ?? {}) as { properties: Record<string, unknown> };
  for (const f of ['tokens_used', 'response_time', 'model_version', 'embedding_similarity']) expect(metadata.properties, f).toHaveProperty(f);
  const sourceType = doc.components.schemas.ChatSource?.properties?.type as { enum: string[] } | undefined;
  expect(sourceType?.enum).toEqual(['vehicle', 'lead', 'sale']);
});

it('documents the routes of setup, one-time links, the team, the dealership, my account and the audit log', async () => {
  const doc = await fetchDoc();
  for (const [p, m] of [['/api/v1/setup', 'post'], ['/api/v1/setup/check', 'post'], ['/api/v1/password-links/check', 'post'], ['/api/v1/password-links/use', 'post'],
    ['/api/v1/team', 'get'], ['/api/v1/team', 'post'], ['/api/v1/team/{id}', 'patch'], ['/api/v1/team/{id}/deactivate', 'post'], ['/api/v1/team/{id}/reactivate', 'post'],
    ['/api/v1/team/{id}/reset-password', 'post'], ['/api/v1/dealership', 'get'], ['/api/v1/dealership', 'patch'], ['/api/v1/account', 'patch'],
    ['/api/v1/account/sessions', 'get'], ['/api/v1/account/sessions/{family}/sign-out', 'post'], ['/api/v1/audit', 'get'],
    ['/api/v1/dealership/logo', 'put'], ['/api/v1/dealership/logo', 'delete'], ['/api/v1/dealership-logos/{dealership_id}', 'get']] as const) {
    expect(doc.paths[p]?.[m], `${m} ${p}`).toBeDefined();
  }
  expect(doc.paths['/api/v1/setup']?.post?.security).toEqual([]);
  expect(Object.keys(doc.components.schemas.CreateMemberRequest?.properties ?? {})).toEqual(expect.arrayContaining(['email', 'role', 'working_hours', 'days_off']));
});

it('documents the imports and exports: ADF, CSV/Excel preview and import with progress, the import log, the exports and their filters', async () => {
  const doc = await fetchDoc();
  for (const [p, m] of [['/api/v1/leads/import/adf', 'post'], ['/api/v1/imports', 'get'], ['/api/v1/imports/{entity}/preview', 'post'], ['/api/v1/imports/{entity}', 'post'],
    ['/api/v1/imports/progress/{id}', 'get'], ['/api/v1/exports/{entity}', 'get']] as const) {
    expect(doc.paths[p]?.[m], `${m} ${p}`).toBeDefined();
  }
  const imp = doc.paths['/api/v1/imports/{entity}']?.post;
  expect(Object.keys(imp?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409', '413', '415', '422']));
  const names = doc.paths['/api/v1/exports/{entity}']?.get?.parameters?.map((p) => p.name);
  expect(names).toEqual(expect.arrayContaining(['entity', 'format', 'status', 'search', 'salesperson', 'from', 'to']));
});

it('documents the jobs, the job list on /health, notification preferences and push subscriptions', async () => {
  const doc = await fetchDoc();
  for (const [p, m] of [['/health/tasks', 'get'], ['/api/v1/jobs', 'get'], ['/api/v1/jobs/{name}/run', 'post'], ['/api/v1/notifications/preferences', 'get'],
    ['/api/v1/notifications/preferences', 'put'], ['/api/v1/notifications/push/public-key', 'get'], ['/api/v1/notifications/push/subscriptions', 'post'],
    ['/api/v1/notifications/push/subscriptions', 'delete']] as const) {
    expect(doc.paths[p]?.[m], `${m} ${p}`).toBeDefined();
  }
});
