import { describe, expect, it } from 'vitest';
import { canAssignLeads, ownerLabel } from './assign.ts';
import { testDriveText, toLocalInput } from './test-drive.ts';

describe('lead ownership', () => {
  it('lets only managers and admins assign (the server rule)', () => {
    expect(canAssignLeads('manager')).toBe(true);
    expect(canAssignLeads('admin')).toBe(true);
    expect(canAssignLeads('sales')).toBe(false);
    expect(canAssignLeads('viewer')).toBe(false);
  });
  it('names the owner, says unassigned, or shows a short id before the team has synced', () => {
    const names = new Map([['u1', 'Ana López']]);
    expect(ownerLabel('u1', names, 'Sin asignar')).toBe('Ana López');
    expect(ownerLabel(null, names, 'Sin asignar')).toBe('Sin asignar');
    expect(ownerLabel('0190a0b0-1111-7000', names, 'Sin asignar')).toBe('0190a0b0');
  });
});

describe('test drive', () => {
  it('writes the car and the time into the activity', () => {
    const input = { vehicle: { id: 'v1', make: 'Toyota', model: 'RAV4', year: 2024, stock_number: 'S-12' }, at: '2026-12-02T15:30:00.000Z' };
    expect(testDriveText('Prueba de conducción', input, '2 dic 2026, 16:30')).toBe('Prueba de conducción: Toyota RAV4 2024 (S-12) · 2 dic 2026, 16:30');
  });
  it('fills a datetime-local input in local time', () => {
    expect(toLocalInput(new Date(2026, 11, 2, 9, 5))).toBe('2026-12-02T09:05');
  });
});
