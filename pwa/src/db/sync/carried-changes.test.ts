import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syncPaths } from '@lotbook/shared';
import { converged } from '../testing/converge.ts';
import { idle, openDevice, waitFor, type Device } from '../testing/device.ts';
import { currentSeq, rawPush, serverDocs, startSeededServer, tokenFor, type TestServer } from '../testing/server.ts';

// Issue 17: a change event carries the changes it announces (sync-server stream.ts carry()). A
// device that followed the previous event applies them through RxDB's pull without a request; the
// real RxDB client against the real server.
describe('changes carried by change events', () => {
  let server: TestServer;
  let gerente: Device;
  let ana: Device;
  beforeAll(async () => {
    server = await startSeededServer();
    gerente = await openDevice(server.url, 'gerente@demo.example');
    ana = await openDevice(server.url, 'ana@demo.example');
    await Promise.all([gerente.sync.awaitInitialSync(), ana.sync.awaitInitialSync()]);
  });
  afterAll(async () => {
    await gerente?.close();
    await ana?.close();
    await server?.stop();
  });

  test('a write elsewhere reaches the manager’s device with no pull once it follows the events, and it converges', async () => {
    const token = await tokenFor(server.url, 'ana@demo.example');
    const seq0 = await currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), ['leads']);
    const leads = [...(await serverDocs(server.url, token, 'leads')).values()].filter((l) => !l._deleted).slice(0, 3);
    const pullPath = `${server.url}${syncPaths.pull('leads')}`;
    let pullsWhileCarried = 0;
    for (const [i, lead] of leads.entries()) {
      await idle(gerente, pullPath);
      const before = gerente.net.count((e) => e.url.startsWith(pullPath));
      const answer = await rawPush(server.url, token, 'leads', [{ assumedMasterState: lead, newDocumentState: { ...lead, notes: `llevado ${i}` } }]);
      expect([answer.status, answer.body]).toEqual([200, []]);
      await waitFor(async () => (await gerente.db.leads.findOne(lead.id).exec())?.notes === `llevado ${i}`, `write ${i} on the manager's device`);
      // The first write may need a pull (the server instance had no starting point yet); not the later ones.
      if (i > 0) pullsWhileCarried += gerente.net.count((e) => e.url.startsWith(pullPath)) - before;
    }
    expect(pullsWhileCarried).toBe(0);
    await converged(server.url, [gerente], ['leads'], seq0);
  });

  test('a salesperson’s lead reassigned away leaves her device through the carried tombstone, and another rep’s lead never arrives', async () => {
    const managerToken = await tokenFor(server.url, 'gerente@demo.example');
    const anaId = ana.session.get()!.user.id;
    const all = [...(await serverDocs(server.url, managerToken, 'leads')).values()].filter((l) => !l._deleted);
    const hers = all.filter((l) => l.assigned_to === anaId).slice(0, 2);
    const other = all.find((l) => l.assigned_to && l.assigned_to !== anaId)!;
    expect(hers).toHaveLength(2);
    const pullPath = `${server.url}${syncPaths.pull('leads')}`;
    // One change of hers first, so that her device follows the events.
    const first = hers[0]!;
    expect((await rawPush(server.url, managerToken, 'leads', [{ assumedMasterState: first, newDocumentState: { ...first, notes: 'para ana' } }])).status).toBe(200);
    await waitFor(async () => (await ana.db.leads.findOne(first.id).exec())?.notes === 'para ana', 'her lead’s change');
    await idle(ana, pullPath);
    const before = ana.net.count((e) => e.url.startsWith(pullPath));
    expect((await rawPush(server.url, managerToken, 'leads', [{ assumedMasterState: other, newDocumentState: { ...other, notes: 'no para ana' } }])).status).toBe(200);
    const away = hers[1]!;
    expect((await rawPush(server.url, managerToken, 'leads', [{ assumedMasterState: away, newDocumentState: { ...away, assigned_to: other.assigned_to } }])).status).toBe(200);
    await waitFor(async () => (await ana.db.leads.findOne(away.id).exec()) === null, 'the reassigned lead gone from her device');
    expect(ana.net.count((e) => e.url.startsWith(pullPath)) - before).toBe(0);
    expect(await ana.db.leads.findOne(other.id).exec()).toBeNull();
  });
});
