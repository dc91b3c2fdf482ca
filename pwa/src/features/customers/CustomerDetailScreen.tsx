import type { Customer, LeadStatus, Sale, SaleStatus } from '@lotbook/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useRequiredSession } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { canWrite } from '../inventory/permissions.ts';
import { useInventory } from '../inventory/useInventory.ts';
import { vehicleTitle } from '../inventory/VehicleBits.tsx';
import { useCustomerSales } from '../sales/useSales.ts';
import { customerName } from './customer-index.ts';
import { CustomerEditForm } from './CustomerEditForm.tsx';
import { useCustomerDoc, useCustomerLeads } from './useCustomerStore.ts';
import './customers.css';

const LEAD_TONE: Record<LeadStatus, string> = {
  new: 'badge-info', contacted: 'badge-brand', qualified: 'badge-brand', negotiating: 'badge-warning', closed_won: 'badge-success', closed_lost: '',
};
const SALE_TONE: Record<SaleStatus, string> = { completed: 'badge-success', pending: 'badge-warning', cancelled: '' };

/** A customer's contact data (tap to call or write), their leads and their purchases. */
export default function CustomerDetailScreen() {
  const { t } = useTranslation('customers');
  const { id } = useParams();
  const doc = useCustomerDoc(id);
  const { user } = useRequiredSession();
  const [editing, setEditing] = useState(false);
  const c = doc ? (doc.toJSON() as Customer) : null;
  usePageTitle(c ? customerName(c) : t('list.title'));

  if (doc === undefined) return <PageSpinner />;
  if (!doc || !c) {
    return (
      <div className="page page-narrow">
        <div className="empty">
          <Icon name="user" />
          <p>{t('detail.notFound')}</p>
          <Link to="/customers" className="btn">{t('detail.back')}</Link>
        </div>
      </div>
    );
  }
  return (
    <div className="page page-narrow">
      <div className="page-header">
        <Link to="/customers" className="btn btn-ghost btn-icon" aria-label={t('detail.back')}><Icon name="back" /></Link>
        <h1>{customerName(c)}</h1>
        {c.is_active ? null : <span className="badge">{t('inactive')}</span>}
      </div>
      <section className="card cust-section" aria-labelledby="cust-contact">
        <h2 id="cust-contact">{editing ? t('edit.title') : t('detail.contact')}</h2>
        {editing ? <CustomerEditForm doc={doc} onDone={() => setEditing(false)} /> : (
          <>
            <ContactFacts c={c} />
            {canWrite(user.role) ? (
              <div className="cust-contact">
                <button type="button" className="btn" onClick={() => setEditing(true)}><Icon name="edit" />{t('detail.edit')}</button>
                <Link to={`/sales/new?customer=${c.id}`} className="btn"><Icon name="tag" />{t('detail.newSale')}</Link>
              </div>
            ) : null}
          </>
        )}
      </section>
      <CustomerLeads customerId={c.id} />
      <CustomerSales customerId={c.id} />
    </div>
  );
}

function ContactFacts({ c }: { c: Customer }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  return (
    <>
      <div className="cust-contact">
        {c.phone ? <a className="btn" href={`tel:${c.phone}`}><Icon name="user" />{t('detail.call', { phone: fmt.phone(c.phone) })}</a> : null}
        {c.email ? <a className="btn" href={`mailto:${c.email}`}><Icon name="info" />{t('detail.sendEmail', { email: c.email })}</a> : null}
      </div>
      <dl className="cust-facts">
        <div><dt>{t('detail.phone')}</dt><dd data-testid="customer-phone">{fmt.phone(c.phone)}</dd></div>
        <div><dt>{t('detail.email')}</dt><dd data-testid="customer-email">{c.email ?? '—'}</dd></div>
        {c.address ? <div><dt>{t('detail.address')}</dt><dd>{c.address}</dd></div> : null}
        {c.national_id ? <div><dt>{t('detail.nationalId')}</dt><dd>{c.national_id}</dd></div> : null}
      </dl>
    </>
  );
}

function CustomerLeads({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const leads = useCustomerLeads(customerId);
  return (
    <section className="card cust-section" aria-labelledby="cust-leads">
      <h2 id="cust-leads">{t('detail.leads')}</h2>
      {leads.length === 0 ? <p className="muted">{t('detail.noLeads')}</p> : (
        <ul className="cust-items" data-testid="customer-leads">
          {leads.map((l) => (
            <li key={l.id}>
              <Link to={`/leads/${l.id}`} className="cust-item">
                <span className="cust-item-main">
                  <strong>{l.notes?.split('\n')[0]?.slice(0, 80) || t('detail.leadFallback', { date: fmt.date(l.created_at) })}</strong>
                  <span className="muted">{t('detail.leadUpdated', { when: fmt.relative(l.updated_at) })}</span>
                </span>
                <span className={`badge ${LEAD_TONE[l.status]}`}>{t(`leadStatus.${l.status}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CustomerSales({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const sales = useCustomerSales(customerId);
  return (
    <section className="card cust-section" aria-labelledby="cust-sales">
      <h2 id="cust-sales">{t('detail.sales')}</h2>
      {sales === null ? null : sales.length === 0 ? <p className="muted">{t('detail.noSales')}</p> : (
        <ul className="cust-items" data-testid="customer-sales">
          {sales.map((s) => <li key={s.id}><SaleItem sale={s} /></li>)}
        </ul>
      )}
    </section>
  );
}

function SaleItem({ sale }: { sale: Sale }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const { model, snapshot } = useInventory();
  const v = snapshot.ready ? model.get(sale.vehicle_id)?.v : undefined;
  return (
    <Link to={`/inventory/${sale.vehicle_id}`} className="cust-item" data-testid="customer-sale">
      <span className="cust-item-main">
        <strong>{v ? `${vehicleTitle(v)} ${v.year}` : t('detail.unknownVehicle')}</strong>
        <span className="muted">{fmt.date(sale.sale_date)}</span>
      </span>
      <strong>{fmt.money(sale.sale_price)}</strong>
      <span className={`badge ${SALE_TONE[sale.status]}`}>{t(`saleStatus.${sale.status}`)}</span>
    </Link>
  );
}
