import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequiredSession } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { useOnline } from '../../ui/useOnline.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { cardModel } from './cards.ts';
import { BarCard, PieCard } from './Charts.tsx';
import { Customize } from './Customize.tsx';
import { KpiCard, KpiSkeleton } from './KpiCard.tsx';
import { Leaderboard } from './Leaderboard.tsx';
import { loadLayout, saveLayout, type CardLayout } from './layout.ts';
import { MyPerformance } from './MyPerformance.tsx';
import { PERIODS, type Period } from './types.ts';
import { useDashboardData } from './useDashboardData.ts';
import { downloadReport } from './download.ts';
import { ForecastCard } from './ForecastCard.tsx';
import { RestockCard } from './RestockCard.tsx';
import { PlanTargets } from './PlanTargets.tsx';
import './dashboard.css';

/**
 * /dashboard: the manager's desk (headline cards, charts, leaderboard) or, for a salesperson,
 * "Mi rendimiento". Online figures from /api/v1/analytics; offline it shows the last ones fetched
 * with their time, never an empty screen.
 */
export default function DashboardScreen() {
  const { t } = useTranslation('dashboard');
  const { t: tc } = useTranslation('common');
  const fmt = useFormat();
  const { user } = useRequiredSession();
  const online = useOnline();
  const isRep = user.role === 'sales';
  const isManager = user.role === 'manager' || user.role === 'admin';
  usePageTitle(isRep ? t('mine.title') : t('title'));
  const [period, setPeriod] = useState<Period>('month');
  const [compare, setCompare] = useState(true);
  const [layout, setLayout] = useState<CardLayout>(() => loadLayout(user.id));
  const [customizing, setCustomizing] = useState(false);
  const [planning, setPlanning] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [downloadFailed, setDownloadFailed] = useState(false);
  const { figures, loading, failed, refresh } = useDashboardData(period, compare);
  const b = figures?.bundle;
  const changeLayout = (l: CardLayout) => {
    setLayout(l);
    saveLayout(user.id, l);
  };
  const stale = !online || failed;

  return (
    <div className="page dash">
      <div className="page-header">
        <h1>{isRep ? t('mine.title') : t('title')}</h1>
        <div className="dash-controls">
          <div className="field">
            <label htmlFor="dash-period">{t('period.label')}</label>
            <select id="dash-period" className="select" value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
              {PERIODS.map((p) => <option key={p} value={p}>{t(`period.${p}`)}</option>)}
            </select>
          </div>
          <label className="checkbox"><input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} />{t('compare')}</label>
          <button type="button" className="btn" onClick={refresh} disabled={loading || !online}><Icon name="sync" />{t('refresh')}</button>
          <button type="button" className="btn" disabled={!online || downloading} onClick={() => {
            setDownloading(true);
            downloadReport(period).catch(() => setDownloadFailed(true)).finally(() => setDownloading(false));
          }}>{t('download')}</button>
          <button type="button" className="btn btn-ghost" aria-expanded={customizing} onClick={() => setCustomizing((c) => !c)}><Icon name="settings" />{t('customize.open')}</button>
          {isManager ? <button type="button" className="btn btn-ghost" aria-expanded={planning} onClick={() => setPlanning((p) => !p)}><Icon name="settings" />{t('plan.open')}</button> : null}
        </div>
      </div>

      <div className="dash-status" role="status">
        {figures ? <span data-testid="dash-as-of">{t('asOf', { time: fmt.time(figures.fetched_at), date: fmt.date(figures.fetched_at) })}</span> : null}
        {stale ? (
          <div className="alert alert-warning"><Icon name="cloudOff" /><span>{figures ? t('offlineCached') : t('offlineEmpty')}</span></div>
        ) : null}
        {downloadFailed ? <div className="alert alert-danger"><Icon name="alert" /><span>{t('downloadFailed')}</span></div> : null}
      </div>

      {customizing ? <Customize layout={layout} onChange={changeLayout} /> : null}
      {isManager && planning ? <PlanTargets onSaved={refresh} /> : null}

      <div className="dash-grid" data-testid="dash-cards">
        {b
          ? layout.order.filter((id) => !layout.hidden.includes(id)).map((id) => {
            const m = cardModel(id, b.dashboard, fmt, t, compare);
            return m ? <KpiCard key={id} id={id} fmt={fmt} {...m} /> : null;
          })
          : Array.from({ length: 4 }, (_, i) => <KpiSkeleton key={i} />)}
      </div>

      {b ? (
        <>
          <div className="dash-charts">
            <BarCard testId="chart-revenue" title={t('charts.revenueByWeek')} fmt={fmt} money points={b.dashboard.sales.by_week.map((w) => ({ label: fmt.date(`${w.week}T12:00:00Z`).replace(/\s?\d{4}$/, ''), value: w.revenue }))} />
            <PieCard testId="chart-status" title={t('charts.byStatus')} fmt={fmt} points={Object.entries(b.dashboard.inventory.vehicles_by_status).map(([s, n]) => ({ label: tc(`enum.${s}`), value: n }))} />
            <BarCard testId="chart-aging" title={t('charts.aging')} fmt={fmt} points={Object.entries(b.aging.buckets).map(([k, n]) => ({ label: t('charts.days', { range: k }), value: n }))} />
            {b.forecast ? <ForecastCard data={b.forecast} fmt={fmt} /> : null}
            {b.restock ? <RestockCard data={b.restock} fmt={fmt} /> : null}
            <BarCard testId="chart-sources" title={t('charts.bySource')} fmt={fmt} points={Object.entries(b.dashboard.leads.leads_by_source).filter(([, n]) => n > 0).map(([s, n]) => ({ label: t(`source.${s}`), value: n }))} />
          </div>
          {isRep ? <MyPerformance data={b.sellers} fmt={fmt} /> : <Leaderboard rows={b.sellers.sellers} fmt={fmt} showGross={user.role !== 'viewer'} />}
        </>
      ) : (
        <div className="dash-charts" aria-hidden="true">{Array.from({ length: 4 }, (_, i) => <div key={i} className="card dash-chart dash-skeleton"><span /><span /></div>)}</div>
      )}
    </div>
  );
}
