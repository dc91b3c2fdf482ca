import { LEAD_STATUSES, type LeadStatus } from '@lotbook/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../import/ExportButtons.tsx';
import { Link } from 'react-router';
import { useRequiredSession } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { canWrite } from '../inventory/permissions.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { VirtualList } from '../../ui/VirtualList.tsx';
import { byUpdatedDesc, canMoveLeads, filterByCustomer, visibleLeads } from './kanban.ts';
import { LeadsBoard } from './LeadsBoard.tsx';
import { customerName, useCustomers, useLeads } from './useCustomers.ts';
import './leads.css';

type LeadsView = 'board' | 'list';
const VIEW_KEY = 'lotbook.leadsView';

/** Board or list, remembered on this device (the board by default, on every screen size). */
function useLeadsView(): [LeadsView, (v: LeadsView) => void] {
  const [view, setView] = useState<LeadsView>(() => (globalThis.localStorage?.getItem(VIEW_KEY) === 'list' ? 'list' : 'board'));
  return [
    view,
    (v) => {
      globalThis.localStorage?.setItem(VIEW_KEY, v);
      setView(v);
    },
  ];
}

/** The export takes the screen's filters: the list's status and the name search. */
function leadExportParams(status: LeadStatus | '', query: string): Record<string, string> {
  return { ...(status ? { status } : {}), ...(query.trim() ? { search: query.trim() } : {}) };
}

/** My leads and unassigned ones (other roles see all), as a kanban board or a list; one name filter for both. */
export default function LeadsScreen() {
  const { t } = useTranslation('leads');
  usePageTitle(t('list.title'));
  const { user } = useRequiredSession();
  const fmt = useFormat();
  const leads = useLeads();
  const customers = useCustomers();
  const [view, setView] = useLeadsView();
  const [status, setStatus] = useState<LeadStatus | ''>('');
  const [query, setQuery] = useState('');
  const byId = useMemo(() => new Map(customers.map((c) => [c.id, c])), [customers]);
  const shown = useMemo(
    () => filterByCustomer(visibleLeads(leads ?? [], user), byId, query),
    [leads, user, byId, query],
  );
  const rows = useMemo(
    () => shown.filter((l) => !status || l.status === status).toSorted(byUpdatedDesc),
    [shown, status],
  );
  function showList(s: LeadStatus) {
    setStatus(s);
    setView('list');
  }

  return (
    <div className="page" data-testid="leads-screen" aria-busy={leads === null}>
      <div className="page-header leads-header">
        <h1>{t('list.title')}</h1>
        <fieldset className="switch-group">
          <legend className="visually-hidden">{t('view.label')}</legend>
          <div className="segmented">
            {(['board', 'list'] as const).map((v) => (
              <label key={v}>
                <input type="radio" name="leads-view" value={v} checked={view === v} onChange={() => setView(v)} />
                <span>{t(`view.${v}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {canWrite(user.role) ? <Link to="/leads/new" className="btn btn-primary"><Icon name="plus" />{t('list.new')}</Link> : null}
      </div>
      <ExportButtons entity="leads" params={leadExportParams(view === 'list' ? status : '', query)} />
      <div className="leads-toolbar">
        <label className="field">{t('search.label')}
          <input className="input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('search.placeholder')} autoComplete="off" />
        </label>
        {view === 'list' ? (
          <label className="field">{t('list.filter')}
            <select className="input" value={status} onChange={(e) => setStatus(e.target.value as LeadStatus | '')}>
              <option value="">{t('list.all')}</option>
              {LEAD_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          </label>
        ) : null}
      </div>
      {leads === null ? <PageSpinner /> : view === 'board' ? (
        <LeadsBoard leads={shown} customers={byId} canMove={canMoveLeads(user.role)} onShowList={showList} />
      ) : rows.length === 0 ? <p className="muted">{t('list.empty')}</p> : (
        // Virtualized: a manager's list holds every lead of the dealership (20,000 on the large seed).
        <VirtualList
          items={rows}
          rowHeight={72}
          label={t('list.title')}
          testId="leads-list"
          getKey={(l) => l.id}
          render={(l) => (
            <Link to={`/leads/${l.id}`} className="card leads-item">
              <span><strong>{customerName(byId.get(l.customer_id))}</strong><br /><span className="muted">{fmt.relative(l.updated_at)}</span></span>
              <span className="badge">{t(`status.${l.status}`)}</span>
            </Link>
          )}
        />
      )}
    </div>
  );
}
