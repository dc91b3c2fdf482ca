import { useCallback, useEffect, useRef, useState } from 'react';
import { merge } from 'rxjs';
import { useData, useRequiredSession } from '../../app/hooks.ts';
import { api } from '../../app/runtime.ts';
import { readCached, writeCached, type CachedFigures } from './cache.ts';
import type { AgingData, DashboardBundle, DashboardData, ForecastData, Period, RestockData, SellersData } from './types.ts';

/** Refresh while the screen is visible. */
const REFRESH_MS = 60_000;
/** A burst of synced sales or leads becomes one refresh. */
const CHANGE_DEBOUNCE_MS = 2_000;

export interface DashboardState {
  figures: CachedFigures | null;
  loading: boolean;
  /** The last fetch failed (offline or server error): `figures` are the cached ones, if any. */
  failed: boolean;
  refresh(): void;
}

/**
 * The dashboard's figures for a period: the cached ones at once (so offline it never opens
 * empty), then fresh ones from the server, again every minute while visible and soon after the
 * sync stream brings new sales or leads.
 */
export function useDashboardData(period: Period, compare: boolean): DashboardState {
  const { user } = useRequiredSession();
  const { db } = useData();
  const key = `${period}|${compare}`;
  const [figures, setFigures] = useState<CachedFigures | null>(() => readCached(user.id, key));
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const seq = useRef(0);
  const manager = user.role === 'manager' || user.role === 'admin';

  const refresh = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    const q = `period=${period}&compare_previous=${compare}`;
    Promise.all([
      api.get<DashboardData>(`/api/v1/analytics/dashboard?${q}`),
      api.get<SellersData>(`/api/v1/analytics/sellers?period=${period}`),
      api.get<AgingData>('/api/v1/analytics/inventory-aging'),
      manager ? api.get<ForecastData>('/api/v1/analytics/forecast?horizon_weeks=12') : Promise.resolve(undefined),
      manager ? api.get<RestockData>('/api/v1/analytics/restock') : Promise.resolve(undefined),
    ])
      .then(([dashboard, sellers, aging, forecast, restock]) => {
        if (mine !== seq.current) return;
        const bundle: DashboardBundle = { dashboard, sellers, aging, ...(forecast ? { forecast } : {}), ...(restock ? { restock } : {}) };
        const next: CachedFigures = { fetched_at: new Date().toISOString(), bundle };
        writeCached(user.id, key, next);
        setFigures(next);
        setFailed(false);
      })
      .catch(() => {
        if (mine === seq.current) setFailed(true);
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, [period, compare, key, user.id, manager]);

  useEffect(() => {
    setFigures(readCached(user.id, key));
    refresh();
    const tick = setInterval(() => {
      if (document.visibilityState === 'visible' && navigator.onLine) refresh();
    }, REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', refresh);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = merge(db.sales.$, db.leads.$).subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (document.visibilityState === 'visible') refresh();
      }, CHANGE_DEBOUNCE_MS);
    });
    return () => {
      clearInterval(tick);
      clearTimeout(timer);
      sub.unsubscribe();
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', refresh);
    };
  }, [refresh, db, key, user.id]);

  return { figures, loading, failed, refresh };
}
