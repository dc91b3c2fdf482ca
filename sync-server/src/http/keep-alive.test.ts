import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { seedAuthFixture, type Fixture } from '../auth/test-fixtures.ts';

/**
 * After an answer given without reading a large request body (401, 403, 404, 413, 426), the
 * same keep-alive connection must still serve the next request, or be closed cleanly so that a
 * keep-alive client retries on a new one. Real server, real sockets.
 */
let server: TestServer;
let fx: Fixture;
let viewerToken = '';

beforeAll(async () => {
  server = await startTestServer({ env: { BODY_LIMIT_BYTES: String(2 * 1024 * 1024) }, seed: async (db) => (fx = await seedAuthFixture(db)) });
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: fx.viewer.email, password: 'correct-horse-battery' }),
  });
  viewerToken = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(() => server?.stop());

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

function send(agent: Agent, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}) } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: data }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const big = (n: number) => Buffer.alloc(n, 0x61);

const cases: Array<{ name: string; method: string; path: string; size: number; status: number; auth?: 'viewer' }> = [
  { name: '401 without a token', method: 'POST', path: '/api/v1/auth/logout', size: 1_500_000, status: 401 },
  { name: '403 for a viewer push', method: 'POST', path: '/sync/v1/leads/push', size: 1_500_000, status: 403, auth: 'viewer' },
  { name: '404 unknown route', method: 'POST', path: '/api/v1/nothing-here', size: 1_500_000, status: 404 },
  { name: '426 old protocol', method: 'POST', path: '/sync/v0/leads/push', size: 1_500_000, status: 426 },
  { name: '413 body over the limit', method: 'POST', path: '/api/v1/auth/login', size: 3 * 1024 * 1024, status: 413 },
  { name: '401 with a small body', method: 'POST', path: '/api/v1/auth/logout', size: 10, status: 401 },
];

describe('keep-alive after an early answer', () => {
  for (const c of cases) {
    it(`${c.name}: the next request on a keep-alive agent works`, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const headers: Record<string, string> = c.auth ? { authorization: `Bearer ${viewerToken}` } : {};
        const first = await send(agent, c.method, c.path, big(c.size), headers);
        expect(first.status).toBe(c.status);
        expect(JSON.parse(first.body)).toHaveProperty('error');
        for (let i = 0; i < 3; i++) {
          const next = await send(agent, 'GET', '/health/live');
          expect(next.status).toBe(200);
        }
      } finally {
        agent.destroy();
      }
    });
  }

  it('a raw socket gets both answers when the early answer keeps the connection open', async () => {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    const body = big(1_000_000);
    socket.write(`POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    socket.write(body);
    socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if ((received.match(/HTTP\/1\.1 /g) ?? []).length >= 2 && received.includes('"status":"ok"')) {
          clearInterval(t);
          resolve();
        }
      }, 20);
      socket.once('close', () => {
        clearInterval(t);
        if ((received.match(/HTTP\/1\.1 /g) ?? []).length >= 2) resolve();
        else reject(new Error(`connection closed after: ${received.slice(0, 300)}`));
      });
    });
    expect(received).toMatch(/^HTTP\/1\.1 401/);
    expect(received).toMatch(/HTTP\/1\.1 200[^]*"status":"ok"/);
    socket.end();
    await closed;
  });
});
