import type { RxCollection } from 'rxdb';
import type { LotbookDatabase } from '../database.ts';
import { SERVER_FIELDS } from './merge.ts';

type Doc = Record<string, unknown>;

/**
 * Settles an inbox entry.
 * - 'mine': re-applies my losing fields onto the current local document, as a new local write
 *   that replicates (re-creates the document when the server removed or refused it).
 * - 'theirs': keeps the current (server's) state; only marks the entry resolved.
 * Resolving an already resolved entry does nothing.
 */
export async function resolveConflict(db: LotbookDatabase, conflictId: string, choice: 'mine' | 'theirs'): Promise<void> {
  const entry = await db.conflicts.findOne(conflictId).exec();
  if (!entry || entry.status === 'resolved') return;
  if (choice === 'mine') {
    const collection = (db.collections as unknown as Record<string, RxCollection<Doc> | undefined>)[entry.collection_name];
    if (!collection) throw new Error(`Unknown collection ${entry.collection_name}`);
    const mine = entry.toMutableJSON().mine;
    const patch: Doc = {};
    for (const f of entry.fields) if (!SERVER_FIELDS.has(f)) patch[f] = mine[f];
    const current = await collection.findOne(entry.doc_id).exec();
    if (current) {
      await current.incrementalPatch(patch);
    } else {
      const revived: Doc = { ...mine, ...patch };
      delete revived._deleted;
      await collection.upsert(revived);
    }
  }
  await entry.incrementalPatch({ status: 'resolved', resolved_at: new Date().toISOString(), resolution: choice });
}
