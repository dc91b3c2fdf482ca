import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syncPaths } from '@lotbook/shared';
import { converged } from '../testing/converge.ts';
import { idle, openDevice, waitFor, type Device } from '../testing/device.ts';
import { currentSeq, rawPush, serverDocs, startSeededServer, tokenFor, type TestServer } from '../testing/server.ts';

// Issue 17: a burst of change hints never puts two pulls of one collection in flight on a device,
// and hints that arrive during a pull cause a follow-up, not one pull each.
describe('one pull in flight per collection', () => {
  let server: TestServer;
  let gerente: Device;
  beforeAll(async () => {
    server = await startSeededServer();
    // The pull path itself: changes carried by change events (carried-changes.test.ts) are ignored here.
    gerente = await openDevice(server.url, 'gerente@demo.example', { carriedChanges: false });
    await gerente.sync.awaitInitialSync();
  });
  afterAll(async () => {
    await gerente?.close();
    await server?.stop();
  });

  test('a burst of writes elsewhere: at most one leads pull at a time, fewer pulls than hints, and the device converges', async () => {
    const token = await tokenFor(server.url, 'ana@demo.example');
    const seq0 = await currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), ['leads']);
    const leads = [...(await serverDocs(server.url, token, 'leads')).values()].filter((l) => !l._deleted).slice(0, 20);
    expect(leads.length).toBe(20);
    const pullPath = `${server.url}${syncPaths.pull('leads')}`;
    const pullsBefore = gerente.net.count((e) => e.url.startsWith(pullPath));
    // Every leads pull takes a while (a slow link), so hints pile up while one is under way.
    gerente.net.hold = async (url) => {
      if (url.startsWith(pullPath)) await new Promise((r) => setTimeout(r, 1000));
    };
    // Twenty writes at once, each its own push: each is a change hint for the manager's device.
    const answers = await Promise.all(
      leads.map((lead, i) => rawPush(server.url, token, 'leads', [{ assumedMasterState: lead, newDocumentState: { ...lead, notes: `ráfaga ${i}` } }])),
    );
    expect(answers.map((a) => [a.status, a.body])).toEqual(leads.map(() => [200, []]));
    await waitFor(
      async () => (await gerente.db.leads.findByIds(leads.map((l) => l.id)).exec()).size === 20 &&
        [...(await gerente.db.leads.findByIds(leads.map((l) => l.id)).exec()).values()].every((d) => d.notes?.startsWith('ráfaga')),
      'every write on the manager\'s device',
    );
    await converged(server.url, [gerente], ['leads'], seq0);
    gerente.net.hold = null;
    expect(gerente.net.peak.get(pullPath)).toBe(1);
    const pulls = gerente.net.count((e) => e.url.startsWith(pullPath)) - pullsBefore;
    expect(pulls).toBeGreaterThan(0);
    expect(pulls).toBeLessThan(leads.length);
  });

  test('a pull caused by a change event names the event’s seq, so the server may share its answer (sync-server pull-cache.ts)', async () => {
    const token = await tokenFor(server.url, 'ana@demo.example');
    const lead = [...(await serverDocs(server.url, token, 'leads')).values()].find((l) => !l._deleted)!;
    const pullPath = `${server.url}${syncPaths.pull('leads')}`;
    // The device is idle first: a follow-up pull still under way from the burst above would bring
    // the write without having been caused by its change event.
    await idle(gerente, pullPath);
    const before = gerente.net.log.length;
    const answer = await rawPush(server.url, token, 'leads', [{ assumedMasterState: lead, newDocumentState: { ...lead, notes: 'con pista' } }]);
    expect([answer.status, answer.body]).toEqual([200, []]);
    const written = await currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), ['leads']);
    await waitFor(async () => (await gerente.db.leads.findOne(lead.id).exec())?.notes === 'con pista', 'the write on the manager\'s device');
    const hinted = gerente.net.log
      .slice(before)
      .filter((e) => e.url.startsWith(pullPath))
      .map((e) => Number(new URL(e.url).searchParams.get('hint') ?? 0));
    expect(Math.max(...hinted)).toBeGreaterThanOrEqual(written);
  });
});
