import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useRequiredSession } from '../../app/hooks.ts';
import { api } from '../../app/runtime.ts';
import { useOnline } from '../../ui/useOnline.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { LinkError } from './LinkPage.tsx';
import { teamApi, type Member } from './team-api.ts';
import './admin.css';

interface Row {
  id: number;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  request_id: string | null;
  created_at: string;
}

const ENTITIES = ['', 'users', 'dealerships', 'vehicles', 'leads', 'customers', 'sales', 'sessions'];
const ACTIONS = ['', 'create', 'update', 'delete', 'login', 'login_failed', 'logout', 'password_change', 'password_reset', 'deactivate', 'reactivate'];

/** `/admin/audit`: who changed what and when, with filters (admins). Online only, over GET /api/v1/audit. */
export default function AuditScreen() {
  const { t, i18n } = useTranslation('admin');
  usePageTitle(t('audit.title'));
  const { user } = useRequiredSession();
  const online = useOnline();
  const id = useId();
  const [filters, setFilters] = useState({ entity: '', action: '', user_id: '' });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ count: number; results: Row[] } | null>(null);
  const [team, setTeam] = useState<Member[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (online && user.role === 'admin') void teamApi.list().then(setTeam, () => undefined);
  }, [online, user.role]);
  useEffect(() => {
    if (!online || user.role !== 'admin') return;
    const q = new URLSearchParams({ page: String(page), page_size: '50' });
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    api.get<{ count: number; results: Row[] }>(`/api/v1/audit?${q.toString()}`).then(
      (d) => {
        setData(d);
        setError(null);
      },
      () => setError('admin:errors.generic'),
    );
  }, [online, user.role, filters, page]);
  if (user.role !== 'admin') return <Navigate to="/settings" replace />;

  const who = (uid: string | null) => {
    const m = team.find((x) => x.id === uid);
    return m ? `${m.first_name} ${m.last_name}`.trim() : uid ? uid.slice(0, 8) : t('audit.system');
  };
  const select = (k: keyof typeof filters, label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <select id={`${id}-${k}`} className="input" value={filters[k]} onChange={(e) => { setPage(1); setFilters((f) => ({ ...f, [k]: e.target.value })); }}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  const pages = data ? Math.max(1, Math.ceil(data.count / 50)) : 1;

  return (
    <div className="page page-narrow stack">
      <h1>{t('audit.title')}</h1>
      {!online ? <p className="alert alert-warning" role="status">{t('needsConnection')}</p> : null}
      {error ? <LinkError errorKey={error} /> : null}
      <div className="stack card admin-item">
        {select('user_id', t('audit.who'), [{ value: '', label: t('audit.all') }, ...team.map((m) => ({ value: m.id, label: `${m.first_name} ${m.last_name}`.trim() }))])}
        {select('entity', t('audit.what'), ENTITIES.map((e) => ({ value: e, label: e || t('audit.all') })))}
        {select('action', t('audit.action'), ACTIONS.map((a) => ({ value: a, label: a || t('audit.all') })))}
      </div>
      {data ? <p className="muted" role="status">{t('audit.count', { count: data.count })}</p> : null}
      <ul className="admin-list" aria-label={t('audit.title')}>
        {(data?.results ?? []).map((r) => (
          <li key={r.id} className="card admin-item" data-testid="audit-row">
            <div><strong>{who(r.user_id)}</strong> · {r.action} · {r.entity}</div>
            <div className="muted admin-email">{new Date(r.created_at).toLocaleString(i18n.language)}{r.entity_id ? ` · ${r.entity_id}` : ''}{r.request_id ? ` · ${t('audit.request')} ${r.request_id.slice(0, 8)}` : ''}</div>
          </li>
        ))}
      </ul>
      <div className="row admin-actions">
        <button type="button" className="btn" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>{t('audit.previous')}</button>
        <span className="muted">{t('audit.page', { page, pages })}</span>
        <button type="button" className="btn" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>{t('audit.next')}</button>
      </div>
    </div>
  );
}
