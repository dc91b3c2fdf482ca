import { describe, expect, test } from 'vitest';
import { FirstSyncProgress } from './progress.ts';

describe('first-download progress', () => {
  test('never passes the total when more documents arrive than the first page announced', () => {
    const p = new FirstSyncProgress(['vehicles', 'leads']);
    p.total('vehicles', 100);
    p.total('leads', 200);
    p.add('vehicles', 100);
    p.add('leads', 150);
    expect(p.value).toEqual({ pulled: 250, total: 300 });
    p.add('leads', 52); // written on the server during the download
    p.add('vehicles', 3);
    expect(p.value).toEqual({ pulled: 300, total: 300 });
  });

  test('the total stays unknown until every collection told its own, then never changes', () => {
    const p = new FirstSyncProgress(['vehicles', 'leads']);
    p.total('vehicles', 10);
    p.add('vehicles', 10);
    expect(p.value).toEqual({ pulled: 10, total: null });
    p.total('leads', 5);
    expect(p.value.total).toBe(15);
    p.total('leads', 9); // a later first page (a restart) does not move it
    expect(p.value.total).toBe(15);
  });

  test('a collection that finished without announcing a total counts what it pulled', () => {
    const p = new FirstSyncProgress(['vehicles', 'team']);
    p.total('vehicles', 4);
    p.add('team', 6);
    p.finish('team');
    p.add('vehicles', 2);
    expect(p.value).toEqual({ pulled: 8, total: 10 });
  });
});
