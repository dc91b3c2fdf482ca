import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { PASSWORD, seedAuthFixture, type Fixture } from '../auth/test-fixtures.ts';

/**
 * REST fuzz (issue 8): every /api/v1 route, login and refresh included, fed NUL characters, lone
 * surrogates, huge strings, deep JSON, odd numbers, prototype keys and broken encodings, in the
 * body, the query string and the path, with and without a token of each role. The cases come from
 * a table crossed with each route's fields, plus seeded random mixes. Nothing may answer 5xx, and
 * every refusal must use the `{error, message}` shape.
 */
let server: TestServer;
let fx: Fixture;
const tokens: Record<string, string> = {};
let chatSession = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  server = await startTestServer({
    // The throttle would answer most logins with 429 before the password path runs: open it wide.
    env: { LOGIN_RATE_LIMIT: '1000000', BODY_LIMIT_BYTES: String(2 * 1024 * 1024) },
    seed: async (db) => (fx = await seedAuthFixture(db)),
  });
  // The manager's token is only for logout, whose `all: true` cases end every session of its user.
  for (const role of ['admin', 'sales', 'viewer', 'manager'] as const) {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: fx[role].email, password: PASSWORD }),
    });
    tokens[role] = ((await res.json()) as { access_token: string }).access_token;
  }
  // A real chat session of the admin, so that message cases reach the route's own checks.
  const session = await fetch(`${server.url}/api/v1/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` }, body: '{}' });
  chatSession = ((await session.json()) as { id: string }).id;
});
afterAll(() => server?.stop());

/** Values for a JSON field, as JSON text (some are not expressible as JS values: 1e400). */
const EVIL_JSON: Record<string, string> = {
  nul: JSON.stringify('a\u0000b'),
  nulOnly: JSON.stringify('\u0000'),
  loneHigh: '"x\\ud800y"',
  loneLow: '"\\udfff"',
  reversedPair: '"\\udc00\\ud800"',
  huge: JSON.stringify('A'.repeat(300_000)),
  long: JSON.stringify('é'.repeat(5_000)),
  emoji: JSON.stringify('👩‍🔧🚗'.repeat(50)),
  rtl: JSON.stringify('\u202eadmin@alpha.example'),
  controls: JSON.stringify('\u0001\u0007\u001b[31m'),
  empty: '""',
  spaces: '"   "',
  sqlish: JSON.stringify("' OR 1=1 --"),
  bigNumber: '1e400',
  tinyNumber: '1e-400',
  negZero: '-0',
  unsafeInt: '9007199254740993',
  float: '0.004',
  negative: '-1',
  true: 'true',
  null: 'null',
  array: '["a", 1, null]',
  nestedNul: '{"a":{"b":["\\u0000"]}}',
  deep: `${'['.repeat(3000)}${']'.repeat(3000)}`,
  deepObject: `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
  protoKey: '{"__proto__":{"role":"admin","isAdmin":true}}',
  constructorKey: '{"constructor":{"prototype":{"role":"admin"}}}',
  nulKey: '{"a\\u0000":1}',
  surrogateKey: '{"\\ud800":1}',
};

/** Whole bodies that are not one field's value. */
const EVIL_BODIES: Record<string, string> = {
  invalid: '{"email": ',
  notJson: 'email=a&password=b',
  bom: '\ufeff{"email":"a@b.c","password":"x"}',
  topArray: '[]',
  topNull: 'null',
  topNumber: '1e400',
  topString: '"\\u0000"',
  deep: `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  deepUnclosed: '{"a":'.repeat(20_000),
  protoTop: '{"__proto__":{"email":"admin@alpha.example"},"password":"x"}',
  dupKeys: '{"email":"a@b.c","email":"admin@alpha.example","password":"x"}',
  hugeKey: `{"${'k'.repeat(100_000)}":1}`,
  manyKeys: `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
};

/** Values for a query parameter or a path segment, already percent-encoded. */
const EVIL_URL: Record<string, string> = {
  nul: '%00',
  nulMid: 'a%00b',
  badEncoding: '%ZZ',
  truncated: '%E2%82',
  loneSurrogateUtf8: '%ED%A0%80',
  overlong: '%C0%AF',
  long: 'a'.repeat(3_000),
  longUnicode: encodeURIComponent('é'.repeat(1_500)),
  bigNumber: '1e400',
  negZero: '-0',
  hex: '0x10',
  nan: 'NaN',
  infinity: 'Infinity',
  unsafeInt: '9007199254740993',
  float: '0.004',
  sqlish: encodeURIComponent("' OR 1=1 --"),
  traversal: '..%2F..%2Fetc%2Fpasswd',
  newline: 'a%0D%0ASet-Cookie:%20x=1',
  proto: '__proto__',
  emoji: encodeURIComponent('🚗'),
  empty: '',
};

interface Case {
  name: string;
  method: string;
  path: string;
  body?: string;
  auth?: keyof typeof tokens | 'garbage';
}

const BODY_ROUTES: Array<{ path: string; fields: Record<string, string>; auth?: keyof typeof tokens; method?: string }> = [
  // {{admin}} becomes the admin's email when the case is sent (the fixture is seeded in beforeAll).
  { path: '/api/v1/auth/login', fields: { email: JSON.stringify('{{admin}}'), password: JSON.stringify('wrong-password') } },
  { path: '/api/v1/auth/refresh', fields: { refresh_token: JSON.stringify('not-a-token') } },
  { path: '/api/v1/auth/logout', fields: { refresh_token: JSON.stringify('not-a-token'), all: 'false' }, auth: 'manager' },
  { path: '/api/v1/auth/change-password', fields: { current_password: JSON.stringify('wrong-password'), new_password: JSON.stringify('another-password') }, auth: 'sales' },
  // The routes of the features built on top (chat, analytics, team, dealership, account, links, imports).
  { path: '/api/v1/chat/sessions', fields: { title: JSON.stringify('Coches') }, auth: 'sales' },
  { path: '/api/v1/chat/sessions/{{session}}/messages', fields: { message: JSON.stringify('¿Qué SUVs Toyota tenemos bajo 40.000 €?'), context: '{"include_inventory":true,"include_leads":true,"max_results":5}' }, auth: 'admin' },
  { path: '/api/v1/team', fields: { email: JSON.stringify('nuevo@fuzz.example'), first_name: JSON.stringify('Nuevo'), last_name: JSON.stringify('Vendedor'), role: JSON.stringify('sales') }, auth: 'admin' },
  { path: '/api/v1/dealership', method: 'PATCH', fields: { name: JSON.stringify('Automóviles Fuzz'), timezone: JSON.stringify('Europe/Madrid'), currency: JSON.stringify('EUR') }, auth: 'admin' },
  { path: '/api/v1/dealership/logo', method: 'PUT', fields: { file: JSON.stringify('iVBORw0KGgo=') }, auth: 'admin' },
  { path: '/api/v1/account', method: 'PATCH', fields: { first_name: JSON.stringify('Ana'), phone: JSON.stringify('+34612345678') }, auth: 'sales' },
  { path: '/api/v1/analytics/commission', method: 'PUT', fields: { type: JSON.stringify('percent_of_gross'), value: '10' }, auth: 'admin' },
  { path: '/api/v1/password-links/check', fields: { token: JSON.stringify('not-a-token') } },
  { path: '/api/v1/password-links/use', fields: { token: JSON.stringify('not-a-token'), password: JSON.stringify('another-password') } },
  { path: '/api/v1/leads/import/adf', fields: { xml: JSON.stringify('<adf/>') }, auth: 'admin' },
  // CSV/Excel imports take multipart only: a JSON body of any shape is a 415.
  { path: '/api/v1/imports/leads', fields: { file: JSON.stringify('a;b'), mapping: '["first_name",null]' }, auth: 'admin' },
  { path: '/api/v1/imports/vehicles/preview', fields: { file: JSON.stringify('a;b') }, auth: 'admin' },
  // Issue 10: notification preferences, push subscriptions, manual job runs.
  { path: '/api/v1/notifications/preferences', method: 'PUT', fields: { channels: '{"hot_lead":["in_app","push"]}', quiet_start: JSON.stringify('22:00'), quiet_end: JSON.stringify('07:00'), time_zone: JSON.stringify('Europe/Madrid') }, auth: 'sales' },
  { path: '/api/v1/notifications/push/subscriptions', fields: { endpoint: JSON.stringify('https://push.fuzz.example/sub/1'), keys: '{"p256dh":"BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM","auth":"tBHItJI5svbpez7KI4CCXg"}', device_id: JSON.stringify('fuzz-device') }, auth: 'sales' },
  { path: '/api/v1/notifications/push/subscriptions', method: 'DELETE', fields: { endpoint: JSON.stringify('https://push.fuzz.example/sub/1') }, auth: 'sales' },
  { path: '/api/v1/jobs/cleanup/run', fields: {}, auth: 'admin' },
  { path: '/api/v1/routing/settings', method: 'PUT', fields: { weights: '{"specialization":30,"conversion":20,"per_active_lead":5,"available":10}', hot_threshold: '70', escalation_minutes: '120' }, auth: 'admin' },
];
const QUERY_ROUTES: Array<{ path: string; params: string[]; auth: keyof typeof tokens }> = [
  { path: '/api/v1/vehicles', params: ['make', 'model', 'year_min', 'year_max', 'price_min', 'price_max', 'status', 'body_type', 'fuel_type', 'search', 'ordering', 'page', 'page_size'], auth: 'sales' },
  { path: '/api/v1/audit', params: ['entity', 'entity_id', 'user_id', 'action', 'page', 'page_size'], auth: 'admin' },
  { path: '/api/v1/analytics/dashboard', params: ['period', 'compare_previous', 'date'], auth: 'admin' },
  { path: '/api/v1/analytics/sellers', params: ['period', 'date'], auth: 'sales' },
  { path: '/api/v1/analytics/forecast', params: ['horizon_weeks', 'by'], auth: 'admin' },
  { path: '/api/v1/exports/inventory', params: ['format', 'make', 'status', 'price_min', 'search'], auth: 'sales' },
  { path: '/api/v1/exports/leads', params: ['format', 'status', 'source', 'assigned', 'from', 'to', 'search'], auth: 'sales' },
  { path: '/api/v1/exports/sales', params: ['format', 'status', 'salesperson', 'from', 'to'], auth: 'admin' },
  { path: '/api/v1/routing/summary', params: ['from', 'to'], auth: 'admin' },
  { path: '/api/v1/aging', params: ['min_days'], auth: 'admin' },
];

/** A small seeded PRNG (mulberry32): the same cases on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildCases(): Case[] {
  const cases: Case[] = [];
  for (const r of BODY_ROUTES) {
    for (const [field] of Object.entries(r.fields)) {
      for (const [evil, json] of Object.entries(EVIL_JSON)) {
        const parts = Object.entries(r.fields).map(([k, v]) => `${JSON.stringify(k)}:${k === field ? json : v}`);
        cases.push({ name: `${r.path} ${field}=${evil}`, method: r.method ?? 'POST', path: r.path, body: `{${parts.join(',')}}`, ...(r.auth ? { auth: r.auth } : {}) });
      }
    }
    for (const [evil, body] of Object.entries(EVIL_BODIES)) cases.push({ name: `${r.path} body ${evil}`, method: r.method ?? 'POST', path: r.path, body, ...(r.auth ? { auth: r.auth } : {}) });
  }
  for (const r of QUERY_ROUTES) {
    for (const p of r.params) {
      for (const [evil, v] of Object.entries(EVIL_URL)) cases.push({ name: `${r.path}?${p}=${evil}`, method: 'GET', path: `${r.path}?${p}=${v}`, auth: r.auth });
    }
    for (const [evil, v] of Object.entries(EVIL_URL)) cases.push({ name: `${r.path}?<key ${evil}>`, method: 'GET', path: `${r.path}?${v}=1`, auth: r.auth });
    // Seeded random mixes of several parameters at once.
    const rand = rng(8);
    const values = Object.values(EVIL_URL);
    for (let i = 0; i < 60; i++) {
      const picked = r.params.filter(() => rand() < 0.3);
      const qs = picked.map((p) => `${p}=${values[Math.floor(rand() * values.length)]}`).join('&');
      cases.push({ name: `${r.path} mix ${i}`, method: 'GET', path: `${r.path}?${qs}`, auth: r.auth });
    }
  }
  for (const [evil, v] of Object.entries(EVIL_URL)) {
    cases.push({ name: `/api/v1/vehicles/${evil}`, method: 'GET', path: `/api/v1/vehicles/${v}`, auth: 'viewer' });
    cases.push({ name: `/api/v1/${evil}`, method: 'GET', path: `/api/v1/${v}`, auth: 'viewer' });
    cases.push({ name: `/api/v1/dealership-logos/${evil}`, method: 'GET', path: `/api/v1/dealership-logos/${v}` });
  }
  // Every route with no token, a garbage token, and each role, plain.
  const plain = [
    '/api/v1/auth/me', '/api/v1/vehicles', '/api/v1/vehicles/', `/api/v1/vehicles/00000000-0000-4000-8000-000000000000`, '/api/v1/audit', '/api/openapi.json',
    '/api/v1/team', '/api/v1/dealership', '/api/v1/account', '/api/v1/chat/sessions', '/api/v1/chat/suggestions', '/api/v1/chat/sessions/{{session}}/messages',
    '/api/v1/analytics/inventory-aging', '/api/v1/analytics/leads-funnel', '/api/v1/analytics/restock', '/api/v1/analytics/targets', '/api/v1/analytics/report.xlsx',
    '/api/v1/imports', '/api/v1/exports/customers', '/api/v1/exports/sales?format=xlsx', '/api/v1/imports/progress/not-a-progress-id',
    '/api/v1/jobs', '/api/v1/notifications/preferences', '/api/v1/notifications/push/public-key', '/health/tasks',
    '/api/v1/routing/settings', '/api/v1/routing/summary', '/api/v1/routing/leads/00000000-0000-4000-8000-000000000000', '/api/v1/routing/leads/not-a-uuid', '/api/v1/aging',
    '/api/v1/dealership-logos/00000000-0000-4000-8000-000000000000',
  ];
  for (const path of plain) {
    for (const auth of [undefined, 'garbage', 'admin', 'sales', 'viewer'] as const) {
      cases.push({ name: `${path} as ${auth ?? 'anonymous'}`, method: 'GET', path, ...(auth ? { auth } : {}) });
    }
  }
  // Methods a route does not have, with bodies.
  for (const path of ['/api/v1/vehicles', '/api/v1/auth/me', '/api/v1/audit', '/api/v1/dealership/logo', '/api/v1/dealership-logos/00000000-0000-4000-8000-000000000000']) {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) cases.push({ name: `${method} ${path}`, method, path, body: EVIL_JSON.protoKey, auth: 'admin' });
  }
  return cases;
}

/** Raw HTTP, so that malformed URLs reach the server exactly as written. */
function send(c: Case): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  const body = c.body?.replaceAll('{{admin}}', fx.admin.email);
  const path = c.path.replaceAll('{{session}}', chatSession);
  const headers: Record<string, string> = {};
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  if (c.auth === 'garbage') headers.authorization = `Bearer ${'x.'.repeat(3000)}`;
  else if (c.auth) headers.authorization = `Bearer ${tokens[c.auth]}`;
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: c.method, path, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('REST fuzz', () => {
  it('never answers 5xx, and every refusal has the error shape', async () => {
    const cases = buildCases();
    const failures: string[] = [];
    const byStatus: Record<number, number> = {};
    let requests = 0;
    for (const c of cases) {
      const res = await send(c);
      requests++;
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      if (res.status >= 500) failures.push(`${c.name}: ${res.status} ${res.body.slice(0, 200)}`);
      else if (res.status >= 400) {
        let shape = false;
        try {
          const j = JSON.parse(res.body) as { error?: unknown; message?: unknown };
          shape = typeof j.error === 'string' && typeof j.message === 'string';
        } catch {
          shape = false;
        }
        if (!shape) failures.push(`${c.name}: ${res.status} without the error shape: ${res.body.slice(0, 120)}`);
      }
    }
    // The server is still healthy and still serves a valid request.
    const after = await send({ name: 'after', method: 'GET', path: '/api/v1/vehicles', auth: 'admin' });
    requests++;
    expect(after.status).toBe(200);
    const fives = Object.entries(byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, k]) => n + k, 0);
    console.info(`REST fuzz (${process.env.TEST_DB ?? 'pglite'}): ${cases.length} cases, ${requests} requests, ${fives} answered 5xx; statuses ${JSON.stringify(byStatus)}`);
    expect(failures).toEqual([]);
    expect(fives).toBe(0);
    expect(cases.length).toBeGreaterThan(500);
  });
});
