import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { Observable } from 'rxjs';
import type { Session } from '../auth/session.ts';
import type { SyncStatus } from '../db/index.ts';
import type { DataRuntime } from './runtime.ts';
import { sessionSnapshot, sessionStore } from './runtime.ts';

/** The current session (null when logged out); re-renders on login, refresh and logout. */
export function useSession(): Session | null {
  return useSyncExternalStore((cb) => sessionStore.onChange(cb), sessionSnapshot);
}

/** Like useSession, for screens that only render inside the logged-in shell. */
export function useRequiredSession(): Session {
  const s = useSession();
  if (!s) throw new Error('useRequiredSession outside of a session');
  return s;
}

export const DataContext = createContext<DataRuntime | null>(null);

/** The local database, replication controller and data-layer functions. */
export function useData(): DataRuntime {
  const data = useContext(DataContext);
  if (!data) throw new Error('useData outside of DataContext');
  return data;
}

/** Latest value of an observable (re-subscribes when `obs` changes). */
export function useObservable<T>(obs: Observable<T> | null | undefined, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    if (!obs) return undefined;
    const sub = obs.subscribe({ next: (v) => setValue(() => v) });
    return () => sub.unsubscribe();
  }, [obs]);
  return value;
}


export function useSyncStatus(): SyncStatus {
  const { sync } = useData();
  return useObservable(sync.status$, sync.status$.getValue());
}

/** A clock that ticks every `ms` so relative times ("2 min ago") stay fresh. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
