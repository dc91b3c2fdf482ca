import type { Role } from '@lotbook/shared';

/** Managers and admins add and edit vehicles. */
export function canEditInventory(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}

/** Everyone but viewers writes (reserve, release, log activities). */
export function canWrite(role: Role): boolean {
  return role !== 'viewer';
}
