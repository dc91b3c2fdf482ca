import { v7 as uuidv7 } from 'uuid';

/**
 * The server-owned fields of a document created on this device, as placeholders the server
 * overwrites on push (ARCHITECTURE.md invariant 2). UUIDv7 ids sort by creation time.
 */
export function newDocFields(dealershipId: string): { id: string; dealership_id: string; created_at: string; updated_at: string; version: 0; seq: 0 } {
  const now = new Date().toISOString();
  return { id: uuidv7(), dealership_id: dealershipId, created_at: now, updated_at: now, version: 0, seq: 0 };
}
