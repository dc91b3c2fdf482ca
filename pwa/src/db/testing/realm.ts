/**
 * Everything a simulated device runs. Each device imports this module afresh (vi.resetModules), so
 * each gets its own copy of RxDB and of our data layer, like separate browsers. (Open-source RxDB
 * allows 13 open collections per JS realm; a Lotbook device uses 9.)
 */
export { lotbookStorage } from '../storage.ts';
export { createApiClient, createSessionStore, loginRequest, memoryStorage } from '../../auth/session.ts';
export { arrivingDocs, claimDevice, createLotbookDatabase, LOT_FIRST, ownershipFor, readDeviceOwner, requestFirstPages, resolveConflict, startSync, wipeLocalData } from '../index.ts';
