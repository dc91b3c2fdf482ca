import type { CollectionName } from '@lotbook/shared';
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import type { ConflictInbox } from './inbox.ts';
import { SERVER_FIELDS, threeWayMerge } from './merge.ts';
import { conflictMessage } from './messages.ts';
import { docState } from '../doc-state.ts';

type Doc = Record<string, unknown>;

function clientFieldsThatDiffer(mine: Doc, theirs: Doc | null): string[] {
  return Object.keys(mine).filter((k) => k !== 'id' && k !== '_deleted' && !SERVER_FIELDS.has(k) && (!theirs || !deepEqual(mine[k], theirs[k])));
}

/**
 * The conflict policy of ARCHITECTURE.md invariant 4, per collection. RxDB calls `resolve` when a
 * push comes back with the server's state:
 * - a rejection (any reason but `stale_version`): the server's state wins entirely, my version
 *   goes to the inbox;
 * - `stale_version`: three-way field merge against the assumed base; server wins fields changed on
 *   both sides, and those losses go to the inbox.
 * Server-owned fields (seq, version, updated_at, ...) always come from the server.
 */
export function createConflictHandler(collection: CollectionName, inbox: ConflictInbox): RxConflictHandler<Doc> {
  return {
    isEqual: (a, b) => deepEqual(docState(a as Doc), docState(b as Doc)),
    async resolve(i) {
      // Storage bookkeeping (_rev, _meta) is no part of either version (see replication.ts isNoop).
      const theirs = docState(i.realMasterState as Doc);
      const mine = docState(i.newDocumentState as Doc);
      const docId = String(mine.id);
      const rejection = inbox.takeRejection(collection, docId);
      const now = new Date().toISOString();
      if (rejection && rejection.reason !== 'stale_version') {
        // A rejected create comes back as my own document marked deleted: the server has none.
        const serverHasIt = !(theirs._deleted === true && !i.assumedMasterState);
        const theirsDoc = serverHasIt ? theirs : null;
        const fields = clientFieldsThatDiffer(mine, theirsDoc);
        await inbox.record({
          id: rejection.rejection_id ?? `${collection}:${docId}:${String(theirs.version)}:${rejection.reason}`,
          collection_name: collection,
          doc_id: docId,
          reason: rejection.reason,
          message: await conflictMessage({ collection, reason: rejection.reason, serverMessage: rejection.message, fields, theirs: theirsDoc, nameOf: (u) => inbox.nameOf(u) }),
          mine,
          theirs: theirsDoc,
          fields,
          created_at: now,
          resolved_at: null,
          resolution: null,
          status: 'open',
        });
        inbox.markSettled(collection, theirs);
        return theirs as WithDeleted<Doc>;
      }
      const { doc, lost } = threeWayMerge(i.assumedMasterState ? docState(i.assumedMasterState as Doc) : undefined, mine, theirs);
      if (lost.length > 0) {
        await inbox.record({
          id: `${collection}:${docId}:${String(theirs.version)}:${lost.join(',')}`,
          collection_name: collection,
          doc_id: docId,
          reason: 'stale_version',
          message: await conflictMessage({ collection, reason: 'stale_version', fields: lost, theirs, nameOf: (u) => inbox.nameOf(u) }),
          mine,
          theirs,
          fields: lost,
          created_at: now,
          resolved_at: null,
          resolution: null,
          status: 'open',
        });
      }
      if (deepEqual(doc, theirs)) inbox.markSettled(collection, theirs);
      return doc as WithDeleted<Doc>;
    },
  };
}
