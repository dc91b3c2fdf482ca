import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getLastCheckpointDoc,
  writeDocToDocState,
  type RxChangeEventBulk,
  type RxStorageInstanceReplicationState,
  type WithDeleted,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { deepEqual } from 'rxdb/plugins/utils';
import type { Subscription } from 'rxjs';
import type { Checkpoint, CollectionName } from '@lotbook/shared';
import type { ConflictInbox } from '../conflicts/inbox.ts';

type Doc = Record<string, unknown>;
type Rep = RxReplicationState<Doc, Checkpoint>;

const SCAN_PAGE = 500;
const SCAN_MAX_PAGES = 200;

/**
 * Counts the local writes the server has not acknowledged yet, per collection: every local write
 * (including a merged conflict result, which RxDB pushes again) enters the set with its state; a
 * push of exactly that state (RxDB's sent$) takes it out. Writes left over from an earlier session
 * are found once at start: documents changed since the upstream checkpoint whose state differs
 * from what the server last confirmed (RxDB's "assumed master").
 */
export class PendingTracker {
  private readonly unacked = new Map<string, Doc>();
  private readonly subs: Subscription[] = [];
  private stopped = false;

  constructor(
    private readonly rep: Rep,
    private readonly inbox: ConflictInbox,
    private readonly changed: () => void,
  ) {
    const name = rep.collection.name as CollectionName;
    this.subs.push(
      rep.collection.eventBulks$.subscribe((bulk: RxChangeEventBulk<Doc>) => {
        if (bulk.context.startsWith('replication-downstream')) return;
        for (const ev of bulk.events) {
          const state = writeDocToDocState(ev.documentData, false, false);
          const settled = bulk.context === 'replication-up-write-conflict' ? this.inbox.takeSettled(name, ev.documentId) : undefined;
          if (settled && deepEqual(settled, state)) this.unacked.delete(ev.documentId);
          else this.unacked.set(ev.documentId, state);
        }
        this.changed();
      }),
      rep.sent$.subscribe((doc: WithDeleted<Doc>) => this.acknowledge(doc)),
    );
  }

  get count(): number {
    return this.unacked.size;
  }

  private acknowledge(doc: WithDeleted<Doc>): void {
    const id = String(doc.id);
    const local = this.unacked.get(id);
    if (local && deepEqual(local, doc)) {
      this.unacked.delete(id);
      this.changed();
    }
  }

  /** Finds writes of earlier sessions; call once the replication has started. */
  async seed(): Promise<void> {
    const state = this.rep.internalReplicationState as RxStorageInstanceReplicationState<Doc> | undefined;
    if (!state) return;
    const isEqual = state.input.conflictHandler.isEqual;
    let checkpoint: unknown = await getLastCheckpointDoc(state, 'up');
    // No upstream checkpoint yet: a first sync, with nothing pushed or pulled before to compare.
    if (checkpoint === undefined) return;
    for (let i = 0; i < SCAN_MAX_PAGES && !this.stopped && !state.events.canceled.getValue(); i++) {
      const page = await getChangedDocumentsSince(state.input.forkInstance, SCAN_PAGE, checkpoint);
      if (page.documents.length === 0) break;
      const assumed = await getAssumedMasterState(state, page.documents.map((d) => String(d.id)));
      for (const doc of page.documents) {
        const id = String(doc.id);
        const local = writeDocToDocState(doc, false, false);
        const master = assumed[id];
        const unpushed = master ? !isEqual(master.docData, local, 'pending-seed') : !local._deleted;
        if (unpushed && !this.unacked.has(id)) this.unacked.set(id, local);
      }
      if (page.documents.length < SCAN_PAGE) break;
      checkpoint = page.checkpoint;
    }
    this.changed();
  }

  stop(): void {
    this.stopped = true;
    this.subs.forEach((s) => s.unsubscribe());
  }
}
