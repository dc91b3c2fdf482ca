import type { TeamMember } from '@lotbook/shared';
import { useMemo } from 'react';
import { map } from 'rxjs';
import { useData, useObservable } from '../../app/hooks.ts';

const EMPTY: readonly TeamMember[] = [];

/** Active team members who can own leads (sales, managers, admins), by name. */
export function useAssignableTeam(): readonly TeamMember[] {
  const { db } = useData();
  const team$ = useMemo(
    () =>
      db.team.find().$.pipe(
        map((docs) => docs
          .map((d) => d.toJSON() as TeamMember)
          .filter((m) => m.is_active && m.role !== 'viewer')
          .toSorted((a, b) => `${a.first_name} ${a.last_name}`.localeCompare(`${b.first_name} ${b.last_name}`))),
      ),
    [db],
  );
  return useObservable(team$, EMPTY);
}
