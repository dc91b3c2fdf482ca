import { COLLECTIONS, PULL_LIMIT_MAX, SCHEMA_VERSION_PARAM, syncPaths, type CollectionName } from '@lotbook/shared';
import type { SessionStore } from '../../auth/session.ts';
import { deviceId as defaultDeviceId } from './device-id.ts';
import { createTransport } from './transport.ts';

/** A pull answer as the server sends it (replication.ts turns it into RxDB's). */
export interface PullAnswer {
  documents: Record<string, unknown>[];
  checkpoint: { seq: number };
  total?: number;
}

/**
 * The first page of the lot's collections, requested while the database opens (issue 16, the lot
 * first): on a new device the first download's first request otherwise waits for IndexedDB to
 * create the databases and for the replication to start, a few hundred milliseconds on a phone.
 * Each page is taken once, by the pull that would have asked exactly this (`seq` 0, the same
 * size); a failed early request is no answer (that pull asks the server itself, and reports what
 * goes wrong), and a page nobody takes (the device already had the collection) is dropped.
 */
export interface EarlyPages {
  take(collection: CollectionName, seq: number, size: number): Promise<PullAnswer | null> | null;
}

export function requestFirstPages(opts: {
  baseUrl: string;
  session: SessionStore;
  collections: readonly CollectionName[];
  fetch?: typeof fetch;
  deviceId?: string;
  size?: number;
}): EarlyPages {
  const size = opts.size ?? PULL_LIMIT_MAX;
  const transport = createTransport({
    baseUrl: opts.baseUrl,
    session: opts.session,
    fetch: opts.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a)),
    deviceId: opts.deviceId ?? defaultDeviceId(),
    // Nothing to report here: the replication's own requests report the network and the session.
    events: { networkError() {}, reachable() {}, succeeded() {}, failed() {}, halted() {} },
  });
  const pages = new Map<CollectionName, Promise<PullAnswer | null>>();
  for (const c of opts.collections) {
    const path = `${syncPaths.pull(c)}?seq=0&limit=${size}&${SCHEMA_VERSION_PARAM}=${COLLECTIONS[c].schemaVersion}`;
    pages.set(c, transport.request<PullAnswer>(path).catch(() => null));
  }
  return {
    take(collection, seq, wanted) {
      if (seq !== 0 || wanted !== size) return null;
      const page = pages.get(collection) ?? null;
      pages.delete(collection);
      return page;
    },
  };
}
