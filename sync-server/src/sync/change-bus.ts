import { EventEmitter } from 'node:events';
import { isCollectionName, type CollectionName } from '@lotbook/shared';
import type { Database } from '../db/client.ts';
import type { Logger } from '../log.ts';

/** The NOTIFY channel the `lotbook_stamp` trigger writes `<table>:<dealership_id>` to. */
export const CHANGES_CHANNEL = 'lotbook_changes';

const TABLE_TO_COLLECTION: Record<string, CollectionName> = { users: 'team' };

export interface ChangeHint {
  dealershipId: string;
  collection: CollectionName;
}

/**
 * Change hints from Postgres LISTEN/NOTIFY, so that a write through any server instance wakes the
 * SSE clients of every instance (invariant 9). Holds no state that matters: a lost hint only
 * delays a pull until the client's next RESYNC.
 */
export class ChangeBus {
  private readonly emitter = new EventEmitter();
  private unlisten: (() => Promise<void>) | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async start(db: Database, log: Logger): Promise<void> {
    this.unlisten = await db.listen(CHANGES_CHANNEL, (payload) => {
      const [table, dealershipId] = payload.split(':');
      if (!table || !dealershipId) return;
      const collection = TABLE_TO_COLLECTION[table] ?? table;
      if (!isCollectionName(collection)) return;
      this.emitter.emit('change', { dealershipId, collection } satisfies ChangeHint);
    });
    log.debug('listening for change hints');
  }

  onChange(listener: (hint: ChangeHint) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }
}
