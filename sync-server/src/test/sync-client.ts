import type { CollectionName } from '@lotbook/shared';

type Doc = Record<string, unknown> & { id: string };

/** A minimal raw-HTTP sync client for server tests (the RxDB client is tested in pwa/src/db). */
export class RawSyncClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly deviceId = 'test-device',
  ) {}

  private headers(extra: Record<string, string> = {}) {
    return { authorization: `Bearer ${this.token}`, 'x-device-id': this.deviceId, ...extra };
  }

  async pullRaw(collection: string, seq = 0, limit = 500): Promise<Response> {
    return fetch(`${this.baseUrl}/sync/v1/${collection}/pull?seq=${seq}&limit=${limit}`, { headers: this.headers() });
  }

  async pull(collection: CollectionName, seq = 0, limit = 500): Promise<{ documents: Doc[]; checkpoint: { seq: number }; total?: number }> {
    const res = await this.pullRaw(collection, seq, limit);
    if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { documents: Doc[]; checkpoint: { seq: number } };
  }

  /** Pulls until the server has nothing newer; returns the final state by id and the checkpoint. */
  async pullAll(collection: CollectionName, from = 0, into = new Map<string, Doc>()): Promise<{ docs: Map<string, Doc>; seq: number }> {
    let seq = from;
    for (;;) {
      const page = await this.pull(collection, seq, 1000);
      for (const d of page.documents) into.set(d.id, d);
      if (page.documents.length === 0) return { docs: into, seq };
      seq = page.checkpoint.seq;
    }
  }

  async pushRaw(collection: string, body: unknown): Promise<Response> {
    return fetch(`${this.baseUrl}/sync/v1/${collection}/push`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async push(collection: CollectionName, rows: { assumedMasterState: Doc | null; newDocumentState: Doc }[]): Promise<Doc[]> {
    const res = await this.pushRaw(collection, rows);
    if (res.status !== 200) throw new Error(`push ${collection}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Doc[];
  }

  /** Fetches one document's current server state through a full pull. */
  async get(collection: CollectionName, id: string): Promise<Doc | undefined> {
    return (await this.pullAll(collection)).docs.get(id);
  }
}

/** Applies a change to a pulled document the way RxDB would push it. */
export function edit(doc: Doc, patch: Record<string, unknown>) {
  return { assumedMasterState: doc, newDocumentState: { ...doc, ...patch } };
}
