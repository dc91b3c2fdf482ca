import type { AppContext } from '../context.ts';
import { pullBody, type PullInput, type PullResult } from './pull.ts';
import { scopePredicate } from './scope.ts';

/**
 * One answer shared by the devices that ask the same pull question after the same hint (issue 17).
 *
 * A change to a collection everyone sees (the inventory) is hinted to every open stream, and every
 * device then asks the same question: "what changed since seq S?", with the same S, since they
 * were all up to date. The answer depends only on the dealership, the collection, S, the page size
 * and what the caller may see (the role, for a collection whose scope is the whole dealership; the
 * user, otherwise). So the first request runs the query and the others, arriving while it runs or
 * shortly after, get its body.
 *
 * Why a shared answer never skips a change (invariant 1) nor hides the hinted one:
 * - An answer is what the query returned from one snapshot, with the checkpoint of its last row.
 *   Served later, it is the answer to an earlier moment: every row in it was committed, nothing
 *   between S and its checkpoint is missing, and whatever committed afterwards has a higher seq
 *   (writes are serialized per dealership, ARCHITECTURE.md), so the device's next pull brings it.
 * - Only a request that carries `hint=H` (the seq of the change event that made it pull) is
 *   served from here, and only from an answer whose snapshot covers H: an answer records the
 *   highest seq known to be committed before its query started (the hint of the request that ran
 *   it). A hint is the max(seq) the stream read from the database, so it was committed; and since
 *   a dealership's seqs commit in order, everything up to it was too. A device hinted at H
 *   therefore always sees H, even when the stream and the pull go to different instances.
 * - A request without a hint (an old client, a resync, a first download) always runs the query.
 * - An answer from checkpoint S also answers a later checkpoint S' with its rows past S' (less the
 *   scope tombstones S' already had): from one snapshot, that is exactly what the query would have
 *   returned (answerFrom). Devices whose checkpoints drifted apart still share it. An answer whose
 *   page was full (it stopped before its snapshot's end) serves only its own question.
 *
 * Answers live for a few seconds and the cache is bounded by count and bytes.
 */
export class PullCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly opts: { maxEntries: number; maxBytes: number; ttlMs: number; maxBodyBytes: number } = {
      maxEntries: 2_000,
      maxBytes: 16 * 1024 * 1024,
      ttlMs: 300,
      maxBodyBytes: 512 * 1024,
    },
  ) {}

  /** Hits and misses since the start (tests, the load bench's profile). */
  readonly stats = { hits: 0, misses: 0 };

  /**
   * Where the answer for this question is kept: one per role for a collection the caller sees
   * whole, one per user otherwise (the doc expression depends on the role, visibility.ts; the
   * scope on the user). It serves every checkpoint at or after its own (see answerFrom).
   */
  static key(input: PullInput): string {
    const { collection, user } = input;
    const base = `${user.dealership_id}|${collection}`;
    return scopePredicate(collection, user) === 'true' ? `${base}|r:${user.role}` : `${base}|u:${user.id}:${user.role}`;
  }

  /**
   * The answer to `input` from a snapshot that covers `hint`: from a stored answer, one being
   * computed, or a new query run by `load`. `known` is the highest seq known to be committed
   * before `load` starts (the stream's last hint on this instance).
   */
  async get(input: PullInput, hint: number, known: number, load: () => Promise<PullResult>): Promise<PullResult> {
    const key = PullCache.key(input);
    const now = Date.now();
    const found = this.entries.get(key);
    if (found && found.covers >= hint && now - found.at <= this.opts.ttlMs && found.from <= input.seq) {
      const stored = await found.result.catch(() => null);
      const answer = stored && answerFrom(found, stored, input);
      if (answer) {
        this.stats.hits += 1;
        return answer;
      }
    }
    this.stats.misses += 1;
    const entry: Entry = { from: input.seq, limit: input.limit, covers: Math.max(hint, known), at: now, result: load(), bytes: 0 };
    // Keep the answer that covers the most; of two that cover as much, the one that starts earlier (or the newer, which may serve what the older could not).
    const keep = !found || now - found.at > this.opts.ttlMs || entry.covers > found.covers || (entry.covers === found.covers && entry.from <= found.from);
    if (keep) this.put(key, entry);
    entry.result.then(
      (r) => {
        if (this.entries.get(key) !== entry) return;
        if (r.body.length > this.opts.maxBodyBytes) return this.drop(key);
        entry.bytes = r.body.length * 2;
        this.bytes += entry.bytes;
        this.trim();
      },
      () => {
        if (this.entries.get(key) === entry) this.drop(key);
      },
    );
    return entry.result;
  }

  get size(): number {
    return this.entries.size;
  }

  private put(key: string, entry: Entry): void {
    this.drop(key);
    this.entries.set(key, entry);
    this.trim();
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.bytes;
    this.entries.delete(key);
  }

  /** Oldest first (a Map keeps insertion order): expired answers, then whatever exceeds the bounds. */
  private trim(): void {
    const now = Date.now();
    for (const [key, e] of this.entries) {
      const over = this.entries.size > this.opts.maxEntries || this.bytes > this.opts.maxBytes;
      if (!over && now - e.at <= this.opts.ttlMs) break;
      this.drop(key);
    }
  }
}

/**
 * A stored answer cut to a later checkpoint and a page size, or null when it cannot serve it.
 *
 * From one snapshot, the query's answer for a checkpoint S' at or after the stored S is the stored
 * rows with seq > S', less the scope tombstones whose scope changed at or before S' (the query
 * sends a tombstone only when `scope_seq > checkpoint`; a row in scope is sent whatever its
 * scope_seq). So a stored answer serves it exactly. A page that was full ended before the snapshot
 * did: past its own checkpoint it knows nothing, so it serves only the very question it answered.
 */
function answerFrom(entry: Entry, r: PullResult, input: PullInput): PullResult | null {
  const full = r.count >= entry.limit;
  if (input.seq === entry.from && (full ? input.limit === entry.limit : r.count <= input.limit)) return r;
  if (full) return null;
  const docs: string[] = [];
  const seqs: number[] = [];
  const tombs: (number | null)[] = [];
  for (let i = 0; i < r.seqs.length && docs.length < input.limit; i++) {
    const tomb = r.tombs[i]!;
    if (r.seqs[i]! <= input.seq || (tomb !== null && tomb <= input.seq)) continue;
    docs.push(r.docs[i]!);
    seqs.push(r.seqs[i]!);
    tombs.push(tomb);
  }
  const checkpoint = seqs.length ? seqs[seqs.length - 1]! : input.seq;
  return { body: pullBody(docs, checkpoint), count: docs.length, checkpoint, docs, seqs, tombs };
}

interface Entry {
  /** The checkpoint it answered. */
  from: number;
  limit: number;
  covers: number;
  at: number;
  result: Promise<PullResult>;
  bytes: number;
}

const caches = new WeakMap<AppContext, PullCache>();

/** The instance's pull cache (one per app context, as the stream hub). */
export function pullCacheFor(ctx: AppContext): PullCache {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new PullCache()));
  return cache;
}
