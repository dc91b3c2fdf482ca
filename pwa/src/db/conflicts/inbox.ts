import type { CollectionName, Rejection } from '@lotbook/shared';
import type { LotbookDatabase } from '../database.ts';
import type { ConflictDoc } from './types.ts';

/**
 * Per-database glue between the push handler (which sees the server's `_rejection`) and the
 * conflict handler (which RxDB calls right after, without it), plus writes to the inbox.
 */
export class ConflictInbox {
  private db: LotbookDatabase | null = null;
  private readonly rejections = new Map<string, Rejection>();
  private readonly settled = new Map<string, Record<string, unknown>>();

  attach(db: LotbookDatabase): void {
    this.db = db;
  }

  /** Called by the push handler for every returned document that carried `_rejection`. */
  rememberRejection(collection: CollectionName, docId: string, rejection: Rejection): void {
    this.rejections.set(`${collection}/${docId}`, rejection);
  }

  takeRejection(collection: CollectionName, docId: string): Rejection | undefined {
    const key = `${collection}/${docId}`;
    const r = this.rejections.get(key);
    this.rejections.delete(key);
    return r;
  }

  /**
   * The conflict handler resolved to exactly the server's state: nothing is left to push (RxDB
   * writes it locally and, having nothing new, does not push it again).
   */
  markSettled(collection: CollectionName, doc: Record<string, unknown>): void {
    this.settled.set(`${collection}/${String(doc.id)}`, doc);
  }

  takeSettled(collection: CollectionName, docId: string): Record<string, unknown> | undefined {
    const key = `${collection}/${docId}`;
    const d = this.settled.get(key);
    this.settled.delete(key);
    return d;
  }

  async nameOf(userId: unknown): Promise<string | null> {
    if (typeof userId !== 'string' || !this.db) return null;
    const member = await this.db.team.findOne(userId).exec();
    if (!member) return null;
    return [member.first_name, member.last_name].filter(Boolean).join(' ') || null;
  }

  /** Upserts: the same loss reported twice (a retried push) stays one entry. */
  async record(entry: ConflictDoc): Promise<void> {
    await this.db?.conflicts.upsert(entry);
  }
}
