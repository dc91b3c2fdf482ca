import type { ConflictReason } from '@lotbook/shared';

/**
 * One entry of the local conflict inbox: a write of mine that lost, fully or in some fields.
 * `mine` is my whole local document as I pushed it; `theirs` the server's whole document (null when
 * the server has none, e.g. a rejected create); `fields` names what lost:
 * - `stale_version` (someone else changed the same fields meanwhile): the contested fields;
 * - any other reason (the server refused the write): every client field where mine differs.
 */
export interface ConflictDoc {
  id: string;
  /** The synced collection (`collection` itself is reserved by RxDB for documents: SC17). */
  collection_name: string;
  doc_id: string;
  reason: ConflictReason | string;
  message: string;
  mine: Record<string, unknown>;
  theirs: Record<string, unknown> | null;
  /** Names of the fields that lost (every client field for a rejection). */
  fields: string[];
  created_at: string;
  resolved_at: string | null;
  resolution: 'mine' | 'theirs' | null;
  /** 'open' until resolved; indexed so the UI can count the open ones. */
  status: 'open' | 'resolved';
}
