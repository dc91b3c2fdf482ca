import type { CollectionName } from '@lotbook/shared';
import type { Device } from './device.ts';
import { waitFor } from './device.ts';
import { serverChanges, tokenFor } from './server.ts';

type Doc = Record<string, unknown>;

/**
 * Differences between the device's live documents and what the server gives its user. Every server
 * write bumps `version`, and nothing is pending locally when this runs, so equal versions mean equal
 * documents; the tests check the contents they care about themselves.
 */
export async function diffWithServer(baseUrl: string, device: Device, collections: readonly CollectionName[], since: number): Promise<string[]> {
  const token = await tokenFor(baseUrl, device.name);
  const out: string[] = [];
  for (const c of collections) {
    const remote = await serverChanges(baseUrl, token, c, since);
    const ids = [...remote.keys()];
    const local: Map<string, { _data: unknown }> = await device.db.collections[c].findByIds(ids).exec();
    for (const [id, doc] of remote) {
      const mine = local.get(id)?._data as Doc | undefined;
      if (doc._deleted) {
        if (mine) out.push(`${c}/${id} still on ${device.name} but gone from the server`);
      } else if (!mine) out.push(`${c}/${id} missing on ${device.name}`);
      else if (mine.version !== doc.version || mine.updated_at !== doc.updated_at) {
        out.push(`${c}/${id} differs on ${device.name}: v${String(mine.version)} vs server v${String(doc.version)}`);
      }
    }
  }
  return out;
}

/**
 * Waits until every device holds exactly the server's state for its user, with nothing pending,
 * for every document changed after `since` (a currentSeq() taken before the test's writes).
 */
export async function converged(baseUrl: string, devices: Device[], collections: readonly CollectionName[], since: number): Promise<void> {
  let last: string[] = [];
  await waitFor(
    async () => {
      if (devices.some((d) => d.status().pending !== 0)) {
        last = devices.map((d) => `${d.name} pending=${d.status().pending} error=${JSON.stringify(d.status().error)}`);
        return false;
      }
      last = (await Promise.all(devices.map((d) => diffWithServer(baseUrl, d, collections, since)))).flat();
      return last.length === 0;
    },
    'devices to converge with the server',
    () =>
      [
        ...last.slice(0, 10),
        ...devices.map((d) => `${d.name}: ${JSON.stringify(d.net.log.slice(-12).map((e) => [e.method, e.url.replace(baseUrl, '').slice(0, 45), e.status, (e.at ?? 0) % 100_000]))}`),
      ].join('\n'),
  );
}
