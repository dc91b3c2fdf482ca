import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { LinkError, LinkPage } from './LinkPage.tsx';
import { linkErrorKey, postPublic, tokenFromHash } from './public-api.ts';

type State = { kind: 'checking' } | { kind: 'ready'; email: string; first_name: string } | { kind: 'done'; email: string } | { kind: 'invalid'; errorKey: string };

/** `/set-password#token=…`: the one-time link an admin or manager hands over (or `pnpm lotbook setup` prints). */
export default function SetPasswordScreen() {
  const { t } = useTranslation('admin');
  usePageTitle(t('setPassword.title'));
  const id = useId();
  const [token] = useState(() => tokenFromHash(globalThis.location?.hash ?? ''));
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!token) return setState({ kind: 'invalid', errorKey: 'admin:errors.linkInvalid' });
    postPublic<{ email: string; first_name: string }>('/api/v1/password-links/check', { token }).then(
      (who) => setState({ kind: 'ready', ...who }),
      (err: unknown) => setState({ kind: 'invalid', errorKey: linkErrorKey(err) }),
    );
  }, [token]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password.length < 8) return setError('admin:errors.passwordShort');
    if (password !== confirm) return setError('admin:errors.passwordMismatch');
    setBusy(true);
    setError(null);
    try {
      const { email } = await postPublic<{ email: string }>('/api/v1/password-links/use', { token, password });
      globalThis.history?.replaceState(null, '', globalThis.location.pathname);
      setState({ kind: 'done', email });
    } catch (err) {
      setError(linkErrorKey(err));
    }
    setBusy(false);
  }

  return (
    <LinkPage title={t('setPassword.title')}>
      {state.kind === 'checking' ? <p role="status">{t('checking')}</p> : null}
      {state.kind === 'invalid' ? <LinkError errorKey={state.errorKey} /> : null}
      {state.kind === 'done' ? (
        <>
          <p role="status" data-testid="password-set">{t('setPassword.done', { email: state.email })}</p>
          <Link className="btn btn-primary btn-block" to="/">{t('goToLogin')}</Link>
        </>
      ) : null}
      {state.kind === 'ready' ? (
        <form className="stack" onSubmit={submit}>
          <p>{t('setPassword.hello', { name: state.first_name, email: state.email })}</p>
          {error ? <LinkError errorKey={error} /> : null}
          <input type="email" autoComplete="username" value={state.email} readOnly hidden />
          <div className="field">
            <label htmlFor={`${id}-pw`}>{t('newPassword')}</label>
            <input id={`${id}-pw`} className="input" type="password" autoComplete="new-password" minLength={8} required value={password} onChange={(e) => setPassword(e.target.value)} />
            <p className="muted">{t('passwordHint')}</p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-pw2`}>{t('confirmPassword')}</label>
            <input id={`${id}-pw2`} className="input" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {t('setPassword.submit')}
          </button>
        </form>
      ) : null}
    </LinkPage>
  );
}
