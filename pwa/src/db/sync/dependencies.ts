import type { CollectionName, ConflictReason, Rejection } from '@lotbook/shared';
import type { RxReplicationWriteToMasterRow } from 'rxdb';
import type { LotbookDatabase } from '../database.ts';

type Doc = Record<string, unknown>;
type Row = RxReplicationWriteToMasterRow<Doc>;

/** A new document that needs another one on the server first: a lead its customer, a note its lead. */
export const PARENTS: Partial<Record<CollectionName, readonly (readonly [field: string, parent: CollectionName])[]>> = {
  leads: [['customer_id', 'customers']],
  lead_activities: [['lead_id', 'leads']],
  sales: [['customer_id', 'customers']],
};

/** The local-only reason of a write held back because the server refused what it depends on. */
export const PARENT_REFUSED = 'parent_refused' as ConflictReason;

/** Whether the server already acknowledged (or answered) a document of a collection. */
export type KnownToServer = (collection: CollectionName, id: string) => Promise<boolean>;

const WAIT_STEP_MS = 100;
const WAIT_MAX_STEPS = 100;

/**
 * Orders and parks new documents by what they depend on, so that a refused customer never leaves
 * an orphan lead on the server (issue 9): a lead and the customer it needs succeed or fail
 * together from the user's point of view.
 * - The parent is a local write not yet acknowledged: wait for its push (its own replication runs
 *   beside this one), then send. If it takes too long (offline), throw: RxDB retries later.
 * - The parent was refused (gone from the device, an open inbox entry for it): the child is not
 *   sent; it comes back as a local refusal, parked in the inbox beside its parent, and is resent
 *   with it when the user fixes the parent.
 */
export async function gateByParents(
  db: LotbookDatabase,
  name: CollectionName,
  rows: Row[],
  knownToServer: KnownToServer,
): Promise<{ send: Row[]; parked: { doc: Doc; rejection: Rejection }[] }> {
  const deps = PARENTS[name];
  if (!deps) return { send: rows, parked: [] };
  const send: Row[] = [];
  const parked: { doc: Doc; rejection: Rejection }[] = [];
  for (const row of rows) {
    const doc = row.newDocumentState;
    // Only a document the server has never seen can be an orphan.
    if (row.assumedMasterState || doc._deleted === true) {
      send.push(row);
      continue;
    }
    let refused: { collection: CollectionName; id: string } | null = null;
    for (const [field, parent] of deps) {
      const id = doc[field];
      if (typeof id !== 'string') continue;
      const state = await waitForParent(db, parent, id, knownToServer);
      if (state === 'refused') {
        refused = { collection: parent, id };
        break;
      }
    }
    if (!refused) {
      send.push(row);
      continue;
    }
    parked.push({
      doc: { ...doc, _deleted: true },
      rejection: {
        reason: PARENT_REFUSED,
        message: `Not sent: the server refused its ${refused.collection === 'customers' ? 'customer' : 'lead'}; fix that one and both are sent together`,
        rejection_id: `parked:${name}:${String(doc.id)}:${refused.id}`,
        details: { parent_collection: refused.collection, parent_id: refused.id },
      },
    });
  }
  return { send, parked };
}

async function waitForParent(db: LotbookDatabase, parent: CollectionName, id: string, knownToServer: KnownToServer): Promise<'ok' | 'refused'> {
  const collection = db.collections[parent];
  for (let step = 0; ; step++) {
    const local = await collection.findOne(id).exec();
    if (!local) {
      const entries = await db.conflicts.find({ selector: { doc_id: id } }).exec();
      return entries.some((e) => e.status === 'open') ? 'refused' : 'ok';
    }
    if (await knownToServer(parent, id)) return 'ok';
    if (step >= WAIT_MAX_STEPS) throw new Error(`Waiting for ${parent}/${id} to reach the server first`);
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
  }
}
