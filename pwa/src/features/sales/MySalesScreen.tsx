import type { Sale, SaleStatus } from '@lotbook/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../import/ExportButtons.tsx';
import { Link, useSearchParams } from 'react-router';
import { useNow, useRequiredSession } from '../../app/hooks.ts';
import { useFormat, type Formatter } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { useCustomerStore } from '../customers/useCustomerStore.ts';
import { VirtualList } from '../../ui/VirtualList.tsx';
import { canWrite } from '../inventory/permissions.ts';
import type { IndexedVehicle } from '../inventory/read-model.ts';
import { useInventory } from '../inventory/useInventory.ts';
import { vehicleTitle } from '../inventory/VehicleBits.tsx';
import { useTeamNames } from '../team/useTeamNames.ts';
import { monthTotals } from './sales-summary.ts';
import { useAllSales } from './useSales.ts';
import './sales.css';

const STATUS_TONE: Record<SaleStatus, string> = { completed: 'badge-success', pending: 'badge-warning', cancelled: '' };

/**
 * /sales: a salesperson's own sales; managers, admins and viewers see everyone's, with a
 * salesperson filter. Newest first, with this month's completed sales and revenue on top.
 */
export default function MySalesScreen() {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const { user } = useRequiredSession();
  const now = useNow(60_000);
  const seesAll = user.role !== 'sales';
  usePageTitle(seesAll ? t('list.title') : t('list.myTitle'));
  const sales = useAllSales();
  const names = useTeamNames();
  const [params, setParams] = useSearchParams();
  const person = seesAll ? (params.get('salesperson') ?? '') : user.id;

  const people = useMemo(() => {
    const ids = new Set((sales ?? []).map((s) => s.salesperson_id));
    return [...ids].map((id) => ({ id, name: names.get(id) ?? t('list.unknownPerson') })).toSorted((a, b) => a.name.localeCompare(b.name));
  }, [sales, names, t]);
  const shown = useMemo(() => (sales ?? []).filter((s) => !person || s.salesperson_id === person), [sales, person]);
  const totals = useMemo(() => monthTotals(shown, new Date(now)), [shown, now]);
  const month = new Intl.DateTimeFormat(fmt.locale, { month: 'long', year: 'numeric' }).format(new Date(now));

  return (
    <div className="page page-narrow">
      <div className="page-header">
        <h1>{seesAll ? t('list.title') : t('list.myTitle')}</h1>
        {canWrite(user.role) ? <Link to="/sales/new" className="btn btn-primary"><Icon name="plus" />{t('list.new')}</Link> : null}
      </div>
      <ExportButtons entity="sales" params={seesAll && person ? { salesperson: person } : {}} />
      {seesAll ? (
        <div className="sales-toolbar">
          <div className="field">
            <label htmlFor="sales-person">{t('list.salesperson')}</label>
            <select id="sales-person" className="select" value={person} onChange={(e) => setParams(e.target.value ? { salesperson: e.target.value } : {}, { replace: true })}>
              <option value="">{t('list.everyone')}</option>
              {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
        </div>
      ) : null}
      <section className="card sales-totals" aria-labelledby="sales-month" data-testid="sales-totals">
        <h2 id="sales-month">{t('list.month', { month })}</h2>
        <dl>
          <div><dt>{t('list.monthCount')}</dt><dd data-testid="sales-month-count">{fmt.number(totals.count)}</dd></div>
          <div><dt>{t('list.monthRevenue')}</dt><dd data-testid="sales-month-revenue">{fmt.money(totals.revenue)}</dd></div>
        </dl>
      </section>
      {sales === null ? <PageSpinner /> : shown.length === 0 ? (
        <div className="empty"><Icon name="tag" /><p>{t('list.empty')}</p></div>
      ) : (
        <SalesList sales={shown} showPerson={seesAll} names={names} fmt={fmt} />
      )}
    </div>
  );
}

function SalesList({ sales, showPerson, names, fmt }: { sales: readonly Sale[]; showPerson: boolean; names: ReadonlyMap<string, string>; fmt: Formatter }) {
  const { t } = useTranslation('sales');
  const { model, snapshot } = useInventory();
  const customers = useCustomerStore();
  return (
    <VirtualList
      items={sales}
      rowHeight={110}
      label={t('list.label', { count: sales.length })}
      testId="sales-list"
      getKey={(s: Sale) => s.id}
      render={(s) => (
        <SaleRow
          sale={s}
          vehicle={snapshot.ready ? model.get(s.vehicle_id) : undefined}
          customer={customers.byId.get(s.customer_id)?.name}
          person={showPerson ? (names.get(s.salesperson_id) ?? t('list.unknownPerson')) : null}
          fmt={fmt}
        />
      )}
    />
  );
}

function SaleRow({ sale, vehicle, customer, person, fmt }: { sale: Sale; vehicle: IndexedVehicle | undefined; customer: string | undefined; person: string | null; fmt: Formatter }) {
  const { t } = useTranslation('sales');
  return (
    <article className="card sale-row" data-testid="sale-item" aria-label={vehicle ? `${vehicleTitle(vehicle.v)} ${vehicle.v.year}` : t('list.unknownVehicle')}>
      <div className="sale-row-main">
        <Link to={`/inventory/${sale.vehicle_id}`}>
          <strong>{vehicle ? `${vehicleTitle(vehicle.v)} ${vehicle.v.year}` : t('list.unknownVehicle')}</strong>
        </Link>
        <Link to={`/customers/${sale.customer_id}`} className="muted">{customer ?? t('list.unknownCustomer')}</Link>
        {person ? <span className="muted">{t('list.by', { name: person })}</span> : null}
      </div>
      <div className="sale-row-side">
        <strong>{fmt.money(sale.sale_price)}</strong>
        <span className="muted">{fmt.date(sale.sale_date)}</span>
        <span className={`badge ${STATUS_TONE[sale.status]}`}>{t(`status.${sale.status}`)}</span>
      </div>
    </article>
  );
}
