import { describe, expect, it } from 'vitest';
import { HOME_PATH, homePathFor } from './routes.tsx';

describe('where "/" goes', () => {
  it('managers and admins on a wide screen land on the dashboard; phones and every other role on the inventory', () => {
    expect(homePathFor('manager', true)).toBe('/dashboard');
    expect(homePathFor('admin', true)).toBe('/dashboard');
    expect(homePathFor('manager', false)).toBe(HOME_PATH);
    expect(homePathFor('admin', false)).toBe('/inventory');
    for (const role of ['sales', 'viewer']) {
      expect(homePathFor(role, true)).toBe('/inventory');
      expect(homePathFor(role, false)).toBe('/inventory');
    }
  });
});
