import type { Lead } from '@lotbook/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { map } from 'rxjs';
import { useData, useNow, useObservable } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { useInventory } from '../inventory/useInventory.ts';
import { useAllSales } from '../sales/useSales.ts';
import { dailyFigures, yesterdayOf } from './daily-report.ts';
import './notifications.css';

/**
 * What the "Informe diario" notification opens: yesterday's sales, leads and today's stock,
 * computed from the data on this device (works offline; a manager's device holds the whole
 * dealership, a salesperson's only their own records).
 */
export default function DailyReportScreen() {
  const { t } = useTranslation('notifications');
  const fmt = useFormat();
  const { db } = useData();
  const now = useNow();
  usePageTitle(t('report.title'));
  const sales = useAllSales();
  const { snapshot } = useInventory();
  const leads$ = useMemo(() => db.leads.find().$.pipe(map((ds) => ds.map((d) => d.toJSON() as Lead))), [db]);
  const leads = useObservable<Lead[] | null>(leads$, null);
  const day = yesterdayOf(new Date(now));
  const figures = useMemo(
    () => (sales && leads && snapshot.ready ? dailyFigures(day, { sales, leads, vehicles: snapshot.items.map((i) => i.v) }, new Date(now)) : null),
    [day, sales, leads, snapshot, now],
  );
  if (!figures) return <PageSpinner />;
  const dayLabel = fmt.date(new Date(`${day}T12:00:00`).toISOString());
  const tiles: [string, string, string][] = [
    ['sales', t('report.sales'), fmt.number(figures.salesCount)],
    ['revenue', t('report.revenue'), fmt.money(figures.revenue)],
    ['newLeads', t('report.newLeads'), fmt.number(figures.newLeads)],
    ['won', t('report.won'), fmt.number(figures.wonLeads)],
    ['lost', t('report.lost'), fmt.number(figures.lostLeads)],
    ['stock', t('report.inStock'), fmt.number(figures.inStock)],
    ['reserved', t('report.reserved'), fmt.number(figures.reserved)],
    ['aged', t('report.aged'), fmt.number(figures.aged)],
  ];
  return (
    <div className="page page-narrow stack">
      <div className="page-header">
        <Link to="/notifications" className="btn btn-ghost btn-icon" aria-label={t('common:back')}><Icon name="back" /></Link>
        <h1>{t('report.title')}</h1>
      </div>
      <p className="muted">{t('report.about', { day: dayLabel })}</p>
      <dl className="report-grid" data-testid="daily-report">
        {tiles.map(([key, label, value]) => (
          <div key={key} className="card report-tile" data-figure={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted report-note">{t('report.localNote')}</p>
      <div className="leads-actions">
        <Link to="/sales" className="btn">{t('report.openSales')}</Link>
        <Link to="/leads" className="btn">{t('report.openLeads')}</Link>
        <Link to="/inventory" className="btn">{t('report.openInventory')}</Link>
      </div>
    </div>
  );
}
