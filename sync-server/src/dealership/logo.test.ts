import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, PASSWORD, seedAuthFixture, type Fixture } from '../auth/test-fixtures.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { LOGO_MAX_BYTES, sniffLogo } from './logo.ts';

let server: TestServer;
let fx: Fixture;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '1000' }, seed: async (db) => (fx = await seedAuthFixture(db)) });
  for (const key of ['admin', 'manager', 'viewer', 'otherManager'] as const) {
    tokens[key] = (await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: fx[key].email, password: PASSWORD } })).body.access_token as string;
  }
});
afterAll(() => server?.stop());

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const SVG = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');

const upload = async (token: string | undefined, bytes: Uint8Array, name = 'logo.png', type = 'image/png') => {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  const res = await fetch(`${server.url}/api/v1/dealership/logo`, { method: 'PUT', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const stored = async () => (await server.ctx.db.rows<{ n: number }>(sql`select count(*)::int as n from dealership_logos`))[0]!.n;

describe('the dealership logo', () => {
  it('an admin uploads a PNG: it is served at a public, versioned address, listed in the settings and in the session', async () => {
    const res = await upload(tokens.admin, PNG);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ content_type: 'image/png', size: PNG.length });
    const url = res.body.logo_url as string;
    expect(url).toMatch(new RegExp(`^/api/v1/dealership-logos/${fx.alpha}\\?v=\\d+$`));

    // No token needed (an <img>, the login screen); the bytes come back as they were.
    const img = await fetch(`${server.url}${url}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(img.headers.get('cache-control')).toContain('immutable');
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true);
    const again = await fetch(`${server.url}${url}`, { headers: { 'if-none-match': img.headers.get('etag')! } });
    expect(again.status).toBe(304);

    expect((await call(server.url, 'GET', '/api/v1/dealership', { token: tokens.viewer })).body.logo_url).toBe(url);
    const login = await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: fx.sales.email, password: PASSWORD } });
    expect((login.body.dealership as { logo_url: string }).logo_url).toBe(url);
    // Another dealership has none.
    expect((await call(server.url, 'GET', '/api/v1/dealership', { token: tokens.otherManager })).body.logo_url).toBeNull();
  });

  it('refuses SVG, other files, an empty file, a too-large image and a non-multipart body, storing nothing', async () => {
    const before = await stored();
    const svg = await upload(tokens.admin, SVG, 'logo.png', 'image/png');
    expect(svg.status).toBe(415);
    expect(svg.body.error).toBe('svg_not_allowed');
    const text = await upload(tokens.admin, Buffer.from('hola, soy un logo'), 'logo.txt', 'text/plain');
    expect(text.status).toBe(415);
    expect(text.body.error).toBe('unsupported_image');
    const empty = await upload(tokens.admin, new Uint8Array(0));
    expect(empty.status).toBe(400);
    const big = Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)]);
    const tooBig = await upload(tokens.admin, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toBe('logo_too_large');
    const json = await call(server.url, 'PUT', '/api/v1/dealership/logo', { token: tokens.admin, body: { file: PNG.toString('base64') } });
    expect(json.status).toBe(415);
    expect(await stored()).toBe(before);
    const current = (await call(server.url, 'GET', '/api/v1/dealership', { token: tokens.admin })).body.logo_url as string;
    expect(Buffer.from(await (await fetch(`${server.url}${current}`)).arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('only admins change it; unknown addresses are 404', async () => {
    expect((await upload(tokens.manager, PNG)).status).toBe(403);
    expect((await upload(tokens.viewer, PNG)).status).toBe(403);
    expect((await upload(undefined, PNG)).status).toBe(401);
    expect((await call(server.url, 'DELETE', '/api/v1/dealership/logo', { token: tokens.manager })).status).toBe(403);
    expect((await fetch(`${server.url}/api/v1/dealership-logos/${fx.beta}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/dealership-logos/not-a-uuid`)).status).toBe(404);
  });

  it('an admin removes it: the address is gone and the settings say null', async () => {
    const url = (await call(server.url, 'GET', '/api/v1/dealership', { token: tokens.admin })).body.logo_url as string;
    expect((await call(server.url, 'DELETE', '/api/v1/dealership/logo', { token: tokens.admin })).status).toBe(204);
    expect((await fetch(`${server.url}${url}`)).status).toBe(404);
    expect((await call(server.url, 'GET', '/api/v1/dealership', { token: tokens.admin })).body.logo_url).toBeNull();
    expect((await call(server.url, 'DELETE', '/api/v1/dealership/logo', { token: tokens.admin })).status).toBe(404);
  });

  it('reads the type from the bytes', () => {
    expect(sniffLogo(PNG)).toBe('image/png');
    expect(sniffLogo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffLogo(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(() => sniffLogo(Buffer.from('\ufeff  <svg></svg>'))).toThrow(/SVG/);
    expect(() => sniffLogo(Buffer.from('GIF89a'))).toThrow(/PNG, JPEG or WebP/);
  });
});
