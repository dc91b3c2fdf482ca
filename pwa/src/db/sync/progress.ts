import type { CollectionName } from '@lotbook/shared';

/**
 * First-download progress over every collection. Each collection's first page tells its total;
 * documents pulled beyond it (written on the server during the download) never push the count
 * past the total, and the total is only shown once every collection has told its own, so it
 * never jumps partway ("302 de 300", issue 9).
 */
export class FirstSyncProgress {
  private readonly totals = new Map<CollectionName, number>();
  private readonly pulled = new Map<CollectionName, number>();

  constructor(private readonly collections: readonly CollectionName[]) {}

  total(collection: CollectionName, total: number): void {
    if (!this.totals.has(collection)) this.totals.set(collection, Math.max(0, total));
  }

  add(collection: CollectionName, count: number): void {
    this.pulled.set(collection, (this.pulled.get(collection) ?? 0) + count);
  }

  /** A collection whose first download finished: whatever it pulled is all there was. */
  finish(collection: CollectionName): void {
    if (!this.totals.has(collection)) this.totals.set(collection, this.pulled.get(collection) ?? 0);
  }

  get value(): { pulled: number; total: number | null } {
    let pulled = 0;
    for (const c of this.collections) {
      const n = this.pulled.get(c) ?? 0;
      const t = this.totals.get(c);
      pulled += t === undefined ? n : Math.min(n, t);
    }
    const known = this.collections.every((c) => this.totals.has(c));
    const total = known ? this.collections.reduce((s, c) => s + (this.totals.get(c) ?? 0), 0) : null;
    return { pulled: total === null ? pulled : Math.min(pulled, total), total };
  }
}
