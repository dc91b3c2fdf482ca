import { useMemo } from 'react';
import { map } from 'rxjs';
import { useData, useObservable } from '../../app/hooks.ts';
import type { ConflictDoc } from '../../db/index.ts';

/** All conflicts, newest first (the inbox is small: sorting in memory is simplest). */
export function useConflicts(): ConflictDoc[] | null {
  const { db } = useData();
  const conflicts$ = useMemo(
    () =>
      db.conflicts.find().$.pipe(
        map((docs) => docs.map((d) => d.toJSON() as ConflictDoc).toSorted((a, b) => b.created_at.localeCompare(a.created_at))),
      ),
    [db],
  );
  return useObservable<ConflictDoc[] | null>(conflicts$, null);
}

/** How many conflicts still wait for "keep mine" / "keep theirs". */
export function useConflictCount(): number {
  const { db } = useData();
  const count$ = useMemo(() => db.conflicts.find().$.pipe(map((docs) => docs.filter((d) => d.resolved_at === null).length)), [db]);
  return useObservable(count$, 0);
}
