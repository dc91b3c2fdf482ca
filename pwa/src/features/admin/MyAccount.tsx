import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequiredSession } from '../../app/hooks.ts';
import { api, sessionStore } from '../../app/runtime.ts';
import { ApiFailure } from '../../auth/api-failure.ts';
import type { Session } from '../../auth/session.ts';
import { showToast } from '../../ui/toast.tsx';
import { useOnline } from '../../ui/useOnline.ts';
import { LinkError } from './LinkPage.tsx';

interface Sessions {
  sessions: { family_id: string; signed_in_at: string; last_active_at: string; current?: boolean }[];
  devices: { device_id: string; user_agent: string | null; last_pull_at: string | null }[];
}

const keyOf = (err: unknown) =>
  err instanceof ApiFailure ? (err.status === 0 ? 'admin:errors.offline' : err.status === 401 || err.error === 'invalid_credentials' ? 'admin:account.wrongPassword' : err.status === 400 ? 'admin:errors.validation' : 'admin:errors.generic') : 'admin:errors.generic';

/** In Settings, for everyone: my name and phone, my password, and my signed-in sessions. Online only. */
export function MyAccount() {
  const { t, i18n } = useTranslation('admin');
  const { user } = useRequiredSession();
  const online = useOnline();
  const id = useId();
  const [name, setName] = useState({ first_name: user.first_name, last_name: user.last_name, phone: '' });
  const [pw, setPw] = useState({ current: '', next: '' });
  const [list, setList] = useState<Sessions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => void api.get<Sessions>('/api/v1/account/sessions').then(setList, () => undefined), []);
  useEffect(() => {
    if (online) load();
  }, [online, load]);

  async function act(fn: () => Promise<void>) {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(keyOf(err));
    }
  }
  const saveProfile = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await api.patch('/api/v1/account', { first_name: name.first_name, last_name: name.last_name, ...(name.phone ? { phone: name.phone } : {}) });
      const s = sessionStore.get();
      if (s) sessionStore.set({ ...s, user: { ...s.user, first_name: name.first_name, last_name: name.last_name } });
      showToast(t('team.saved'));
    });
  };
  const changePassword = (e: FormEvent) => {
    e.preventDefault();
    if (pw.next.length < 8) return setError('admin:errors.passwordShort');
    void act(async () => {
      const fresh = await api.post<Partial<Session>>('/api/v1/auth/change-password', { current_password: pw.current, new_password: pw.next });
      const s = sessionStore.get();
      if (s && fresh.access_token && fresh.refresh_token) sessionStore.set({ ...s, access_token: fresh.access_token, refresh_token: fresh.refresh_token });
      setPw({ current: '', next: '' });
      showToast(t('account.passwordChanged'));
      load();
    });
  };
  const signOut = (family: string) => act(async () => {
    await api.post(`/api/v1/account/sessions/${family}/sign-out`, {});
    load();
  });
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : '—');

  return (
    <div className="stack">
      {!online ? <p className="alert alert-warning" role="status">{t('needsConnection')}</p> : null}
      {error ? <LinkError errorKey={error} /> : null}
      <form className="stack" onSubmit={saveProfile} aria-label={t('account.profile')}>
        {(['first_name', 'last_name', 'phone'] as const).map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`${id}-${k}`}>{k === 'phone' ? t('team.phone') : k === 'first_name' ? t('firstName') : t('lastName')}</label>
            <input id={`${id}-${k}`} className="input" type={k === 'phone' ? 'tel' : 'text'} required={k === 'first_name'} maxLength={k === 'phone' ? 20 : 80} value={name[k]} onChange={(e) => setName((v) => ({ ...v, [k]: e.target.value }))} />
          </div>
        ))}
        <button type="submit" className="btn" disabled={!online}>{t('save')}</button>
      </form>
      <form className="stack" onSubmit={changePassword} aria-label={t('account.password')}>
        <input type="text" autoComplete="username" value={user.email} readOnly hidden />
        <div className="field">
          <label htmlFor={`${id}-cur`}>{t('account.currentPassword')}</label>
          <input id={`${id}-cur`} className="input" type="password" autoComplete="current-password" required value={pw.current} onChange={(e) => setPw((v) => ({ ...v, current: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('newPassword')}</label>
          <input id={`${id}-new`} className="input" type="password" autoComplete="new-password" minLength={8} required value={pw.next} onChange={(e) => setPw((v) => ({ ...v, next: e.target.value }))} />
        </div>
        <button type="submit" className="btn" disabled={!online}>{t('account.changePassword')}</button>
        <p className="muted">{t('account.passwordNote')}</p>
      </form>
      <h3>{t('account.sessions')}</h3>
      <ul className="admin-list">
        {(list?.sessions ?? []).map((s) => (
          <li key={s.family_id} className="admin-item card" data-testid="account-session">
            <span>{t('account.session', { since: when(s.signed_in_at), last: when(s.last_active_at) })}</span>
            {s.current ? (
              <span className="badge" data-testid="this-device">{t('account.thisDevice')}</span>
            ) : (
              <button type="button" className="btn" disabled={!online} onClick={() => void signOut(s.family_id)}>{t('account.signOut')}</button>
            )}
          </li>
        ))}
      </ul>
      {list?.devices.length ? (
        <>
          <h3>{t('account.devices')}</h3>
          <ul className="admin-list">
            {list.devices.map((d) => (
              <li key={d.device_id} className="admin-item card"><span className="admin-email">{d.user_agent ?? d.device_id}</span><span className="muted">{t('account.lastSync', { when: when(d.last_pull_at) })}</span></li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
