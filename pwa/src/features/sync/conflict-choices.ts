import { documentErrors, PUSHABLE_COLLECTIONS, type FieldError, type PushableCollection } from '@lotbook/shared';
import type { ConflictDoc } from '../../db/index.ts';

/** The local reason of a write parked behind a refused one (pwa/src/db/sync/dependencies.ts). */
export const PARENT_REFUSED = 'parent_refused';

/** Reasons where sending mine again can only be refused again: someone else holds the car, etc. */
const THEIRS_WINS = new Set(['vehicle_already_reserved', 'vehicle_already_sold', 'vehicle_not_found', 'forbidden', 'append_only', 'illegal_transition', 'illegal_vehicle_transition', 'duplicate', 'lead_already_claimed']);

export type ConflictChoice = 'fix' | 'mine' | 'theirs' | 'follows';

/**
 * What the inbox offers first for an entry:
 * - 'follows': parked behind a refused customer or lead; it is resent or discarded with it;
 * - 'fix': the server found fields invalid (they are listed, to correct and resend);
 * - 'theirs': a colleague's state stands (the reservation is theirs): "keep mine" only recreates
 *   the conflict, so "keep theirs" is the highlighted choice;
 * - 'mine': an ordinary merge loss (stale version): resending mine is what most people want.
 */
export function recommendedChoice(c: Pick<ConflictDoc, 'reason' | 'collection_name' | 'mine'>): ConflictChoice {
  if (c.reason === PARENT_REFUSED) return 'follows';
  if (THEIRS_WINS.has(c.reason)) return 'theirs';
  if (fixableErrors(c).length > 0) return 'fix';
  return 'mine';
}

/** The fields of my version that the shared rules refuse (what the user can fix in the inbox). */
export function fixableErrors(c: Pick<ConflictDoc, 'reason' | 'collection_name' | 'mine'>): FieldError[] {
  if (c.reason === 'stale_version' || !(PUSHABLE_COLLECTIONS as string[]).includes(c.collection_name)) return [];
  return documentErrors(c.collection_name as PushableCollection, c.mine);
}

/** A typed correction, as the field's type: numbers stay numbers, an emptied field becomes null. */
export function parseFix(original: unknown, typed: string): unknown {
  if (typed.trim() === '') return original === '' ? '' : null;
  if (typeof original === 'number') {
    const n = Number(typed.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : typed;
  }
  return typed.trim();
}
