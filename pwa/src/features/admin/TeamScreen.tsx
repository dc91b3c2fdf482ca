import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import type { Role } from '@lotbook/shared';
import { useRequiredSession } from '../../app/hooks.ts';
import { ApiFailure } from '../../auth/api-failure.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { showToast } from '../../ui/toast.tsx';
import { useOnline } from '../../ui/useOnline.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { LinkError } from './LinkPage.tsx';
import { MemberForm } from './MemberForm.tsx';
import { teamApi, type Member, type MemberInput } from './team-api.ts';
import './admin.css';

type Open = null | { kind: 'create' } | { kind: 'edit'; m: Member } | { kind: 'deactivate'; m: Member } | { kind: 'link'; name: string; link: string };

const errorKey = (err: unknown) =>
  err instanceof ApiFailure ? (err.status === 0 ? 'admin:errors.offline' : err.error === 'email_taken' ? 'admin:errors.emailTaken' : err.status === 403 ? 'admin:errors.forbidden' : err.status === 400 ? 'admin:errors.validation' : 'admin:errors.generic') : 'admin:errors.generic';

/** `/admin/team`: admins and managers run the team; viewers read it; salespeople are sent away. Online only. */
export default function TeamScreen() {
  const { t } = useTranslation('admin');
  usePageTitle(t('team.title'));
  const { user } = useRequiredSession();
  const online = useOnline();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [reassign, setReassign] = useState('');
  const manage = user.role === 'admin' || user.role === 'manager';
  const roles: readonly Role[] = user.role === 'admin' ? ['admin', 'manager', 'sales', 'viewer'] : ['manager', 'sales', 'viewer'];

  const load = useCallback(() => {
    teamApi.list().then(
      (items) => {
        setMembers(items);
        setError(null);
      },
      (err: unknown) => setError(errorKey(err)),
    );
  }, []);
  useEffect(() => {
    if (online && user.role !== 'sales') load();
  }, [online, load, user.role]);

  if (user.role === 'sales') return <Navigate to="/today" replace />;

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      load();
    } catch (err) {
      setError(errorKey(err));
      setOpen(null);
    }
    setBusy(false);
  }
  const create = (m: MemberInput) =>
    run(async () => {
      const { user: u, link } = await teamApi.create(m);
      setOpen({ kind: 'link', name: `${u.first_name} ${u.last_name}`.trim(), link });
    });
  const edit = (id: string, m: MemberInput) =>
    run(async () => {
      await teamApi.edit(id, m);
      setOpen(null);
      showToast(t('team.saved'));
    });
  const deactivate = (m: Member) =>
    run(async () => {
      const r = await teamApi.deactivate(m.id, reassign || null);
      setOpen(null);
      showToast(t('team.deactivated', { count: r.leads_moved }));
    });
  const reactivate = (m: Member) => run(async () => void (await teamApi.reactivate(m.id)));
  const reset = (m: Member) =>
    run(async () => {
      const { link } = await teamApi.resetPassword(m.id);
      setOpen({ kind: 'link', name: `${m.first_name} ${m.last_name}`.trim(), link });
    });
  const owners = (members ?? []).filter((m) => m.is_active && m.role !== 'viewer' && open?.kind === 'deactivate' && m.id !== open.m.id);

  return (
    <div className="page page-narrow stack">
      <div className="row admin-head">
        <h1>{t('team.title')}</h1>
        {manage ? <button type="button" className="btn btn-primary" disabled={!online} onClick={() => setOpen({ kind: 'create' })}>{t('team.add')}</button> : null}
      </div>
      {!online ? <p className="alert alert-warning" role="status">{t('needsConnection')}</p> : null}
      {error ? <LinkError errorKey={error} /> : null}
      {members === null && online && !error ? <p role="status">{t('loading')}</p> : null}
      <ul className="admin-list" aria-label={t('team.title')}>
        {(members ?? []).map((m) => (
          <li key={m.id} className="card admin-item" data-testid="team-member">
            <div>
              <strong>{m.first_name} {m.last_name}</strong> <span className="muted">{t(`common:roles.${m.role}`)}</span>
              {m.is_active ? null : <span className="badge">{t('team.inactive')}</span>}
              <div className="muted admin-email">{m.email}</div>
            </div>
            {manage && m.id !== user.id && (user.role === 'admin' || m.role !== 'admin') ? (
              <div className="row admin-actions">
                <button type="button" className="btn" disabled={!online || busy} onClick={() => setOpen({ kind: 'edit', m })}>{t('team.edit')}</button>
                {m.is_active ? (
                  <>
                    <button type="button" className="btn" disabled={!online || busy} onClick={() => void reset(m)}>{t('team.reset')}</button>
                    <button type="button" className="btn btn-danger" disabled={!online || busy} onClick={() => { setReassign(''); setOpen({ kind: 'deactivate', m }); }}>{t('team.deactivate')}</button>
                  </>
                ) : (
                  <button type="button" className="btn" disabled={!online || busy} onClick={() => void reactivate(m)}>{t('team.reactivate')}</button>
                )}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <Dialog open={open?.kind === 'create' || open?.kind === 'edit'} onClose={() => setOpen(null)} title={open?.kind === 'edit' ? t('team.edit') : t('team.add')} testId="member-dialog">
        {open?.kind === 'create' || open?.kind === 'edit' ? (
          <MemberForm key={open.kind === 'edit' ? open.m.id : 'new'} initial={open.kind === 'edit' ? open.m : undefined} roles={roles} busy={busy} onCancel={() => setOpen(null)} onSubmit={(m) => void (open.kind === 'edit' ? edit(open.m.id, m) : create(m))} />
        ) : null}
      </Dialog>
      <Dialog open={open?.kind === 'deactivate'} onClose={() => setOpen(null)} role="alertdialog" title={open?.kind === 'deactivate' ? t('team.deactivateTitle', { name: open.m.first_name }) : ''} testId="deactivate-dialog">
        {open?.kind === 'deactivate' ? (
          <div className="stack">
            <p>{t('team.deactivateBody')}</p>
            <div className="field">
              <label htmlFor="reassign-to">{t('team.reassignTo')}</label>
              <select id="reassign-to" className="input" value={reassign} onChange={(e) => setReassign(e.target.value)}>
                <option value="">{t('team.unassigned')}</option>
                {owners.map((m) => <option key={m.id} value={m.id}>{m.first_name} {m.last_name}</option>)}
              </select>
            </div>
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => setOpen(null)}>{t('cancel')}</button>
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void deactivate(open.m)}>{t('team.deactivate')}</button>
            </div>
          </div>
        ) : null}
      </Dialog>
      <Dialog open={open?.kind === 'link'} onClose={() => setOpen(null)} title={t('team.linkTitle')} testId="link-dialog">
        {open?.kind === 'link' ? (
          <div className="stack">
            <p>{t('team.linkBody', { name: open.name })}</p>
            <label htmlFor="one-time-link">{t('team.link')}</label>
            <input id="one-time-link" className="input" readOnly value={open.link} data-testid="one-time-link" onFocus={(e) => e.currentTarget.select()} />
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => void navigator.clipboard?.writeText(open.link).then(() => showToast(t('team.copied')))}>{t('team.copy')}</button>
              <button type="button" className="btn btn-primary" onClick={() => setOpen(null)}>{t('close')}</button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}
