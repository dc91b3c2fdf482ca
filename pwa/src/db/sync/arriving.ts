import { Subject, type Observable } from 'rxjs';

/**
 * What the first download of a collection has fetched from the server and is about to store
 * (issue 16, "the lot first"). A screen that keeps its own in-memory view of a collection (the
 * inventory's read model) may show these documents before IndexedDB has them: storing 10,000 cars
 * takes seconds on a phone, fetching them much less. `end` says the download stopped (done, held
 * or failed): whatever was announced and is not in the collection by then is not coming from this
 * download, and must not be shown any longer.
 *
 * Documents are the server's states as sent (bare tombstones included, `{id, _deleted: true}`).
 * Never a write: the collection and its change events stay the only truth.
 */
export type ArrivingEvent = { docs: readonly Record<string, unknown>[] } | { end: true };

const subjects = new WeakMap<object, Subject<ArrivingEvent>>();

function subjectOf(collection: object): Subject<ArrivingEvent> {
  let s = subjects.get(collection);
  if (!s) {
    s = new Subject<ArrivingEvent>();
    subjects.set(collection, s);
  }
  return s;
}

/** The documents the first download of `collection` fetched, page by page, then `{end: true}`. */
export function arrivingDocs(collection: object): Observable<ArrivingEvent> {
  return subjectOf(collection).asObservable();
}

/** Called by the first download (bootstrap.ts). Costs nothing when nobody listens. */
export function announceArriving(collection: object, event: ArrivingEvent): void {
  const s = subjects.get(collection);
  if (s?.observed) s.next(event);
}

/** True while a screen shows `collection`'s fetched pages before they are stored (the inventory). */
export function arrivingShown(collection: object): boolean {
  return subjects.get(collection)?.observed ?? false;
}
