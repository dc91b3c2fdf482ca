import { LEAD_STATUSES, type LeadStatus } from '@lotbook/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequiredSession } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { customerName, useCustomers, useLeads } from './useCustomers.ts';
import './leads.css';

/** My leads and unassigned ones (managers see all), newest activity first. */
export default function LeadsScreen() {
  const { t } = useTranslation('leads');
  usePageTitle(t('list.title'));
  const { user } = useRequiredSession();
  const fmt = useFormat();
  const leads = useLeads();
  const customers = useCustomers();
  const [status, setStatus] = useState<LeadStatus | ''>('');
  const byId = useMemo(() => new Map(customers.map((c) => [c.id, c])), [customers]);
  const seesAll = user.role === 'manager' || user.role === 'admin';
  const rows = useMemo(
    () => (leads ?? [])
      .filter((l) => seesAll || l.assigned_to === user.id || l.assigned_to === null)
      .filter((l) => !status || l.status === status)
      .toSorted((a, b) => b.updated_at.localeCompare(a.updated_at)),
    [leads, seesAll, user.id, status],
  );
  if (leads === null) return <PageSpinner />;
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('list.title')}</h1>
        <Link to="/leads/new" className="btn btn-primary"><Icon name="plus" />{t('list.new')}</Link>
      </div>
      <label className="field">{t('list.filter')}
        <select className="input" value={status} onChange={(e) => setStatus(e.target.value as LeadStatus | '')}>
          <option value="">{t('list.all')}</option>
          {LEAD_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
        </select>
      </label>
      {rows.length === 0 ? <p className="muted">{t('list.empty')}</p> : (
        <ul className="leads-list" aria-label={t('list.title')}>
          {rows.map((l) => (
            <li key={l.id}>
              <Link to={`/leads/${l.id}`} className="card leads-item">
                <span><strong>{customerName(byId.get(l.customer_id))}</strong><br /><span className="muted">{fmt.relative(l.updated_at)}</span></span>
                <span className="badge">{t(`status.${l.status}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
