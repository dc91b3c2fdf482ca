/** The client data layer: the only names the UI imports from src/db (see the API contract). */
export { createLotbookDatabase, removeLotbookDatabase, type LotbookCollections, type LotbookDatabase } from './database.ts';
export { newDocFields } from './doc-fields.ts';
export type { ConflictDoc } from './conflicts/types.ts';
export { resolveConflict } from './conflicts/resolve.ts';
export { startSync, type StartSyncOptions, type SyncController } from './sync/start.ts';
export type { SyncStatus } from './sync/status.ts';
export { arrivingDocs, type ArrivingEvent } from './sync/arriving.ts';
export { requestFirstPages, type EarlyPages } from './sync/early-pages.ts';
export { LOT_FIRST } from './sync/start.ts';
export { wipeLocalData } from './wipe.ts';
export { claimDevice, ownershipFor, readDeviceOwner, type DeviceOwner } from './owner.ts';
