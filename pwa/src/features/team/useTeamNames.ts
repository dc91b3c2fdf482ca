import { useMemo } from 'react';
import { map } from 'rxjs';
import { useData, useObservable } from '../../app/hooks.ts';

const EMPTY: ReadonlyMap<string, string> = new Map();

/** user id → "First Last" for the dealership's team (the pull-only `team` collection). */
export function useTeamNames(): ReadonlyMap<string, string> {
  const { db } = useData();
  const names$ = useMemo(
    () =>
      db.team.find().$.pipe(
        map((docs) => new Map(docs.map((d) => [d.id, `${d.first_name} ${d.last_name}`.trim()] as const)) as ReadonlyMap<string, string>),
      ),
    [db],
  );
  return useObservable(names$, EMPTY);
}
