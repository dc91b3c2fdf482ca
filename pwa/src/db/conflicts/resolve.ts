import type { RxCollection } from 'rxdb';
import type { LotbookDatabase } from '../database.ts';
import { PARENT_REFUSED } from '../sync/dependencies.ts';
import { SERVER_FIELDS } from './merge.ts';

type Doc = Record<string, unknown>;

/**
 * Settles an inbox entry.
 * - 'mine': re-applies my losing fields onto the current local document, as a new local write
 *   that replicates (re-creates the document when the server removed or refused it). `fixes`
 *   (the fields the user corrected in the inbox) go on top: "fix the field and resend".
 * - 'theirs': keeps the current (server's) state; only marks the entry resolved (discards mine).
 * Writes parked because the server refused this one (a lead whose customer was refused) follow
 * it: resent after it with 'mine', discarded with 'theirs'.
 * Resolving an already resolved entry does nothing.
 */
export async function resolveConflict(db: LotbookDatabase, conflictId: string, choice: 'mine' | 'theirs', fixes: Doc = {}): Promise<void> {
  const entry = await db.conflicts.findOne(conflictId).exec();
  if (!entry || entry.status === 'resolved') return;
  if (choice === 'mine') {
    const collection = (db.collections as unknown as Record<string, RxCollection<Doc> | undefined>)[entry.collection_name];
    if (!collection) throw new Error(`Unknown collection ${entry.collection_name}`);
    const mine = entry.toMutableJSON().mine;
    const patch: Doc = {};
    for (const f of entry.fields) if (!SERVER_FIELDS.has(f)) patch[f] = mine[f];
    for (const [f, v] of Object.entries(fixes)) if (!SERVER_FIELDS.has(f) && f !== 'id') patch[f] = v;
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
  for (const child of await parkedBehind(db, entry.doc_id)) await resolveConflict(db, child, choice);
}

/** Open entries parked because the server refused document `docId` (dependencies.ts). */
async function parkedBehind(db: LotbookDatabase, docId: string): Promise<string[]> {
  const open = await db.conflicts.find({ selector: { status: 'open' } }).exec();
  return open.filter((c) => c.reason === PARENT_REFUSED && c.id.endsWith(`:${docId}`)).map((c) => c.id);
}
