import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useRequiredSession } from '../../app/hooks.ts';
import { useFirstSyncDone } from '../sync/first-sync.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { FilterPanel } from './FilterPanel.tsx';
import { canEditInventory } from './permissions.ts';
import { activeFilterCount, facets, filterVehicles, parseQuery, queryToParams, type VehicleQuery } from './query.ts';
import { useInventory } from './useInventory.ts';
import { VehicleResults, type InventoryView } from './VehicleResults.tsx';
import { ViewSwitch, useInventoryView } from './ViewSwitch.tsx';
import { ExportButtons } from '../import/ExportButtons.tsx';
import './inventory.css';

let markedInteractive = false;

/** The inventory: local, instant search and filters over every car, in cards or a list. */
export default function InventoryScreen() {
  const { t } = useTranslation('inventory');
  const fmt = useFormat();
  const { user } = useRequiredSession();
  const firstSyncDone = useFirstSyncDone();
  const { snapshot } = useInventory();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parseQuery(params), [params]);
  const [text, setText] = useState(query.q);
  const deferredText = useDeferredValue(text);
  const [view, setView] = useInventoryView();
  const [showFilters, setShowFilters] = useState(() => activeFilterCount(query) > 0);
  usePageTitle(t('title'));

  const update = (patch: Partial<VehicleQuery>) => setParams(queryToParams({ ...query, q: text, ...patch }), { replace: true });

  // The search box writes to the URL after a pause, so back/forward keep the search.
  useEffect(() => {
    if (text === query.q) return undefined;
    const id = setTimeout(() => setParams(queryToParams({ ...query, q: text }), { replace: true }), 300);
    return () => clearTimeout(id);
  }, [text, query, setParams]);

  const { results, ms } = useMemo(() => {
    const t0 = performance.now();
    const r = filterVehicles(snapshot.items, { ...query, q: deferredText });
    return { results: r, ms: performance.now() - t0 };
  }, [snapshot.items, query, deferredText]);
  const { makes, models } = useMemo(() => facets(snapshot.items, query.make), [snapshot.items, query.make]);

  useEffect(() => {
    if (snapshot.ready && !markedInteractive) {
      markedInteractive = true;
      performance.mark('lotbook:interactive');
    }
  }, [snapshot.ready]);

  const filters = activeFilterCount(query);
  const showsSold = query.status === 'all' || query.status === 'sold';
  return (
    <div className="page inventory" data-filter-ms={ms.toFixed(2)}>
      <div className="page-header">
        <h1>{t('title')}</h1>
        <Link to="/inventory/scan" className="btn">
          <Icon name="scan" />
          <span className="label-collapse">{t('scanVin')}</span>
        </Link>
        {canEditInventory(user.role) ? (
          <Link to="/inventory/new" className="btn btn-primary">
            <Icon name="plus" />
            {t('add')}
          </Link>
        ) : null}
      </div>
      <ExportButtons entity="inventory" params={exportParams(query)} />
      <div className="inv-toolbar">
        <div className="search-box">
          <Icon name="search" />
          <label htmlFor="inventory-search" className="visually-hidden">{t('searchLabel')}</label>
          <input
            id="inventory-search"
            className="input"
            type="search"
            placeholder={t('searchPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
          />
        </div>
        <button type="button" className="btn" aria-expanded={showFilters} aria-controls="inventory-filters" onClick={() => setShowFilters((v) => !v)}>
          <Icon name="filter" />
          {t('filters.toggle')}
          {filters > 0 ? <span className="badge badge-brand">{filters}</span> : null}
        </button>
        <ViewSwitch view={view} onChange={(v: InventoryView) => setView(v)} />
      </div>
      <div id="inventory-filters" hidden={!showFilters}>
        <FilterPanel query={query} makes={makes} models={models} onChange={update} />
      </div>
      <div className="inv-count-row">
        <p className="inv-count muted" aria-live="polite" data-testid="inventory-count">
          {snapshot.ready ? t('count', { count: results.length, total: fmt.number(snapshot.items.length), formatted: fmt.number(results.length) }) : ''}
        </p>
        <button type="button" className="chip inv-sold-chip" aria-pressed={showsSold} onClick={() => update({ status: showsSold ? null : 'all' })} data-testid="show-sold">
          {showsSold ? <Icon name="check" /> : null}
          {t('filters.showSold')}
        </button>
      </div>
      {!snapshot.ready ? (
        <PageSpinner />
      ) : snapshot.items.length === 0 ? (
        <div className="empty">
          <Icon name="car" />
          <p>{firstSyncDone ? t('emptyInventory') : t('downloading')}</p>
        </div>
      ) : results.length === 0 ? (
        <div className="empty">
          <Icon name="search" />
          <p>{t('noMatches')}</p>
          <button type="button" className="btn" onClick={() => { setText(''); setParams(new URLSearchParams(), { replace: true }); }}>
            {t('filters.clearAll')}
          </button>
        </div>
      ) : (
        <VehicleResults items={results} view={view} />
      )}
    </div>
  );
}

/** The screen's filters as the export's query (the same names as GET /api/v1/vehicles). */
function exportParams(q: VehicleQuery): Record<string, string> {
  const p: Record<string, string> = {};
  if (q.q) p.search = q.q;
  if (q.make) p.make = q.make;
  if (q.model) p.model = q.model;
  if (q.yearMin !== null) p.year_min = String(q.yearMin);
  if (q.yearMax !== null) p.year_max = String(q.yearMax);
  if (q.priceMin !== null) p.price_min = String(q.priceMin);
  if (q.priceMax !== null) p.price_max = String(q.priceMax);
  if (q.body) p.body_type = q.body;
  if (q.fuel) p.fuel_type = q.fuel;
  const status = q.status ?? 'in_stock';
  if (status === 'in_stock') p.status = 'available,reserved,maintenance';
  else if (status !== 'all') p.status = status;
  return p;
}
