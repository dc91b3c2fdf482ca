import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test/harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

it('serves liveness and readiness', async () => {
  expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
  const ready = await fetch(`${server.url}/health/ready`);
  expect(ready.status).toBe(200);
});

it('answers unknown API routes with the error shape', async () => {
  const res = await fetch(`${server.url}/api/v1/nope`);
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ error: 'not_found' });
});
