import type { LotbookDatabase } from './database.ts';
import { clearDeviceOwner } from './owner.ts';
import { controllerOf } from './sync/start.ts';

/**
 * Logout on a shared tablet: stops syncing and removes the whole local database (documents, the
 * conflict inbox, replication checkpoints and the device-owner record). The `db` object is closed afterwards: open a new one
 * with createLotbookDatabase(). Callers push pending writes first (status.pending === 0) or get
 * the user's explicit confirmation (ARCHITECTURE.md "Auth on a device that is offline").
 */
export async function wipeLocalData(db: LotbookDatabase): Promise<void> {
  await controllerOf(db)?.stop();
  await db.remove();
  clearDeviceOwner();
}
