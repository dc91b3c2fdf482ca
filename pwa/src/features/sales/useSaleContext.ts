import type { Lead, TeamMember } from '@lotbook/shared';
import { useMemo } from 'react';
import { map, type Observable } from 'rxjs';
import { useData, useObservable } from '../../app/hooks.ts';

/** The lead as plain JSON: undefined while loading, null when it is not on this device. */
export function useLead(id: string | null): Lead | null | undefined {
  const { db } = useData();
  const obs = useMemo(
    () => (id ? (db.leads.findOne(id).$ as Observable<{ toJSON(): unknown } | null>).pipe(map((d) => (d ? (d.toJSON() as Lead) : null))) : null),
    [db, id],
  );
  return useObservable<Lead | null | undefined>(obs, id ? undefined : null);
}

/** Active team members who can sell (sales reps, managers, admins), by name. */
export function useSellers(): TeamMember[] {
  const { db } = useData();
  const obs = useMemo(
    () => (db.team.find().$ as Observable<{ toJSON(): unknown }[]>).pipe(
      map((ds) => ds
        .map((d) => d.toJSON() as TeamMember)
        .filter((m) => m.is_active && m.role !== 'viewer')
        .toSorted((a, b) => `${a.first_name} ${a.last_name}`.localeCompare(`${b.first_name} ${b.last_name}`))),
    ),
    [db],
  );
  return useObservable<TeamMember[]>(obs, []);
}
