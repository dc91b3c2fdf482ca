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
import { isPulledState } from './assumed-masters.ts';
import type { Subscription } from 'rxjs';
import type { Checkpoint, CollectionName } from '@lotbook/shared';
import type { ConflictInbox } from '../conflicts/inbox.ts';
import { docState } from '../doc-state.ts';

type Doc = Record<string, unknown>;
type Rep = RxReplicationState<Doc, Checkpoint>;

const SCAN_PAGE = 500;
const SCAN_MAX_PAGES = 200;

/**
 * Counts the local writes the server has not acknowledged yet, per collection: every local write
 * (including a merged conflict result, which RxDB pushes again) enters the set with its state; a
 * push of exactly that state takes it out once RxDB has stored it as the "assumed master" (its
 * meta write after the push). Not at RxDB's sent$: that fires before the meta write, and a reload
 * in between would find the write unpushed again, so "0 pending" would not yet be true on disk.
 * Writes left over from an earlier session are found once at start: documents changed since the
 * upstream checkpoint whose state differs from what the server last confirmed, leaving out states
 * that were pulled from the server.
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
          if (settled && deepEqual(docState(settled), state)) this.unacked.delete(ev.documentId);
          else this.unacked.set(ev.documentId, state);
        }
        this.changed();
      }),
    );
    // The meta instance exists once the replication has started.
    void rep.startPromise.then(() => {
      if (this.stopped || !rep.metaInstance) return;
      this.subs.push(
        rep.metaInstance.changeStream().subscribe((bulk) => {
          if (bulk.context !== 'replication-up-write-meta') return;
          for (const ev of bulk.events) {
            const meta = ev.documentData as { isCheckpoint?: string; docData?: WithDeleted<Doc> };
            if (meta.isCheckpoint === '0' && meta.docData) this.acknowledge(meta.docData);
          }
        }),
      );
    });
  }

  get count(): number {
    return this.unacked.size;
  }

  private acknowledge(doc: WithDeleted<Doc>): void {
    const id = String(doc.id);
    const local = this.unacked.get(id);
    if (local && deepEqual(local, docState(doc))) {
      this.unacked.delete(id);
      this.changed();
    }
  }

  /** Finds writes of earlier sessions; call once the replication has started. */
  async seed(): Promise<void> {
    const state = this.rep.internalReplicationState as RxStorageInstanceReplicationState<Doc> | undefined;
    if (!state) return;
    const isEqual = state.input.conflictHandler.isEqual;
    const pulledMark = await state.input.hashFunction(state.input.identifier);
    // Without an upstream checkpoint (a fresh device, or a restart before RxDB stored one) the
    // scan starts at the beginning: an offline write right after the first download counts too.
    // After a first download (bootstrap.ts) the push side starts after its documents.
    let checkpoint: unknown = (await getLastCheckpointDoc(state, 'up')) ?? state.input.initialCheckpoint?.upstream;
    for (let i = 0; i < SCAN_MAX_PAGES && !this.stopped && !state.events.canceled.getValue(); i++) {
      const page = await getChangedDocumentsSince(state.input.forkInstance, SCAN_PAGE, checkpoint);
      if (page.documents.length === 0) break;
      const assumed = await getAssumedMasterState(state, page.documents.map((d) => String(d.id)));
      for (const doc of page.documents) {
        const id = String(doc.id);
        // This revision came from the server (RxDB marks a pulled state in _meta.o): a reload can
        // fall between writing it and writing its "assumed master", and it is still no local write.
        if (isPulledState(doc, pulledMark)) continue;
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
