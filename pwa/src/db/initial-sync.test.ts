import { COLLECTION_NAMES } from '@lotbook/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDevice, type Device } from './testing/device.ts';
import { login, serverDocs, startSeededServer, type TestServer } from './testing/server.ts';

describe('first sync of a seeded dealership', () => {
  let server: TestServer;
  let device: Device;
  beforeAll(async () => {
    server = await startSeededServer();
  });
  afterAll(async () => {
    await device?.close();
    await server?.stop();
  });

  test('a manager device pulls every collection exactly as the server has it, with progress', async () => {
    device = await openDevice(server.url, 'gerente@demo.example', { batchSize: 200 });
    await device.sync.awaitInitialSync();
    const { access_token } = await login(server.url, 'gerente@demo.example');
    for (const c of COLLECTION_NAMES) {
      const remote = await serverDocs(server.url, access_token, c);
      const local = await device.db.collections[c].find().exec();
      expect(local.length, c).toBe(remote.size);
      for (const doc of local.slice(0, 50)) expect(doc.toJSON(), c).toEqual(expect.objectContaining({ id: doc.primary, version: remote.get(doc.primary)?.version }));
    }
    const s = await device.until((st) => st.initial.done && st.pending === 0 && st.connected);
    expect(s.initial.total).toBeGreaterThan(100);
    expect(s.initial.pulled).toBeGreaterThanOrEqual(s.initial.total ?? Infinity);
    expect(s.online).toBe(true);
    expect(s.lastSyncAt).not.toBeNull();
  });
});
