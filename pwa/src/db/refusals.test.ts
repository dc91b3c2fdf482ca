import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDevice, type Device } from './testing/device.ts';
import { newCustomer } from './testing/factories.ts';
import { startSeededServer, type TestServer } from './testing/server.ts';

describe('refused writes', () => {
  let server: TestServer;
  let ana: Device;
  beforeAll(async () => {
    server = await startSeededServer();
    ana = await openDevice(server.url, 'ana@demo.example');
    await ana.sync.awaitInitialSync();
  });
  afterAll(async () => {
    await ana?.close();
    await server?.stop();
  });

  test('repro', async () => {
    const pushes = () => ana.net.count((e) => e.method === 'POST' && e.url.includes('/customers/push'));
    await ana.db.customers.insert({ ...newCustomer(ana, 'Mal'), email: 'no-es-un-email' });
    await new Promise((r) => setTimeout(r, 3000));
    console.log('pushes', pushes(), 'conflicts', (await ana.db.conflicts.find().exec()).length, JSON.stringify(ana.status()));
    expect(pushes()).toBeGreaterThan(0);
  });
});
