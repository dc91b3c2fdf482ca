import { describe, expect, it } from 'vitest';
import { answerFromCarried, changesAfter, type StreamChanges } from './protocol.ts';

// Issue 17: what a device at checkpoint X takes from the changes a change event carries must be
// exactly the pull's answer from X out of the same snapshot (sync-server pull-cache.ts answerFrom).
const changes: StreamChanges = {
  since: 10,
  to: 20,
  schema_version: 1,
  documents: [{ id: 'a', v: 1 }, { id: 'gone', _deleted: true }, { id: 'b', v: 2 }, { id: 'late', _deleted: true }],
  seqs: [12, 14, 16, 18],
  // 'gone' left the scope at 13, 'late' at 18; 'a' and 'b' are in scope.
  scope_seqs: [null, 13, null, 18],
};

describe('changesAfter', () => {
  it('a device at `since` takes everything and moves to `to`', () => {
    expect(changesAfter(changes, 10)).toEqual({ documents: changes.documents, to: 20 });
  });

  it('a device further on takes the rows past its checkpoint, less the tombstones it already had', () => {
    expect(changesAfter(changes, 14)).toEqual({ documents: [{ id: 'b', v: 2 }, { id: 'late', _deleted: true }], to: 20 });
    // At 13 'gone' had already left its scope (a pull from 13 would not send its tombstone again).
    expect(changesAfter(changes, 13)!.documents.map((d) => d.id)).toEqual(['b', 'late']);
  });

  it('a device already at or past `to` takes nothing and stays where it is', () => {
    expect(changesAfter(changes, 20)).toEqual({ documents: [], to: 20 });
    expect(changesAfter(changes, 25)).toEqual({ documents: [], to: 25 });
  });

  it('a device before `since` cannot use them: it must pull', () => {
    expect(changesAfter(changes, 9)).toBeNull();
    expect(changesAfter(changes, 0)).toBeNull();
  });

  it('malformed changes are refused, not half applied', () => {
    expect(changesAfter({ ...changes, seqs: [12] }, 10)).toBeNull();
    expect(changesAfter({ ...changes, documents: 'x' as unknown as StreamChanges['documents'] }, 10)).toBeNull();
    expect(changesAfter({ ...changes, since: Number.NaN }, 10)).toBeNull();
  });
});

describe('answerFromCarried', () => {
  const next: StreamChanges = { since: 16, to: 30, schema_version: 1, documents: [{ id: 'b', v: 3 }, { id: 'c', v: 1 }], seqs: [25, 28], scope_seqs: [null, null] };

  it('chains answers: the later version of a document named twice, the checkpoint of the last', () => {
    expect(answerFromCarried([changes, next], 10, 28)).toEqual({ documents: [{ id: 'a', v: 1 }, { id: 'gone', _deleted: true }, { id: 'b', v: 3 }, { id: 'late', _deleted: true }, { id: 'c', v: 1 }], seq: 30 });
  });

  it('skips what the device already passed, and answers nothing new when it is at the last hint', () => {
    expect(answerFromCarried([changes, next], 20, 28)).toEqual({ documents: [{ id: 'b', v: 3 }, { id: 'c', v: 1 }], seq: 30 });
    expect(answerFromCarried([changes, next], 30, 28)).toEqual({ documents: [], seq: 30 });
  });

  it('is null when the answers do not reach from the checkpoint, do not cover the last hint, or there is no hint', () => {
    expect(answerFromCarried([next], 10, 28)).toBeNull();
    expect(answerFromCarried([changes], 10, 28)).toBeNull();
    expect(answerFromCarried([changes, next], 10, 0)).toBeNull();
    expect(answerFromCarried([], 10, 5)).toBeNull();
    expect(answerFromCarried([changes], 0, 12)).toBeNull();
  });
});
